import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importMarkdown, toContentFile } from "./importer.js";
import { parseQuestionFile } from "./question.js";
import { parseAnswer } from "./answer.js";
import { renderMarkdown, renderPlainText } from "./render.js";
import { texToText } from "./tex-text.js";

// Markdown-ish building blocks: the shapes the parsers look for, broken variants of them, and mojibake.
const fragment = fc.oneof(
  fc.constantFrom(
    "---",
    "id: x",
    "id: [",
    'title: "unterminated',
    "topic: attention",
    "difficulty: basic",
    "tags: [a, b]",
    "tags: a",
    "sources: []",
    "core:",
    "- item",
    "  - nested",
    "key: {a: 1}",
    "&anchor",
    "*alias",
    "? complex",
    "%YAML 1.2",
    "## Question",
    "## Answer",
    "## Q1: What is attention?",
    "## 📌 Q22:",
    "### ✅ Answer",
    "### Answer",
    "# Title",
    "## 3. How?",
    "## 4. Notes",
    "######",
    "**1. Question:**",
    "**2. What is it?**",
    "**Answer:**",
    "Answer:",
    "A:",
    "1. **Why?**",
    "2. **Bold**",
    "**",
    "*",
    "_",
    "`",
    "```",
    "```ts example",
    "```text output",
    "~~~",
    "````",
    "$",
    "$$",
    "$x$",
    "$\\frac{a",
    "\\frac{a}{b}",
    "$\\sqrt{d_k}$",
    "$$\\begin{pmatrix}",
    "\\end{x}",
    "\\\\",
    "^{",
    "_",
    "ğŸ“Œ",
    "ðŸ“Œ",
    "âœ…",
    "üü¢",
    "Ã©",
    "â€",
    "âˆ’âˆ",
    "‚ÑπÔ∏è",
    "\u0081",
    "\u009d",
    "\uf8ff",
    "\ufffd",
    "\u200d",
    "\ufeff",
    "[](data:image/svg+xml;utf8,<svg>)",
    "![x](data:image/png;base64,AAAA)",
    "<script>alert(1)</script>",
    "<img src=x>",
    "[link](javascript:alert(1))",
    "| a | b |",
    "|---|---|",
    "> quote",
    "    indented code",
    "\t",
    "\r",
    "=====",
    "-----",
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 6 }),
);
const separator = fc.constantFrom("\n", "\n\n", " ", "", "\r\n");
const document = fc
  .array(fc.tuple(fragment, separator), { maxLength: 40 })
  .map((parts) => parts.map(([f, s]) => f + s).join(""));
// Documents that start like a question file so the front matter and section code paths are exercised.
const questionLike = document.map((body) => `---\nid: q\ntitle: T\n${body}`);

describe("fuzz: parsers never throw on Markdown-ish input", () => {
  test("parseQuestionFile", () => {
    fc.assert(
      fc.property(fc.oneof(document, questionLike), (doc) => {
        const r = parseQuestionFile("content/attention/q.md", doc);
        for (const p of r.problems) {
          expect(p.file).toBe("content/attention/q.md");
          expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
        }
        expect(r.question !== undefined || r.problems.length > 0).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  test("importMarkdown, and every import becomes a valid content file", () => {
    fc.assert(
      fc.property(document, (doc) => {
        const r = importMarkdown(doc, { source: "fuzz" });
        for (const q of r.questions) {
          expect(q.title.trim()).not.toBe("");
          expect(q.answer.trim()).not.toBe("");
          const file = toContentFile(q, { topic: "tokens", id: "fuzzed" });
          expect(parseQuestionFile(`content/${file.path}`, file.text).problems).toEqual([]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test("renderMarkdown and renderPlainText", () => {
    fc.assert(
      fc.property(document, (doc) => {
        const { html } = renderMarkdown(doc, { file: "f.md" });
        expect(html).not.toMatch(/<script|<img src=x/i);
        expect(typeof renderPlainText(doc)).toBe("string");
      }),
      { numRuns: 1500 },
    );
  });
});

describe("fuzz: answers and formulas", () => {
  const answerish = fc
    .array(
      fc.oneof(
        fc.constantFrom("[", "]", ",", "(", ")", "+", "-", "*", "/", "^", ".*", "e", "pi", "sqrt", "log", "import", "=", ";"),
        fc.constantFrom(":", "!", "'", '"', "{", "}", ".", "f(x)", "1e308", "1e-308", "0", "√", "−", "x", " ", "\n"),
        fc.double().map(String),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join(""));

  test("parseAnswer never throws and only ever returns finite numbers, vectors or matrices", () => {
    fc.assert(
      fc.property(answerish, (input) => {
        const r = parseAnswer(input);
        if (r.ok) {
          const flat = [r.value].flat(2) as number[];
          expect(flat.every((v) => typeof v === "number" && Number.isFinite(v))).toBe(true);
        } else expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  test("texToText never throws", () => {
    const tex = fc
      .array(fc.constantFrom("\\frac", "{", "}", "\\sqrt", "[", "]", "^", "_", "\\left(", "\\right)", "\\begin{pmatrix}", "&", "\\\\", "\\end{pmatrix}", "x", "\\alpha", "\\mathbb", "\\hat", "\\", " "), { maxLength: 25 })
      .map((p) => p.join(""));
    fc.assert(
      fc.property(tex, (t) => {
        expect(typeof texToText(t)).toBe("string");
      }),
      { numRuns: 3000 },
    );
  });
});
