/** `50% of latestAccessUpdateFrequency`: a share of a duration-valued deployment option. */
export const OF_OPTION = /^(\d+(?:\.\d+)?)% of ([A-Za-z][A-Za-z0-9_]*)$/;

/** How an expression scales: with the margin (past/before), with the timeout (N%), with an option, or not at all. */
export function timeExprKind(expr: string): "margin" | "share" | "option" | "literal" {
  if (expr === "past" || expr === "before") return "margin";
  if (OF_OPTION.test(expr)) return "option";
  return expr.endsWith("%") ? "share" : "literal";
}
