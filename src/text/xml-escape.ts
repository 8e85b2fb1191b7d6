/**
 * The one XML escaper. Drivers write XML bodies with it, mocks their documents, JUnit its
 * report, and the secret registry uses it to know a secret's XML-escaped form — so what is
 * written and what is searched for can never disagree. A leaf: it imports nothing.
 */
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
