import { describe, expect, test } from "vitest";
import { parseQuestionFile } from "./question.js";

const good = `---
id: attention-scale-sqrt-dk
title: Why are attention scores divided by √d_k?
topic: attention
difficulty: intermediate
tags: [attention, softmax]
sources: [seed-002-q6]
core: [scaledDotProductAttention]
---

## Question

Why divide by $\\sqrt{d_k}$?

## Answer

Because the variance grows.

\`\`\`ts example
import { softmax, tensor } from "@qkv/core";
console.log(1);
\`\`\`

\`\`\`text output
1
\`\`\`

### Detail

More.
`;

describe("parseQuestionFile", () => {
  test("parses a well-formed file", () => {
    const r = parseQuestionFile("content/attention/attention-scale-sqrt-dk.md", good);
    expect(r.problems).toEqual([]);
    const q = r.question!;
    expect(q.id).toBe("attention-scale-sqrt-dk");
    expect(q.title).toBe("Why are attention scores divided by √d_k?");
    expect(q.titleMarkdown).toBe(q.title);
    expect(q.tags).toEqual(["attention", "softmax"]);
    expect(q.question).toBe("Why divide by $\\sqrt{d_k}$?");
    expect(q.questionLine).toBe(13);
    expect(q.answer.startsWith("Because the variance grows.")).toBe(true);
    expect(q.answer).toContain("### Detail");
    expect(q.examples).toEqual([
      {
        code: 'import { softmax, tensor } from "@qkv/core";\nconsole.log(1);',
        expectedOutput: "1",
        line: 19,
        outputLine: 24,
      },
    ]);
  });

  test("a title's TeX stays as written in titleMarkdown and becomes Unicode text in title", () => {
    const path = "content/attention/attention-scale-sqrt-dk.md";
    const withTex = good.replace("title: Why are attention scores divided by √d_k?", 'title: \'Why is `softmax` divided by $\\sqrt{d_k}$ and *not* $d_k$?\'');
    const q = parseQuestionFile(path, withTex).question!;
    expect(q.titleMarkdown).toBe("Why is `softmax` divided by $\\sqrt{d_k}$ and *not* $d_k$?");
    expect(q.title).toBe("Why is softmax divided by √d_k and not d_k?");
    // A title that starts like a list or heading is still one line of text.
    const numbered = parseQuestionFile(path, good.replace(/^title: .*$/m, 'title: "1. # Step one"')).question!;
    expect(numbered.title).toBe("1. # Step one");
  });

  test("a formula KaTeX rejects in the title is a problem on the title's line", () => {
    const bad = good.replace(/^title: .*$/m, 'title: \'Why $\\frac{1}{$?\'');
    const r = parseQuestionFile("content/attention/attention-scale-sqrt-dk.md", bad);
    expect(r.question).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].line).toBe(3);
    expect(r.problems[0].message).toMatch(/^title: bad formula "\\\\frac\{1\}\{": Unexpected end of input/);
  });

  test("experiments is optional ([] when absent) and must be a list of ids when given", () => {
    const path = "content/attention/attention-scale-sqrt-dk.md";
    expect(parseQuestionFile(path, good).question!.experiments).toEqual([]);
    const listed = good.replace("core: [scaledDotProductAttention]\n", "core: [scaledDotProductAttention]\nexperiments: [scaled-scores-variance]\n");
    expect(parseQuestionFile(path, listed).question!.experiments).toEqual(["scaled-scores-variance"]);
    const bad = good.replace("core: [scaledDotProductAttention]\n", "core: [scaledDotProductAttention]\nexperiments: scaled-scores-variance\n");
    expect(parseQuestionFile(path, bad).problems).toEqual([
      { file: path, line: 9, message: expect.stringContaining('"experiments" must be a list') },
    ]);
  });

  test("every missing or ill-typed key is a problem with file and line", () => {
    const text = good
      .replace("difficulty: intermediate", "difficulty: expert")
      .replace("tags: [attention, softmax]", "tags: attention")
      .replace("core: [scaledDotProductAttention]\n", "");
    const r = parseQuestionFile("content/attention/attention-scale-sqrt-dk.md", text);
    expect(r.question).toBeUndefined();
    expect(r.problems).toEqual([
      {
        file: "content/attention/attention-scale-sqrt-dk.md",
        line: 1,
        message: expect.stringContaining('missing key "core"'),
      },
      { file: "content/attention/attention-scale-sqrt-dk.md", line: 5, message: expect.stringContaining("difficulty") },
      {
        file: "content/attention/attention-scale-sqrt-dk.md",
        line: 6,
        message: expect.stringContaining('"tags" must be a list'),
      },
    ]);
  });

  test("id must equal the slug and topic the folder", () => {
    const r = parseQuestionFile("content/decoding/other-name.md", good);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [2, expect.stringContaining('must equal the file\'s slug "other-name"')],
      [4, expect.stringContaining('must equal the folder name "decoding"')],
    ]);
  });

  test("YAML syntax errors, missing sections and orphan examples carry lines", () => {
    const r = parseQuestionFile("a/b.md", "---\nid: [unclosed\n---\n\nno sections\n");
    expect(r.problems[0]).toMatchObject({ file: "a/b.md", line: 2 });
    const r2 = parseQuestionFile(
      "content/attention/attention-scale-sqrt-dk.md",
      good.replace("```text output\n1\n```", "").replace("## Question", "## Questions"),
    );
    const msgs = r2.problems.map((p) => `${p.line}: ${p.message}`);
    expect(msgs).toContain(
      '11: unexpected section "## Questions" (only ## Question and ## Answer; use ### inside the answer)',
    );
    expect(msgs.some((m) => m.startsWith("19: example block must be followed"))).toBe(true);
    expect(msgs.some((m) => m.includes("missing `## Question`"))).toBe(true);
  });

  test("no front matter", () => {
    expect(parseQuestionFile("x/y.md", "# hi").problems).toEqual([
      { file: "x/y.md", line: 1, message: "missing front matter: the file must start with a `---` line" },
    ]);
  });
});
