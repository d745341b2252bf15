import { describe, expect, test } from "vitest";
import { renderMarkdown, renderPlainText } from "./render.js";
import { texToText } from "./tex-text.js";

describe("renderMarkdown", () => {
  test("raw HTML is escaped, not passed through", () => {
    const { html, problems } = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror="alert(1)">', {
      file: "q.md",
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(problems).toEqual([]);
  });

  test("javascript: links are not linked", () => {
    expect(renderMarkdown("[x](javascript:alert(1))", { file: "q.md" }).html).not.toContain('href="javascript:');
  });

  test("inline and display math are rendered by KaTeX", () => {
    const { html, problems } = renderMarkdown("Scale by $\\sqrt{d_k}$.\n\n$$\n\\frac{QK^\\top}{\\sqrt{d_k}}\n$$\n", {
      file: "q.md",
    });
    expect(problems).toEqual([]);
    expect(html).toMatch(/<span class="katex">/);
    expect(html).toContain('class="katex-display"');
    // A display formula scrolls in its own focusable, named box (phones, keyboard).
    expect(html).toMatch(/<div class="qkv-math-display" tabindex="0" role="group" aria-label="formula"><span class="katex-display">/);
    expect(html).not.toContain("$");
  });

  test("dollar amounts are not math, but are reported unless escaped", () => {
    const { html, problems } = renderMarkdown("It costs $5 and $10.", { file: "q.md" });
    expect(html).toBe("<p>It costs $5 and $10.</p>\n");
    expect(problems).toEqual([{ file: "q.md", line: 1, message: expect.stringContaining('unrendered "$" in text') }]);
    const escaped = renderMarkdown("It costs \\$5 and \\$10.", { file: "q.md" });
    expect(escaped.html).toBe("<p>It costs $5 and $10.</p>\n");
    expect(escaped.problems).toEqual([]);
  });

  test("a formula whose closing $ follows a space is reported with its line, not shown as rendered", () => {
    const { html, problems } = renderMarkdown("Intro.\n\nThe row gives $0/0 = $ NaN.", { file: "q.md", line: 5 });
    expect(html).not.toContain("katex");
    expect(problems).toEqual([
      { file: "q.md", line: 7, message: expect.stringMatching(/^unrendered "\$" in text near "The row gives \$0\/0 = \$ NaN\."/) },
    ]);
  });

  test("a bad formula is a problem with the file and line, and visibly marked", () => {
    const md = "First line.\n\nSecond $\\frac{a$ here.\n\n$$\n\\badcommand{x}\n$$\n";
    const { html, problems } = renderMarkdown(md, { file: "content/attention/x.md", line: 10 });
    expect(problems).toEqual([
      { file: "content/attention/x.md", line: 12, message: expect.stringMatching(/^bad formula "\\\\frac\{a": /) },
      {
        file: "content/attention/x.md",
        line: 14,
        message: expect.stringContaining("Undefined control sequence: \\badcommand"),
      },
    ]);
    expect(html).toContain('class="qkv-math-error"');
    expect(html).not.toContain("katex-error");
  });

  test("KaTeX runs with trust: false (no \\href/\\url/\\htmlClass)", () => {
    const { html, problems } = renderMarkdown("$\\href{javascript:alert(1)}{x}$", { file: "q.md" });
    // KaTeX shows the untrusted command as text; nothing becomes a link.
    expect(html).not.toMatch(/<a\b|href=/);
    expect(problems).toEqual([]);
  });

  test("example and output fences become code blocks", () => {
    const { html } = renderMarkdown("```ts example\nconsole.log(1 < 2);\n```\n\n```text output\ntrue\n```\n", {
      file: "q.md",
    });
    expect(html).toContain('<pre class="qkv-example" tabindex="0" role="group" aria-label="Example code"><code class="language-ts">console.log(1 &lt; 2);\n</code></pre>');
    expect(html).toContain('<pre class="qkv-output" tabindex="0" role="group" aria-label="Output of the example"><code class="language-text">true\n</code></pre>');
  });
});

describe("renderPlainText / texToText", () => {
  test("formulas read as text", () => {
    expect(texToText("\\frac{a}{b}")).toBe("a/b");
    expect(texToText("\\sqrt{d_k}")).toBe("√d_k");
    expect(texToText("\\frac{QK^\\top}{\\sqrt{d_k}}")).toBe("QKᵀ/√d_k");
    expect(texToText("\\mathrm{softmax}\\!\\left(\\frac{QK^{\\top}}{\\sqrt{d_k}}\\right)V")).toBe("softmax(QKᵀ/√d_k)V");
    expect(texToText("\\frac{a+b}{2}")).toBe("(a+b)/2");
    expect(texToText("\\alpha \\cdot \\beta^2 \\le \\Sigma")).toBe("α · β² ≤ Σ");
    expect(texToText("x^{(i)}_{t+1}")).toBe("x⁽ⁱ⁾_(t+1)");
    expect(texToText("e^{x_i}")).toBe("e^(x_i)");
    expect(texToText("W \\in \\mathbb{R}^{d \\times d}")).toBe("W ∈ ℝ^(d × d)");
    expect(texToText("\\sum_{j} e^{z_j}")).toBe("Σ_j e^(z_j)");
    expect(texToText("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}")).toBe("[1, 2; 3, 4]");
    expect(texToText("\\text{PE}_{(pos, 2i)} = \\sin(pos / 10000^{2i/d})")).toBe(
      "PE_(pos, 2i) = sin(pos / 10000^(2i/d))",
    );
  });

  test("soft line breaks join the paragraph with spaces; hard breaks and paragraphs stay", () => {
    const md = "Attention weighs\nthe values by $\\alpha$\nscores.\n\nFirst line  \nsecond line\\\nthird.\n\n- an item that\n  wraps\n\n> quoted and\n> joined";
    expect(renderPlainText(md)).toBe(
      [
        "Attention weighs the values by α scores.",
        "",
        "First line",
        "second line",
        "third.",
        "",
        "• an item that wraps",
        "",
        "│ quoted and joined",
      ].join("\n"),
    );
  });

  test("tables, quotes and display math", () => {
    expect(renderPlainText("| a | $\\beta$ |\n|---|---|\n| 1 | 2 |\n\n> note\n\n$$\n\\frac{1}{2}\n$$\n")).toBe(
      "a | β\n1 | 2\n\n│ note\n\n    1/2",
    );
  });

  test("markdown is stripped to readable text", () => {
    const text = renderPlainText(
      "## Answer\n\nThe **scaled** score is $\\frac{q \\cdot k}{\\sqrt{d_k}}$, see [the paper](https://arxiv.org/abs/1706.03762).\n\n- one\n- two\n\n1. first\n2. second\n\n```ts\nconst x = 1;\n```\n\n<b>raw</b>",
    );
    expect(text).toBe(
      [
        "Answer",
        "",
        "The scaled score is (q · k)/√d_k, see the paper (https://arxiv.org/abs/1706.03762).",
        "",
        "• one",
        "• two",
        "",
        "1. first",
        "2. second",
        "",
        "    const x = 1;",
        "",
        "<b>raw</b>",
      ].join("\n"),
    );
  });
});
