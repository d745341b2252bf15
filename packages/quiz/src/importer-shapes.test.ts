// The importer on documents in shapes real public interview Q&A collections use (issue 15: "held-out real documents
// in many shapes and charsets"). The fixtures in import-fixtures/ are our own short ML Q&A written in those shapes.
// For each: the exact questions and where their answers end, what is reported as skipped, and that every question
// becomes a content file that parses with no problems and renders nothing executable or raw HTML.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeDocument } from "./decode.js";
import { importMarkdown, toContentFile, type ImportResult } from "./importer.js";
import { parseQuestionFile } from "./question.js";
import { renderInlineMarkdown, renderMarkdown } from "./render.js";

const FIXTURES = join(import.meta.dirname, "import-fixtures");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

/** Every question becomes a valid content file whose rendering has no raw HTML and no example to run. */
function expectSafeContent(r: ImportResult): void {
  for (const q of r.questions) {
    const file = toContentFile(q, { topic: "training", id: "imported" });
    const parsed = parseQuestionFile(`content/${file.path}`, file.text);
    expect(parsed.problems, q.title).toEqual([]);
    // The title as imported, or (when its dollars are not math) with every unescaped dollar made literal.
    const literalDollars = q.title.replace(/(?<!\\)((?:\\\\)*)\$/g, "$1\\$$");
    expect([q.title, literalDollars], q.title).toContain(parsed.question!.titleMarkdown);
    expect(parsed.question!.examples).toEqual([]);
    expect(renderInlineMarkdown(parsed.question!.titleMarkdown, { file: file.path, line: 2 }).html).not.toMatch(/<(script|img)\b/i);
    for (const md of [parsed.question!.question, parsed.question!.answer]) {
      const html = renderMarkdown(md, { file: file.path });
      expect(html.problems, q.title).toEqual([]);
      // Raw HTML is rendered escaped (HTML is off), so no such element can appear; Markdown headings may.
      expect(html.html).not.toMatch(/<(script|style|iframe|img|details|summary)\b/i);
    }
  }
}

/** Imports a fixture and returns [title, answer] pairs and [line, reason] skips, after the content checks. */
function read(text: string, source = "doc") {
  const r = importMarkdown(text, { source });
  expectSafeContent(r);
  return {
    qa: r.questions.map((q) => [q.title, q.answer]),
    skipped: r.skipped.map((s) => [s.line, s.reason]),
    questions: r.questions,
  };
}

describe("GitHub README shapes", () => {
  test("<details><summary> blocks after a table of contents of anchor links", () => {
    const r = read(fixture("details-readme.md"));
    expect(r.qa).toEqual([
      [
        "What does the softmax in attention normalise over?",
        "Over the keys: each query's scores against all keys become a probability distribution, so every row of the\nattention matrix sums to one.",
      ],
      [
        "Why use several heads?",
        "Each head projects to a smaller subspace and can attend to a different pattern; the outputs are concatenated and\nmixed by `W_O`.\n\n```python\nheads = [attend(x @ Wq[h], x @ Wk[h], x @ Wv[h]) for h in range(H)]\n```",
      ],
      ["What is teacher forcing?", "Feeding the ground-truth previous token, not the model's own\nsample, as the next input during training."],
    ]);
    // The table of contents' links are not questions; the non-question collapsible section is reported.
    expect(r.skipped).toEqual([[41, "collapsible <details> section not phrased as a question"]]);
    expect(r.questions.map((q) => q.line)).toEqual([16, 24, 37]);
  });

  test("answers collapsed under a question: <summary>Answer</summary>, Show answer, Click to expand", () => {
    const doc = [
      "### Q1. What is a token?",
      "",
      "<details><summary>Answer</summary>",
      "",
      "A unit of text.",
      "",
      "</details>",
      "",
      "### Q2. Why BPE?",
      "",
      "<details>",
      "<summary><b>Show answer</b></summary>",
      "",
      "It merges frequent pairs.",
      "</details>",
      "",
      "**3. What is a logit?**",
      "<details><summary>Click to expand</summary>An unnormalised score.</details>",
    ].join("\n");
    const r = read(doc, "c");
    expect(r.qa).toEqual([
      ["What is a token?", "A unit of text."],
      ["Why BPE?", "It merges frequent pairs."],
      ["What is a logit?", "An unnormalised score."],
    ]);
    expect(r.questions.map((q) => q.sources[0])).toEqual(["c-q1", "c-q2", "c-q3"]);
    expect(r.skipped).toEqual([]);
  });

  test("numbered questions with sub-bullets, nested code and numbered steps in an answer", () => {
    const r = read(fixture("numbered-plain.md"));
    expect(r.qa.map(([t]) => t)).toEqual([
      "What is the role of the feed-forward block in a Transformer layer?",
      "Why is layer normalisation preferred over batch normalisation in Transformers?",
      "How does the KV cache speed up decoding?",
      "Explain weight tying.",
    ]);
    expect(r.qa[0][1]).toBe(
      "- It applies the same two-layer MLP to every position independently.\n- It holds most of the layer's parameters (about two thirds).\n```python\ndef ffn(x):\n    return W2 @ gelu(W1 @ x)\n```",
    );
    // The steps `1. Compute …` belong to the KV-cache answer, not to a new question.
    expect(r.qa[2][1]).toMatch(/^Keys and values of past tokens[\s\S]*\n\n1\. Compute q, k, v for the new token\.\n2\. Append k and v to the cache\.\n3\. Attend with q over the whole cache\.$/);
    expect(r.qa[3][1]).toBe("The input embedding matrix and the output projection share one matrix, which saves parameters.");
    expect(r.skipped).toEqual([]);
  });

  test("a numbered item that continues the questions but is not one is reported", () => {
    const r = read("1. What is a token?\n   A vocabulary entry.\n2. Tokens and words.\n   Not the same thing.\n3. Why BPE?\n   Merges.\n");
    expect(r.qa).toEqual([
      ["What is a token?", "A vocabulary entry.\n2. Tokens and words.\n   Not the same thing."],
      ["Why BPE?", "Merges."],
    ]);
    expect(r.skipped).toEqual([[3, "numbered item that is not phrased as a question"]]);
  });

  test("#### questions under ### section headings, answers with sub-lists", () => {
    const r = read(fixture("h4-questions.md"));
    expect(r.qa).toEqual([
      [
        "What is dropout?",
        "During training each activation is zeroed with probability p and the rest are scaled by 1/(1 − p).\n\n- At inference nothing is dropped.\n- It acts like an ensemble of thinned networks.",
      ],
      ["How does L2 regularisation change the gradient?", "It adds λw to the gradient of each weight:\n\n1. compute the data gradient,\n2. add λw,\n3. take the step."],
      ["What problem does batch normalisation address?", "It keeps the distribution of each layer's inputs stable, which allows larger learning rates."],
    ]);
    // "### Normalisation" is a section heading above the questions (not glued, not reported); "#### Layer norm" is
    // at the questions' level and not a question: reported once.
    expect(r.skipped).toEqual([[26, "heading at the level of the questions that is not phrased as a question"]]);
  });

  test("Q | A table with escaped pipes and no outer pipes; a table of other columns is not read", () => {
    const r = read(fixture("table-qa.md"));
    expect(r.qa).toEqual([
      ["What does a | b compute in PyTorch?", "The element-wise logical or of two boolean tensors."],
      ["What is perplexity?", "The exponential of the mean negative log-likelihood per token."],
      ["Why clip gradients?", "To stop one large gradient from throwing the weights far away."],
    ]);
    expect(r.skipped).toEqual([]);
  });
});

describe("more README and notes shapes", () => {
  test("bullet items with a bold question and the answer indented below; unindented text after is reported", () => {
    const r = read(fixture("bullet-bold.md"));
    expect(r.qa).toEqual([
      ["What is BLEU?", "A precision-based overlap of n-grams between a candidate and reference translations, with a brevity penalty."],
      ["What does ROUGE-L measure?", "- The longest common subsequence between candidate and reference.\n- It rewards in-order matches that need not be contiguous."],
      ["Why is LLM-as-a-judge biased?", "Judges prefer longer answers and the answer shown first."],
    ]);
    expect(r.skipped).toEqual([[11, "text after a list question's indented answer, not part of it"]]);
  });

  test("`Question:` / `Question 2:` with `Solution:` or `Answer:`, imperative coding questions", () => {
    const r = read(fixture("question-solution.md"), "code");
    expect(r.qa).toEqual([
      ["Implement softmax so it does not overflow.", "Subtract the maximum logit before exponentiating; the result is unchanged because the factor cancels."],
      [
        "Write a function that counts the parameters of a linear layer.",
        "```python\ndef params(d_in, d_out, bias=True):\n    return d_in * d_out + (d_out if bias else 0)\n```",
      ],
      ["What is the time complexity of beam search?", "O(T · B · V) for length T, beam B and vocabulary V, plus the top-k selection."],
    ]);
    expect(r.questions.map((q) => q.sources[0])).toEqual([
      "code-note-implement-softmax-so-it-does-not",
      "code-q2",
      "code-note-what-is-the-time-complexity-of-beam",
    ]);
    expect(r.skipped).toEqual([]);
  });

  test("<summary><b>Q1. …</b></summary>: the label numbers the question; a summary that is not a question is reported", () => {
    const r = read(fixture("summary-bold-numbered.md"), "gen");
    expect(r.qa).toEqual([["What is a VAE?", "An autoencoder whose encoder outputs a distribution; training maximises the evidence lower bound."]]);
    expect(r.questions[0].sources).toEqual(["gen-q1"]);
    expect(r.skipped).toEqual([[9, "collapsible <details> section not phrased as a question"]]);
  });

  test("a table whose answer column is called Explanation, numbered by No.", () => {
    const r = read(fixture("table-explanation.md"), "t");
    expect(r.questions.map((q) => [q.sources[0], q.title, q.answer])).toEqual([
      ["t-q1", "What is a logit?", "An unnormalised score before softmax."],
      ["t-q2", "What is label smoothing?", "Mixing the one-hot target with a uniform distribution."],
    ]);
  });

  test("numbered questions before the first heading question are read; a table of contents of anchor links is not", () => {
    const doc = [
      "# Notes",
      "",
      "1. [What is a token?](#tokens)",
      "2. [What is attention?](#what-is-attention)",
      "",
      "1. What is a token?",
      "",
      "   A unit of text.",
      "",
      "2. Why BPE?",
      "",
      "   It merges frequent pairs.",
      "",
      "## What is attention?",
      "",
      "A weighted average.",
      "",
      "1. What if keys repeat?",
      "",
      "They get equal weights.",
    ].join("\n");
    const r = read(doc);
    expect(r.qa).toEqual([
      ["What is a token?", "A unit of text."],
      ["Why BPE?", "It merges frequent pairs."],
      // After the first heading question, a numbered line is part of the answer it sits in.
      ["What is attention?", "A weighted average.\n\n1. What if keys repeat?\n\nThey get equal weights."],
    ]);
    expect(r.skipped).toEqual([]);
  });

  test("Q&A written inside blockquotes is read, and the report says so", () => {
    const r = read("Intro.\n\n> **Q:** What is a token?\n>\n> **A:** A unit.\n\n> **Q:** Why BPE?\n>\n> **A:** Merges.\n");
    expect(r.qa).toEqual([
      ["What is a token?", "A unit."],
      ["Why BPE?", "Merges."],
    ]);
    expect(r.questions.map((q) => q.line)).toEqual([3, 7]);
    expect(r.skipped).toEqual([[1, "questions read from inside blockquotes (`>`)"]]);
    // A quote inside an answer stays a quote.
    expect(read("## What is a token?\n\n> A unit, as the paper puts it.\n").qa).toEqual([["What is a token?", "> A unit, as the paper puts it."]]);
  });

  test("a list of questions without answers: each reported, and the summary says so", () => {
    const r = read(fixture("question-bank.md"));
    expect(r.qa).toEqual([]);
    expect(r.skipped).toEqual([
      [3, "question without an answer"],
      [4, "question without an answer"],
      [5, "question without an answer"],
      [1, "no answered questions: 3 question(s) found, none with an answer (a list of questions only?)"],
    ]);
  });
});

describe("label variants seen in public collections", () => {
  const tokenBpe = [
    ["What is a token?", "A unit."],
    ["Why BPE?", "Merges."],
  ];
  test.each([
    ["**Question 1:** … / **Answer:** …", "**Question 1:** What is a token?\n\n**Answer:** A unit.\n\n**Question 2:** Why BPE?\n\n**Answer:** Merges.\n"],
    ["**Question 1** on its own line", "**Question 1**\n\nWhat is a token?\n\n**Answer**\n\nA unit.\n\n**Question 2**\n\nWhy BPE?\n\n**Answer**\n\nMerges.\n"],
    ["### Question 1 then the question, ### Answer", "### Question 1\nWhat is a token?\n\n### Answer\nA unit.\n\n### Question 2\nWhy BPE?\n\n### Answer\nMerges.\n"],
    ["Q: / Ans: and Ans.", "Q: What is a token?\nAns: A unit.\n\nQ: Why BPE?\nAns. Merges.\n"],
    ["Q. / A. (after a Q. question, A. is its answer)", "Q. What is a token?\nA. A unit.\n\nQ. Why BPE?\nA. Merges.\n"],
    ["keycap-numbered headings", "## 1\uFE0F\u20E3 What is a token?\n\nA unit.\n\n## 2\uFE0F\u20E3 Why BPE?\n\nMerges.\n"],
    ["numbered bold questions with the answer on the same line", "1. **What is a token?** A unit.\n2. **Why BPE?** Merges.\n"],
    ["**Q1)** labels", "**Q1)** What is a token?\n\nA unit.\n\n**Q2)** Why BPE?\n\nMerges.\n"],
  ])("%s", (_, doc) => {
    const r = read(doc);
    expect(r.qa).toEqual(tokenBpe);
    expect(r.skipped).toEqual([]);
  });
});

describe("label shapes", () => {
  test("`Q1.` / `A1.` prefixes, also with parentheses", () => {
    const r = read(fixture("q-a-prefix.md"), "ml");
    expect(r.qa).toEqual([
      ["What is the bias-variance trade-off?", "Simple models underfit (high bias), flexible ones overfit (high variance); the best test error lies between."],
      [
        "What is cross-validation?",
        "The data is split into k folds; each fold serves once as validation set and the scores are averaged.\nIt gives a less noisy estimate than a single split.",
      ],
      ["Why do we standardise features?", "Gradient descent converges faster when features share a scale, and distance-based models need it."],
      ["What is early stopping?", "Training stops when the validation loss has not improved for a number of epochs."],
    ]);
    expect(r.questions.map((q) => q.sources[0])).toEqual(["ml-q1", "ml-q2", "ml-q3", "ml-q4"]);
    expect(r.skipped).toEqual([]);
  });

  test("`**Q.**` and `**A.**` on lines of their own", () => {
    const r = read(fixture("bold-q-own-line.md"));
    expect(r.qa).toEqual([
      [
        "What does momentum add to SGD?",
        "A running average of past gradients, which damps oscillation across steep directions and speeds progress along\nshallow ones.",
      ],
      ["Why does Adam need bias correction?", "Its moment estimates start at zero, so early averages are biased towards zero; dividing by 1 − β^t removes that."],
      ["What is AdamW?", "Adam with weight decay applied directly to the weights instead of through the gradient."],
    ]);
    expect(r.skipped).toEqual([]);
  });

  test("plain `A.` / `A)` lines are multiple-choice options, not answer markers", () => {
    const r = read("## Q1: Which activation is smooth?\n\nA. ReLU\nB. GELU\n\n**Answer:** B.\n");
    expect(r.qa).toEqual([["Which activation is smooth? A. ReLU B. GELU", "B."]]);
  });

  test("bold question paragraphs without headings", () => {
    const r = read(fixture("bold-paragraphs.md"));
    expect(r.qa).toEqual([
      ["What is a subword tokenizer?", "It splits rare words into frequent pieces, so the vocabulary stays small and no word is out of vocabulary."],
      ["Why does GPT-2 use byte-level BPE?", "Every string can be encoded from 256 byte tokens, so nothing maps to an unknown token."],
      ["How large are typical vocabularies?", "Between 32k and 256k tokens.\n\n**Note:** these numbers change quickly."],
    ]);
    expect(r.skipped).toEqual([]);
  });

  test("Jupyter-exported Markdown: `## Question N` then the bold question, code and indented outputs in the answer", () => {
    const r = read(fixture("jupyter-export.md"), "nb");
    expect(r.qa.map(([t]) => t)).toEqual(["Why is ReLU preferred to sigmoid in deep networks?", "What is GELU?"]);
    expect(r.questions.map((q) => q.sources[0])).toEqual(["nb-q1", "nb-q2"]);
    expect(r.qa[0][1]).toMatch(/^Its gradient is 1 for positive inputs[\s\S]*```\n\n {4}array\(\[0\., 0\., 0\., 0\., 1\., 2\., 3\.\]\)$/);
    expect(r.qa[1][1]).toMatch(/^\$\\mathrm\{GELU\}\(x\) = x\\,\\Phi\(x\)\$, a smooth version[\s\S]* {4}0\.3457$/);
  });
});

describe("headings from other tools", () => {
  test("setext headings: the questions are read and a non-question one is reported", () => {
    const r = read(fixture("setext.md"));
    expect(r.qa).toEqual([
      ["What is an embedding?", "A learned dense vector for each token id, looked up from a matrix of shape (V, d)."],
      ["Why are embeddings scaled by sqrt(d) in the original Transformer?", "So that their magnitude is comparable with the positional encodings added to them."],
    ]);
    expect(r.skipped).toEqual([[14, "heading at the level of the questions that is not phrased as a question"]]);
  });

  test("HTML headings <h3>: read as headings, their HTML kept out of the content; <script> dropped and reported", () => {
    const r = read(fixture("html-headings.md"));
    expect(r.qa).toEqual([
      ["What is the vanishing gradient problem?", "Gradients shrink as they are multiplied through many time steps, so early inputs barely affect learning."],
      ["How does an LSTM address it?", "Its cell state is updated additively through gates, giving gradients a path that does not shrink."],
      // Unknown tags stay literal text (rendered escaped with HTML off, checked by expectSafeContent).
      ["What is a GRU?", 'A gated unit with an update and a reset gate and no separate cell state.\n<img src="x" onerror="alert(1)">'],
    ]);
    expect(r.skipped).toEqual([[8, "dropped a <script>/<style> element (imported HTML is never run)"]]);
    const html = renderMarkdown(r.questions[2].answer, { file: "x" }).html;
    expect(html).toContain("&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;");
  });

  test("HTML paragraphs with bold numbered questions (pages saved as HTML-in-Markdown)", () => {
    const r = read("<p><strong>1. What is a token?</strong></p>\n<p>A unit of <em>text</em>.</p>\n\n<p><b>2. Why BPE?</b></p>\n<p>It merges <code>pairs</code>.</p>\n", "h");
    expect(r.qa).toEqual([
      ["What is a token?", "A unit of *text*."],
      ["Why BPE?", "It merges `pairs`."],
    ]);
    expect(r.questions.map((q) => q.sources[0])).toEqual(["h-q1", "h-q2"]);
    expect(r.skipped).toEqual([]);
  });

  test("a multi-line <script> element is dropped whole", () => {
    const r = read("## What is a GPU?\n\nA parallel processor.\n<script>\nfetch('/steal')\n</script>\nMany cores.\n");
    expect(r.qa).toEqual([["What is a GPU?", "A parallel processor.\n\nMany cores."]]);
    expect(r.skipped).toEqual([[4, "dropped a <script>/<style> element (imported HTML is never run)"]]);
  });
});

describe("HTML that is not markup", () => {
  test("special tokens such as <pad>, <eos> and <s> stay in titles and answers", () => {
    const r = read("## What does the <pad> token do?\n\nIt fills sequences to one length; <eos> ends them and <s> starts them.\n");
    expect(r.qa).toEqual([["What does the <pad> token do?", "It fills sequences to one length; <eos> ends them and <s> starts them."]]);
  });

  test("a <script> mentioned in a sentence or in code is text; an unclosed one is dropped only up to a blank line", () => {
    const r = read(
      "## Why is `<script>` dangerous in imported notes?\n\nBecause a `<script>` tag runs code.\n\n## What is XSS?\n\n<script>alert(1)\nstill script\n\nInjected script in a page.\n",
    );
    expect(r.qa).toEqual([
      ["Why is <script> dangerous in imported notes?", "Because a `<script>` tag runs code."],
      ["What is XSS?", "Injected script in a page."],
    ]);
    expect(r.skipped).toEqual([[7, "dropped a <script>/<style> element (imported HTML is never run)"]]);
  });
});

describe("line endings, front matter, math and footnotes", () => {
  test("CRLF and lone-CR line endings", () => {
    expect(read(fixture("crlf.md")).qa).toEqual([
      ["What is a learning rate schedule?", "A rule that changes the step size during training, for example warm-up then cosine decay."],
      ["Why warm up?", "Adam's early moment estimates are noisy; small steps at first keep training stable."],
    ]);
    expect(fixture("lone-cr.md")).not.toContain("\n");
    expect(read(fixture("lone-cr.md")).qa).toEqual([
      ["What is a loss function?", "A scalar measuring how wrong the predictions are."],
      ["What is cross-entropy?", "The negative log-probability of the correct class."],
    ]);
  });

  test("front matter is reported, not read as a setext heading", () => {
    const r = read(fixture("front-matter.md"), "rlhf");
    expect(r.qa.map(([t]) => t)).toEqual(["What is a reward model?", "Why add a KL penalty in RLHF?", "What is DPO?"]);
    expect(r.qa[2][1]).toBe("Direct Preference Optimisation trains on preference pairs with a classification-style loss and no reward model.");
    expect(r.skipped).toEqual([[1, "front matter (document metadata, 4 line(s)) not imported"]]);
  });

  test("LaTeX \\( \\) and \\[ \\] become $ math in titles and answers; code keeps its backslashes", () => {
    const r = read(fixture("latex-math.md"));
    expect(r.qa.map(([t]) => t)).toEqual(["Why divide the scores by $\\sqrt{d_k}$?", "What is the cost of attention in $T$?"]);
    expect(r.qa[0][1]).toBe(
      [
        "If $q$ and $k$ have independent unit-variance entries, $q \\cdot k$ has variance $d_k$. Dividing gives",
        "",
        "$$",
        "\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right)V",
        "$$",
        "",
        'so the logits have unit variance. Code keeps its backslashes: `r"\\(x\\)"`.',
        "",
        "```python",
        'print(r"\\[not math\\]")',
        "```",
      ].join("\n"),
    );
    expect(r.qa[1][1]).toBe("$O(T^2 d)$ time and $O(T^2)$ memory for the score matrix.");
    expect(renderMarkdown(r.qa[0][1], { file: "x" }).html).toContain("katex");
  });

  test("formulas KaTeX cannot render, and dollars that are prices, are kept as literal text and reported", () => {
    const r = read("## What is the variance of a sum?\n\n$\\Var(X+Y)$ adds the covariance twice.\n\n## What does a GPU hour cost?\n\nAbout $2 to $4, see `$PATH`.\n");
    expect(r.qa).toEqual([
      ["What is the variance of a sum?", "\\$\\Var(X+Y)\\$ adds the covariance twice."],
      ["What does a GPU hour cost?", "About \\$2 to \\$4, see `$PATH`."],
    ]);
    expect(r.skipped).toEqual([
      [1, expect.stringMatching(/^formulas in the answer kept as text: bad formula "\\\\Var\(X\+Y\)": Undefined control sequence/)],
      [5, expect.stringMatching(/^formulas in the answer kept as text: bad formula "2 to \$4, see `"/)],
    ]);
  });

  test("a dollar after an escaped backslash (`\\\\$`) is escaped too (fuzz counterexample)", () => {
    const r = read("## Question\n\\\\$$ costs\n\nA.\n");
    expect(r.qa).toEqual([["\\\\$$ costs", "A."]]);
    expect(r.questions[0].question).toBe("\\\\\\$\\$ costs");
  });

  test("footnote definitions go with the answers that cite them, not onto the last answer", () => {
    const r = read(fixture("footnotes.md"));
    expect(r.qa).toEqual([
      [
        "What is RoPE?",
        "Rotary embeddings rotate query and key pairs by an angle proportional to the position[^1], so their dot product\ndepends only on the relative offset.\n\n\\[^1]: Su et al., RoFormer, 2021.",
      ],
      ["Why does ALiBi extrapolate?", "It adds a linear distance penalty to the scores instead of learned positions[^2].\n\n\\[^2]: Press et al., 2022."],
    ]);
    expect(read("## What is RoPE?\n\nRotations.\n\n[^9]: Uncited.\n").skipped).toEqual([[5, "footnote not cited by any imported question"]]);
    // As in Markdown the first definition of an id counts; a repeated one is reported (and not attached again).
    const twice = read("## What is RoPE?\n\nRotations[^1].\n\n[^1]: First.\n\n## What is ALiBi?\n\nBiases[^1].\n\n[^1]: Second.\n");
    expect(twice.qa).toEqual([
      ["What is RoPE?", "Rotations[^1].\n\n\\[^1]: First."],
      ["What is ALiBi?", "Biases[^1].\n\n\\[^1]: First."],
    ]);
    expect(twice.skipped).toEqual([[11, "repeated definition of footnote [^1]; the first one is used"]]);
  });
});

describe("scripts and charsets", () => {
  test("Chinese, Russian and Arabic questions with localised labels and full-width or Arabic question marks", () => {
    const r = read(fixture("multiscript.md"), "zh");
    expect(r.qa).toEqual([
      ["什么是注意力机制？", "注意力根据查询和键的相似度，对值进行加权平均。"],
      ["为什么要除以根号 d_k？", "点积的方差随维度增大，缩放后 softmax 不会饱和。"],
      ["Что такое токенизация?", "разбиение текста на единицы словаря — токены."],
      ["ما هو التعلم العميق؟", "تعلم تمثيلات متعددة المستويات باستخدام شبكات عصبية عميقة."],
    ]);
    // Numbered ones keep their number; an unnumbered non-Latin title is named by its line, not a shared "question".
    expect(r.questions.map((q) => q.sources[0])).toEqual(["zh-q1", "zh-q2", "zh-q3", "zh-note-line15"]);
    expect(r.skipped).toEqual([]);
  });

  const french = fixture("cp1252-french.md");
  const frenchQA = [
    ["Qu’est-ce qu’un réseau de neurones?", "Une composition de couches linéaires et de non-linéarités ; on l’entraîne par descente de gradient."],
    ["Pourquoi normaliser les données?", "Pour que les caractéristiques aient la même échelle : « l’optimisation » converge plus vite, coût ≈ 5 €."],
  ];

  test("UTF-8 with a BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(french, "utf8")]);
    expect(read(decodeDocument(bytes).text).qa).toEqual(frenchQA);
  });

  test("Windows-1252 and Latin-1 files (not valid UTF-8) are decoded as Windows-1252, curly quotes and € included", () => {
    // Windows-1252 bytes written independently of the decoder: Latin-1 for U+00A0..U+00FF, the 0x80..0x9F table
    // entries for ’, — and €. "≈" has no cp1252 byte: the file says "~" instead.
    const cp1252 = (s: string) =>
      new Uint8Array([...s].map((c) => ({ "’": 0x92, "—": 0x97, "€": 0x80 })[c] ?? (c.charCodeAt(0) <= 0xff ? c.charCodeAt(0) : 0x3f)));
    const text = french.replace("≈", "~");
    const decoded = decodeDocument(cp1252(text));
    expect(decoded.encoding).toBe("windows-1252");
    expect(decoded.text).toBe(text);
    expect(read(decoded.text).qa).toEqual(frenchQA.map(([q, a]) => [q, a.replace("≈", "~")]));
    // Latin-1 (no curly quotes) is the same bytes as Windows-1252 for its printable characters.
    const latin1 = "## 1. Qu'est-ce qu'un modèle ?\n\nUne fonction apprise à partir de données.\n";
    expect(decodeDocument(new Uint8Array(Buffer.from(latin1, "latin1")))).toEqual({ text: latin1, encoding: "windows-1252" });
  });

  test("a UTF-8 file with a stray Windows-1252 apostrophe is read without any repair to report", () => {
    const bytes = Buffer.concat([
      Buffer.from("## Q1: What is a café model — naïve or not? 📌\n\n### Answer\n\nIt", "utf8"),
      Buffer.from([0x92]),
      Buffer.from("s the √d_k one, ≈ 5 €.\n", "utf8"),
    ]);
    const decoded = decodeDocument(new Uint8Array(bytes));
    expect(decoded.encoding).toBe("utf-8 and windows-1252");
    const r = read(decoded.text);
    expect(r.qa).toEqual([["What is a café model — naïve or not? 📌", "It’s the √d_k one, ≈ 5 €."]]);
    expect(r.skipped).toEqual([]);
  });

  test.each([
    ["le", true],
    ["le", false],
    ["be", true],
    ["be", false],
  ] as const)("UTF-16%s (BOM %s) of a mostly Chinese and Russian document", (order, bom) => {
    const doc = fixture("multiscript.md");
    const le = Buffer.from((bom ? "\uFEFF" : "") + doc, "utf16le");
    if (order === "be") for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
    const decoded = decodeDocument(new Uint8Array(le));
    expect(decoded).toEqual({ text: doc, encoding: `utf-16${order}` });
    expect(read(decoded.text).qa).toHaveLength(4);
  });
});

describe("any mix of the fixture shapes (property)", () => {
  const names = readdirSync(FIXTURES).filter((f) => f.endsWith(".md"));
  // Fixtures cut at random lines and glued in any order, with any line ending: every question imported from the
  // result is a valid content file with no render problem and no raw HTML.
  const piece = fc.tuple(fc.constantFrom(...names), fc.nat(), fc.nat()).map(([f, a, b]) => {
    const lines = fixture(f).split(/\r\n?|\n/);
    const [from, to] = [a % lines.length, b % (lines.length + 1)].sort((x, y) => x - y);
    return lines.slice(from, Math.max(to, from + 1)).join("\n");
  });
  test("imports become valid, safe content files", () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.constantFrom("\n", "\r\n", "\r"), (pieces, eol) => {
        const r = importMarkdown(pieces.join("\n\n").replace(/\n/g, eol), { source: "mix" });
        expectSafeContent(r);
        for (const s of r.skipped) expect(s.reason).not.toBe("");
      }),
      { numRuns: 150 },
    );
  });
});
