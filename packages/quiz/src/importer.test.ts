import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { importMarkdown, toContentFile } from "./importer.js";
import { repairMojibake } from "./mojibake.js";
import { parseQuestionFile } from "./question.js";
import { renderMarkdown } from "./render.js";

const SEEDS = "/work/shared/seeds";
const seedFiles = readdirSync(SEEDS)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const seed = (prefix: string) =>
  readFileSync(
    join(
      SEEDS,
      seedFiles.find((f) => f.startsWith(prefix))!,
    ),
    "utf8",
  );

// Left-overs of UTF-8 decoded as cp1252/cp1254/Mac Roman, plus C1 controls and the Apple-logo code point.
const MOJIBAKE = /ğŸ|ðŸ|âœ|â€|âˆ|â˜|Ã|Â|üü|‚Ä|‚Ñ|‚à|Ô∏|ï¸|[\u0080-\u009f\uf8ff]/;

describe("importMarkdown on the seeds", () => {
  test("finds all 16 numbered seed questions (000–002) with non-empty answers", () => {
    const found = ["000", "001", "002"].flatMap((n) => importMarkdown(seed(n), { source: `seed-${n}` }).questions);
    expect(found.map((q) => q.sources[0])).toEqual([
      "seed-000-q25",
      "seed-000-q26",
      "seed-000-q27",
      "seed-001-q22",
      "seed-001-q23",
      "seed-001-q24",
      ...Array.from({ length: 10 }, (_, i) => `seed-002-q${i + 1}`),
    ]);
    for (const q of found) {
      expect(q.title.length).toBeGreaterThan(20);
      expect(q.answer.length).toBeGreaterThan(100);
      expect(q.answer).not.toMatch(/^\s*\**Answer/i);
      expect(q.answer).not.toContain("data:image");
    }
    const q25 = found[0];
    expect(q25.title).toBe("Explain how masking works in masked self-attention in Transformer.");
    expect(q25.answer).toMatch(/^Masking in masked self-attention/);
    // The footer after Q27 (a setext heading and a link list) is not part of its answer.
    expect(found[2].answer).not.toContain("Toolkit");
    expect(found[5].answer).not.toContain("Support the Author");
    const q6 = found.find((q) => q.sources[0] === "seed-002-q6")!;
    expect(q6.title).toBe("Why is the dot product in the attention formula scaled by dk?");
    expect(q6.answer).toMatch(/^The scaling by dk\s+is applied to stabilize/);
    const q5 = found.find((q) => q.sources[0] === "seed-002-q5")!;
    expect(q5.answer).toMatch(/^The formula for Scaled Dot-Product Attention is:/);
    const q2 = found.find((q) => q.sources[0] === "seed-002-q2")!;
    expect(q2.answer).toContain("- **A Decoder stack:**");
  });

  test("notes: numbered bold questions are found, numbered non-question headings are reported", () => {
    const r = importMarkdown(seed("004"), { source: "seed-004" });
    expect(r.questions.map((q) => q.title)).toEqual([
      "What is masking and why is it used in transformer?",
      "Why not just use indices instead of positional encoding?",
    ]);
    expect(r.questions[0].sources).toEqual(["seed-004-note-what-is-masking-and-why-is-it-used-in"]);
    expect(r.questions[0].answer).toContain("- Padding Mask: Ignores [PAD] tokens");
    expect(r.questions[1].answer).toContain("isn’t differentiable");
    expect(r.skipped.filter((s) => s.reason.startsWith("numbered heading"))).toHaveLength(7);
  });

  test("the seed-002 data: images are dropped and reported with their lines", () => {
    const r = importMarkdown(seed("002"), { source: "seed-002" });
    const images = r.skipped.filter((s) => s.reason === "dropped an embedded data: image");
    expect(images).toHaveLength(3);
    expect(images.every((s) => s.line > 0 && s.excerpt.startsWith("[](data:image/svg+xml"))).toBe(true);
  });

  test("no mojibake is left in any of the five seeds", () => {
    expect(seedFiles).toHaveLength(5);
    for (const f of seedFiles) {
      const text = readFileSync(join(SEEDS, f), "utf8");
      const repaired = repairMojibake(text).text;
      expect(repaired, f).not.toMatch(MOJIBAKE);
      for (const q of importMarkdown(text).questions) {
        expect(q.question, f).not.toMatch(MOJIBAKE);
        expect(q.answer, f).not.toMatch(MOJIBAKE);
      }
    }
    expect(repairMojibake(seed("000")).text).toContain("## 📌 Q25:");
    expect(repairMojibake(seed("000")).text).toContain("### ✅ Answer");
    // The closing quote's 0x9D has no cp1254 character and was lost in the seed; the opening one survives.
    expect(repairMojibake(seed("001")).text).toContain("“LLM Interview Questions and Answers Hub  highly useful");
    expect(repairMojibake(seed("004")).text).toContain("- 🟢 No bottlenecks");
    expect(repairMojibake(seed("004")).text).toContain("ℹ️ These matrices");
    expect(repairMojibake(seed("004")).text).toContain("X ∈ R<sup>nxd");
    // Already-correct UTF-8 (seed 003 has real em dashes and apostrophes) is left alone.
    expect(repairMojibake(seed("003"))).toMatchObject({ text: seed("003"), repaired: 0 });
  });
});

describe("repairMojibake", () => {
  // Independent oracles produce the mojibake from the UTF-8 bytes: TextDecoder's windows-1254 and Mac Roman tables,
  // and Buffer's ISO-8859-1 (C1 controls for 0x80..0x9F, as Node's own "windows-1252" decoder also gives).
  const mangle = (s: string, label: string) =>
    label === "latin1"
      ? Buffer.from(new TextEncoder().encode(s)).toString("latin1")
      : new TextDecoder(label).decode(new TextEncoder().encode(s));
  const token = fc.constantFrom(
    "📌",
    "✅",
    "🟢",
    "ℹ️",
    "👉",
    "—",
    "’s",
    "“quoted”",
    "café",
    "naïve",
    "über",
    "Straße",
    "√d_k",
    "−∞",
    "∈",
    "×",
    "中文",
    "→",
    "…",
    "€5",
    "½",
    "ğ",
    "İstanbul",
    "plain",
    "words",
    "x",
    "42",
  );
  const text = fc.array(token, { minLength: 1, maxLength: 12 }).map((t) => t.join(" "));

  for (const label of ["latin1", "windows-1254", "macintosh"]) {
    test(`re-decodes ${label} mojibake exactly (property)`, () => {
      fc.assert(
        fc.property(text, (s) => {
          const broken = mangle(s, label);
          expect(repairMojibake(broken).text).toBe(s);
        }),
        { numRuns: 300 },
      );
    });
  }

  test("Windows-1252 mojibake (ðŸ“Œ) is repaired; sequences that lost an undefined byte are removed", () => {
    expect(repairMojibake("ðŸ“Œ Q1: What is attention?").text).toBe("📌 Q1: What is attention?");
    // Python: "café — “quoted” it’s 🟢 ✅ 📌 ½ €5".encode("utf-8") decoded byte by byte as cp1252, undefined bytes
    // dropped (the 0x9D of ” is lost, so its remains go).
    const r = repairMojibake("cafÃ© â€” â€œquotedâ€ itâ€™s ðŸŸ¢ âœ… ðŸ“Œ Â½ â‚¬5");
    expect(r).toEqual({ text: "café — “quoted it’s 🟢 ✅ 📌 ½ €5", repaired: 9, dropped: 1, codePages: ["cp1252"] });
  });

  test("text without mojibake is unchanged (property)", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(repairMojibake(s).text).toBe(s);
      }),
      { numRuns: 300 },
    );
  });
});

describe("other shapes", () => {
  test("**<n>. question?** / **Answer:** / --- and ## <n>. Question shapes, duplicates merged", () => {
    const doc = [
      "# Notes",
      "",
      "**1. What is a token?**",
      "",
      "**Answer:** A unit of text the model reads.",
      "",
      "---",
      "",
      "**2. Why use BPE?**",
      "**Answer:**",
      "It balances vocabulary size and sequence length.",
      "---",
      "## 3. How does temperature change sampling?",
      "",
      "Dividing logits by T flattens (T > 1) or sharpens (T < 1) the distribution.",
      "",
      "## 4. What is a token",
      "",
      "Answer: A piece of a word.",
      "",
      "## 5. Temperature",
      "",
      "Not a question.",
      "",
      "**6. What is top-k?**",
      "",
      "---",
    ].join("\n");
    const r = importMarkdown(doc, { source: "notes" });
    expect(r.questions.map((q) => [q.sources, q.title, q.answer])).toEqual([
      [["notes-q1", "notes-q4"], "What is a token?", "A unit of text the model reads.\n\nA piece of a word."],
      [["notes-q2"], "Why use BPE?", "It balances vocabulary size and sequence length."],
      [
        ["notes-q3"],
        "How does temperature change sampling?",
        "Dividing logits by T flattens (T > 1) or sharpens (T < 1) the distribution.",
      ],
    ]);
    expect(r.skipped.map((s) => [s.line, s.reason])).toEqual([
      [21, "numbered heading that is not phrased as a question"],
      [25, "question without an answer"],
      [17, "duplicate of the question at line 3; merged into it"],
    ]);
  });

  test("answer markers: heading, bold, plain and A:, but not prose starting with Answer", () => {
    const doc = [
      "## Q1: Is A: a marker?",
      "**A:** Yes.",
      "## Q2: Bold after colon?",
      "**Answer**: Also yes.",
      "## Q3: Heading marker?",
      "#### 👉 Answer",
      "Heading.",
      "## Q4: Prose?",
      "Answer the question in one line: what is it?",
      "Answer: This one.",
      "",
      "**Q5:** What does a label in bold look like?",
      "**A:** Like this.",
    ].join("\n");
    expect(importMarkdown(doc).questions.map((q) => [q.title, q.answer])).toEqual([
      ["Is A: a marker?", "Yes."],
      ["Bold after colon?", "Also yes."],
      ["Heading marker?", "Heading."],
      ["Prose? Answer the question in one line: what is it?", "This one."],
      ["What does a label in bold look like?", "Like this."],
    ]);
  });

  test("questions inside code fences are not questions; an empty import says what shapes it looked for", () => {
    const r = importMarkdown("```\n## Q1: Not real?\n### Answer\nno\n```\n");
    expect(r.questions).toEqual([]);
    expect(r.skipped).toEqual([{ line: 1, reason: expect.stringMatching(/^no questions found: expected/), excerpt: "```" }]);
  });

  test("seed 003's `**(n) Title:** …` step paragraphs are read as steps (issue 15: they were reported as no questions)", () => {
    const r = importMarkdown(seed("003"), { source: "seed-003" });
    expect(r.questions.map((q) => [q.sources[0], q.title])).toEqual([
      ["seed-003-step1", "Linear projections"],
      ["seed-003-step2", "Consideration scores"],
      ["seed-003-step3", "Forming a likelihood distribution"],
      ["seed-003-step4", "Masking operation"],
      ["seed-003-step5", "Computing the output"],
    ]);
    expect(r.questions[0].answer).toMatch(/^Step one is to carry out three separate linear projections/);
  });
});

describe("toContentFile", () => {
  test("every imported seed question becomes a valid content file", () => {
    for (const n of ["000", "001", "002", "004"]) {
      for (const q of importMarkdown(seed(n), { source: `seed-${n}` }).questions) {
        const file = toContentFile(q, { topic: "attention" });
        const parsed = parseQuestionFile(`content/${file.path}`, file.text);
        expect(parsed.problems, file.path).toEqual([]);
        expect(parsed.question!.sources).toEqual(q.sources);
        expect(parsed.question!.title).toBe(q.title);
        expect(renderMarkdown(parsed.question!.answer, { file: file.path }).problems).toEqual([]);
      }
    }
  });

  test("untrusted text cannot open sections, add examples or inject front matter", () => {
    const file = toContentFile(
      {
        number: "1",
        title: "Evil: title\n---\nid: x",
        question: "Q\n## Answer\nfake",
        answer: "```ts example\nprocess.exit(1)\n```\n\n```text output\n\n```\n<script>alert(1)</script>",
        line: 1,
        sources: ["import-q1"],
      },
      { topic: "tokens", id: "evil-title" },
    );
    const parsed = parseQuestionFile(`content/${file.path}`, file.text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.question!.title).toBe("Evil: title --- id: x");
    expect(parsed.question!.id).toBe("evil-title");
    expect(parsed.question!.examples).toEqual([]);
    expect(parsed.question!.question).toBe("Q\n### Answer\nfake");
    expect(renderMarkdown(parsed.question!.answer, { file: "x" }).html).not.toContain("<script>");
  });

  test("a title's formulas stay math; dollars that are not math become literal", () => {
    const title = (t: string) => {
      const file = toContentFile({ number: null, title: t, question: t, answer: "A", line: 1, sources: [] }, { topic: "tokens", id: "t" });
      const parsed = parseQuestionFile(`content/${file.path}`, file.text);
      expect(parsed.problems, t).toEqual([]);
      return parsed.question!;
    };
    expect(title("Why divide by $\\sqrt{d_k}$?").titleMarkdown).toBe("Why divide by $\\sqrt{d_k}$?");
    expect(title("Why divide by $\\sqrt{d_k}$?").title).toBe("Why divide by √d_k?");
    expect(title("Is a $5 GPU hour worth it?").title).toBe("Is a $5 GPU hour worth it?");
    expect(title("What is it? ts example $").title).toBe("What is it? ts example $");
    expect(title("Cost in $ and in \\$?").title).toBe("Cost in $ and in $?");
  });

  test("refuses unknown topics", () => {
    expect(() =>
      toContentFile(
        { number: null, title: "T?", question: "T?", answer: "A", line: 1, sources: [] },
        { topic: "nope" },
      ),
    ).toThrow(/topic "nope"/);
  });
});

describe("mojibake repair is local and confident (issue 15 regressions)", () => {
  // Correct UTF-8 whose characters happen to form valid UTF-8 bytes in some code page: each was once re-decoded.
  const correct = ["l’état", "(–∞, ∞)", "√π", "„Maß“", "CAFÉ…", "ESPAÑA…", "≈∞", "Ä“"];

  test.each(correct)("%s passes through unchanged", (s) => {
    expect(repairMojibake(`Die Formel ${s} steht hier.`)).toEqual({ text: `Die Formel ${s} steht hier.`, repaired: 0, dropped: 0, codePages: [] });
  });

  // Real multilingual text (words and the glued forms above, separated as in prose) is never changed.
  const words = fc.constantFrom(
    "l’état", "où", "déjà", "naïve", "Straße", "„Maß“", "Äpfel", "Öl", "ÜBER", "CAFÉ", "ESPAÑA", "niño", "São",
    "Ελληνικά", "αβγ", "π", "√", "∞", "–", "—", "…", "’", "“", "”", "«", "»", "°", "±", "≤", "×", "½", "€",
    "привет", "мир", "Україна", "שלום", "مرحبا", "日本語", "中文", "한국어", "ไทย", "हिन्दी", "İstanbul", "ğ", "ş",
    "Łódź", "Žluťoučký", "😀", "📌", "→", "∈", "x", "42", "(x)", "½·x", "20 °C", "±1", "√π", "CAFÉ…", "(–∞, ∞)",
  );
  const multilingual = fc
    .array(fc.tuple(words, fc.constantFrom(" ", "\n", ", ", ". ", " – ")), { minLength: 1, maxLength: 16 })
    .map((ws) => ws.map(([w, sep]) => w + sep).join(""));

  test("correct multilingual UTF-8 passes byte for byte (property)", () => {
    fc.assert(
      fc.property(multilingual, (s) => {
        const r = repairMojibake(s);
        expect(Buffer.from(r.text, "utf8").equals(Buffer.from(s, "utf8"))).toBe(true);
        expect(r.repaired + r.dropped).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  test("repair is local: mojibake is fixed while correct text in the same document is kept", () => {
    const doc = "## Q1: What is attention?\n\nEn français : l’état, √π et (–∞, ∞).\n\nIt’s a cafÃ© question â€” see ðŸ“Œ.\n";
    const r = repairMojibake(doc);
    expect(r.text).toBe("## Q1: What is attention?\n\nEn français : l’état, √π et (–∞, ∞).\n\nIt’s a café question — see 📌.\n");
  });

  test("the importer reports each repair with its line, and reports unrecoverable � characters", () => {
    const doc = "## Q1: What is a cafÃ© model?\n\n### Answer\n\nIt is a cafÃ© â€” one that serves coffee.\n\n## Q2: Why?\n\n### Answer\n\nThe bytes were lost: caf� and na�ve.\n";
    const { questions, skipped } = importMarkdown(doc);
    expect(questions.map((q) => q.title)).toEqual(["What is a café model?", "Why?"]);
    expect(skipped).toContainEqual({ line: 1, reason: 'repaired mis-decoded text (cp1252): "Ã©" → "é", 2 times', excerpt: "" });
    expect(skipped).toContainEqual({ line: 5, reason: 'repaired mis-decoded text (cp1252): "â€”" → "—"', excerpt: "" });
    const lost = skipped.find((s) => s.reason.includes("replacement character"));
    expect(lost).toMatchObject({ line: 11, reason: expect.stringMatching(/^2 replacement character\(s\)/) });
  });

  test("a correct document is imported with no encoding report", () => {
    const doc = "## Q1: Qu’est-ce que l’état caché ?\n\n### Answer\n\nLe vecteur √π… (–∞, ∞) „Maß“ CAFÉ…\n";
    const { questions, skipped } = importMarkdown(doc);
    expect(questions[0].answer).toBe("Le vecteur √π… (–∞, ∞) „Maß“ CAFÉ…");
    expect(skipped.filter((s) => /decod|encoding|replacement/.test(s.reason))).toEqual([]);
  });
});

describe("real-document shapes (issue 15 regressions)", () => {
  const titles = (doc: string) => importMarkdown(doc).questions.map((q) => q.title);

  test("headings without a question mark: `## Question N: Describe …`, `### Q: Explain …`, imperatives and `X vs. Y`", () => {
    const doc = [
      "# Deep learning interview notes",
      "## Question 1: What is a perceptron?",
      "A single linear unit with a threshold.",
      "## Question 2: Describe the architecture of an MLP",
      "Layers of linear maps with nonlinearities between them.",
      "### Q: Explain overfitting and how to detect it",
      "The model fits noise; validation loss rises while training loss falls.",
      "## Implement softmax in NumPy",
      "Subtract the row maximum, exponentiate, divide by the row sum.",
      "## Epoch vs. Batch vs. Iteration.",
      "An epoch is one pass over the data; a batch is a slice of it; an iteration is one update.",
    ].join("\n\n");
    const r = importMarkdown(doc, { source: "doc" });
    expect(r.questions.map((q) => q.title)).toEqual([
      "What is a perceptron?",
      "Describe the architecture of an MLP",
      "Explain overfitting and how to detect it",
      "Implement softmax in NumPy",
      "Epoch vs. Batch vs. Iteration.",
    ]);
    expect(r.questions[1]).toMatchObject({ number: "2", sources: ["doc-q2"], answer: "Layers of linear maps with nonlinearities between them." });
  });

  test("numbered bold list items inside an answer are steps of that answer, not questions", () => {
    const doc = [
      "**1. Question:** How does a training step work?",
      "",
      "**Answer:** In four steps:",
      "",
      "1. **Forward pass**: compute the predictions.",
      "2. **Compute Loss**: compare them with the targets.",
      "3. **Backward pass**: compute the gradients.",
      "4. **Update**: apply the optimizer.",
      "",
      "**2. Question:** What is a learning rate?",
      "",
      "**Answer:** The step size of each update.",
    ].join("\n");
    const r = importMarkdown(doc);
    expect(r.questions.map((q) => q.title)).toEqual(["How does a training step work?", "What is a learning rate?"]);
    expect(r.questions[0].answer).toContain("4. **Update**: apply the optimizer.");
  });

  test("`**1. Question:** … **Answer:** …` on one line, and `**Q:**` / `**A:**` and plain `Q:` / `A:` pairs", () => {
    expect(importMarkdown("**1. Question:** What is dropout? **Answer:** Randomly zeroing activations during training.\n").questions).toMatchObject([
      { number: "1", title: "What is dropout?", answer: "Randomly zeroing activations during training." },
    ]);
    const qa = "**Q:** What is a token?\n\n**A:** A vocabulary entry.\n\nQ: What is BPE?\nA: A merge-based tokenizer.\n";
    expect(importMarkdown(qa).questions.map((q) => [q.title, q.answer])).toEqual([
      ["What is a token?", "A vocabulary entry."],
      ["What is BPE?", "A merge-based tokenizer."],
    ]);
  });

  test("titles lose link debris and prefixes; full-width ？ ends a question; <br> becomes a line break", () => {
    expect(titles("## Q3: What is attention? [src](https://example.org/post#q3)\n\nA weighted average.\n")).toEqual(["What is attention?"]);
    expect(titles("## 什么是注意力机制？\n\n一种加权平均。\n")).toEqual(["什么是注意力机制？"]);
    const r = importMarkdown("## What is a residual?\n\nA skip path.<br>It eases optimisation.<br/>See ResNet.\n");
    expect(r.questions[0].answer).toBe("A skip path.\nIt eases optimisation.\nSee ResNet.");
  });

  test("10,000 duplicate questions are merged, every source and distinct answer kept", () => {
    const doc = Array.from({ length: 10_000 }, (_, i) => `## Q${i + 1}: What is attention?\n\n### Answer\n\nAnswer ${i % 3}.\n`).join("\n");
    const r = importMarkdown(doc, { source: "dup" });
    expect(r.questions).toHaveLength(1);
    expect(r.questions[0].sources).toHaveLength(10_000);
    expect(r.questions[0].answer).toBe("Answer 0.\n\nAnswer 1.\n\nAnswer 2.");
    expect(r.skipped.filter((s) => s.reason.startsWith("duplicate of the question at line 1"))).toHaveLength(9_999);
  });
});

describe("tables, admonitions and closing remarks (issue 15 regressions)", () => {
  test("Q/A tables: one question per row, numbered by a # column, <br> as line breaks", () => {
    const doc = [
      "| # | Question | Answer |",
      "|---|----------|--------|",
      "| 1 | What is a token? | A vocabulary entry.<br>Usually a subword. |",
      "| 2 | What does `a \\| b` mean? | Either a or b. |",
      "| 3 | What is BPE? | |",
    ].join("\n");
    const r = importMarkdown(doc, { source: "t" });
    expect(r.questions.map((q) => [q.sources[0], q.title, q.answer])).toEqual([
      ["t-q1", "What is a token?", "A vocabulary entry.\nUsually a subword."],
      ["t-q2", "What does a | b mean?", "Either a or b."],
    ]);
    expect(r.skipped).toContainEqual({ line: 5, reason: "table row without a question or an answer", excerpt: "| 3 | What is BPE? | |" });
  });

  test('MkDocs admonitions: `??? question "…"` with its indented answer; other admonitions are reported', () => {
    const doc = [
      '??? question "What is layer normalisation?"',
      "",
      "    It normalises each token's features.",
      "",
      "    ```python",
      "    y = (x - mu) / sigma",
      "    ```",
      "",
      '!!! note "Read the paper"',
      "    Ba et al., 2016.",
      "",
      '???+ faq "Why pre-norm?"',
      "    Gradients flow through the identity path.",
    ].join("\n");
    const r = importMarkdown(doc);
    expect(r.questions.map((q) => [q.title, q.answer])).toEqual([
      ["What is layer normalisation?", "It normalises each token's features.\n\n```python\ny = (x - mu) / sigma\n```"],
      ["Why pre-norm?", "Gradients flow through the identity path."],
    ]);
    expect(r.skipped).toContainEqual({ line: 9, reason: '"note" admonition that is not phrased as a question', excerpt: '!!! note "Read the paper"' });
  });

  test("footers and closing remarks are not glued to the last answer, and are reported", () => {
    const doc = [
      "## Q1: What is dropout?",
      "",
      "Randomly zeroing activations.",
      "",
      "## Q2: What is weight decay?",
      "",
      "An L2 penalty on the weights.",
      "",
      "Thanks for reading! Follow me for more interview prep.",
    ].join("\n");
    const r = importMarkdown(doc);
    expect(r.questions[1].answer).toBe("An L2 penalty on the weights.");
    expect(r.skipped).toContainEqual({ line: 9, reason: "closing remark after the last answer, not part of it", excerpt: "Thanks for reading! Follow me for more interview prep." });
    const bold = "**1. What is a GPU?**\n\nA parallel processor.\n\n---\n\n© 2024 Interview Notes. All rights reserved.\n";
    const rb = importMarkdown(bold);
    expect(rb.questions[0].answer).toBe("A parallel processor.");
    expect(rb.skipped).toContainEqual({ line: 7, reason: "text after the last answer, not part of any question", excerpt: "© 2024 Interview Notes. All rights reserved." });
  });
});

describe("no heading-shaped item is lost silently (issue 15)", () => {
  test("a non-question heading among question headings is reported with its line", () => {
    const doc = "## Q1: What is a token?\n\nA vocabulary entry.\n\n## Conclusion\n\nTokens matter.\n\n## Q2: What is BPE?\n\nA merge-based tokenizer.\n";
    const r = importMarkdown(doc);
    expect(r.questions.map((q) => q.title)).toEqual(["What is a token?", "What is BPE?"]);
    expect(r.skipped).toContainEqual({ line: 5, reason: "heading at the level of the questions that is not phrased as a question", excerpt: "## Conclusion" });
  });
});
