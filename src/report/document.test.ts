import { expect, test } from "@playwright/test";
import { type Block, renderHtml, renderMarkdown } from "./document.ts";

const blocks: Block[] = [
  { kind: "heading", level: 1, text: "Conformance statement" },
  { kind: "paragraph", tone: "fail", parts: ["Verdict: NON-CONFORMANCE <b>"] },
  {
    kind: "table",
    headers: ["id", "passage"],
    rows: [[["CTM-S-04"], ["refused (401, ", { code: "errors[]" }, ") | ", { text: "docs", href: "https://x.test/a b" }]]],
  },
  { kind: "list", items: [{ parts: ["login"], sub: [["POST /session/login → 200 ", { code: "sha256:ab" }]] }] },
];

test("the statement's Markdown keeps a table a table (a | in a cell is escaped) and code as code", () => {
  const md = renderMarkdown(blocks);
  expect(md).toContain("# Conformance statement\n");
  expect(md).toContain("Verdict: NON-CONFORMANCE \\<b\\>");
  expect(md).toContain("| CTM-S-04 | refused (401, `errors[]`) \\| [docs](https://x.test/a%20b) |");
  expect(md).toContain("- login\n  - POST /session/login → 200 `sha256:ab`");
});

test("the statement's HTML escapes every text, so nothing a server answered can become markup", () => {
  const html = renderHtml(blocks, "t <i>");
  expect(html).toContain("<title>t &lt;i&gt;</title>");
  expect(html).toContain('<p class="verdict fail">Verdict: NON-CONFORMANCE &lt;b&gt;</p>');
  expect(html).toContain('<td>refused (401, <code>errors[]</code>) | <a href="https://x.test/a b">docs</a></td>');
  expect(html).not.toContain("<b>");
});
