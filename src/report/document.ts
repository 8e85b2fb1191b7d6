/**
 * A small document, written once and rendered twice: as Markdown (reports/statement.md, for a
 * repository or a ticket) and as a standalone HTML page (reports/statement.html, to print or
 * attach). Only what the conformance statement needs.
 */
export type Inline = string | { text: string; href: string } | { code: string };

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; parts: Inline[]; tone?: "pass" | "fail" }
  | { kind: "facts"; rows: [string, Inline[]][] }
  | { kind: "table"; headers: string[]; rows: Inline[][][] }
  | { kind: "list"; items: { parts: Inline[]; sub?: Inline[][] }[] };

const mdText = (text: string) => text.replace(/([\\`*_[\]<>|])/g, "\\$1").replace(/\n/g, " ");
function mdInline(part: Inline): string {
  if (typeof part === "string") return mdText(part);
  if ("href" in part) return `[${mdText(part.text)}](${part.href.replace(/[()\s]/g, encodeURIComponent)})`;
  return `\`${part.code.replace(/`/g, "'")}\``;
}
const md = (parts: readonly Inline[]) => parts.map(mdInline).join("");

function mdTable(headers: readonly string[], rows: readonly (readonly Inline[])[][]): string[] {
  return [
    `| ${headers.map(mdText).join(" | ")} |`,
    `|${headers.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(md).join(" | ")} |`),
  ];
}

export function renderMarkdown(blocks: readonly Block[]): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.kind === "heading") out.push(`${"#".repeat(block.level)} ${mdText(block.text)}`);
    else if (block.kind === "paragraph") out.push(md(block.parts));
    else if (block.kind === "facts")
      out.push(
        ...mdTable(
          ["", ""],
          block.rows.map(([key, value]) => [[key], value]),
        ),
      );
    else if (block.kind === "table") out.push(...mdTable(block.headers, block.rows));
    else
      for (const item of block.items) {
        out.push(`- ${md(item.parts)}`);
        for (const sub of item.sub ?? []) out.push(`  - ${md(sub)}`);
      }
    out.push("");
  }
  return out.join("\n");
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
function htmlInline(part: Inline): string {
  if (typeof part === "string") return escapeHtml(part);
  if ("href" in part) return `<a href="${escapeHtml(part.href)}">${escapeHtml(part.text)}</a>`;
  return `<code>${escapeHtml(part.code)}</code>`;
}
const html = (parts: readonly Inline[]) => parts.map(htmlInline).join("");

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1d2433}
h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #ccd;padding-bottom:.2em}h3{margin-top:1.2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #ccd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f1f3f8}td:first-child{white-space:nowrap}code{font-size:.9em;word-break:break-all}.verdict{font-size:1.3em;font-weight:600;padding:.6em .8em;border-radius:6px}
.fail{background:#fde8e8;color:#8a1111}.pass{background:#e6f6ea;color:#115c26}@media print{body{margin:0}}`;

export function renderHtml(blocks: readonly Block[], title: string): string {
  const body = blocks.map((block) => {
    if (block.kind === "heading") return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    if (block.kind === "paragraph") return `<p${block.tone ? ` class="verdict ${block.tone}"` : ""}>${html(block.parts)}</p>`;
    if (block.kind === "facts")
      return `<table>${block.rows.map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${html(value)}</td></tr>`).join("")}</table>`;
    if (block.kind === "table")
      return `<table><tr>${block.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr>${block.rows
        .map((row) => `<tr>${row.map((cell) => `<td>${html(cell)}</td>`).join("")}</tr>`)
        .join("")}</table>`;
    return `<ul>${block.items
      .map(
        (item) =>
          `<li>${html(item.parts)}${item.sub?.length ? `<ul>${item.sub.map((s) => `<li>${html(s)}</li>`).join("")}</ul>` : ""}</li>`,
      )
      .join("")}</ul>`;
  });
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>\n${body.join("\n")}\n</body></html>\n`;
}
