import type { PlainStep } from "../scenario/schema.ts";

/** A short human title for a step, used in reports and error locations. */
export function describeStep(step: PlainStep): string {
  const as = step.as ? ` as ${step.as}` : "";
  if ("login" in step) return `login${as}${step.login?.user ? ` (user ${step.login.user})` : ""}`;
  if ("use" in step) return `use ${step.use}${as}`;
  if ("logout" in step) return `logout${as}`;
  if ("action" in step) return `${step.action}${as}`;
  if ("request" in step)
    return `request ${step.request.method} ${step.request.path}${step.request.auth === "session" ? as || " as default" : ""}`;
  const { idle, absolute, keepAlive } = step.expire;
  return `expire${idle ? ` idle ${idle}` : ""}${absolute ? ` absolute ${absolute}` : ""}${keepAlive ? ` keeping alive every ${keepAlive}` : ""}`;
}
