const MAX_SHOWN = 80;

function clip(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}… (${text.length.toLocaleString("en")} characters)` : text;
}

/**
 * A value from a scenario file as a message quotes it: numbers in YAML's spelling
 * (`.inf`, not JSON's `null`), long strings clipped, and cycles (which YAML aliases can
 * build) shown as [circular] instead of throwing.
 */
export function showValue(value: unknown): string {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(clip(value));
  const seen = new WeakSet<object>();
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "number" && !Number.isFinite(v)) return showValue(v);
      if (typeof v !== "object" || v === null) return v;
      if (seen.has(v)) return "[circular]";
      seen.add(v);
      return v;
    });
    return clip(text ?? String(value));
  } catch {
    return clip(String(value));
  }
}
