import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { closesFence, fenceOpener, scanFences } from "./fence.js";
import { importMarkdown, toContentFile } from "./importer.js";
import { parseQuestionFile } from "./question.js";

describe("fence scanner", () => {
  test("openers follow CommonMark: ≤3 spaces, never a tab; no backtick in a backtick fence's info", () => {
    expect(fenceOpener("```ts example")).toEqual({ indent: "", marker: "```", info: "ts example" });
    expect(fenceOpener("   ~~~~ text output ")).toEqual({ indent: "   ", marker: "~~~~", info: "text output" });
    expect(fenceOpener("~~~ a`b")).toEqual({ indent: "", marker: "~~~", info: "a`b" });
    expect(fenceOpener("    ```ts")).toBeNull();
    expect(fenceOpener("\t```ts")).toBeNull();
    expect(fenceOpener(" \t```")).toBeNull();
    expect(fenceOpener("``` a`b")).toBeNull();
    expect(fenceOpener("``")).toBeNull();
  });

  test("a fence closes only with the same character, at least as long, and nothing after it", () => {
    expect(closesFence("```", "```")).toBe(true);
    expect(closesFence("  `````  \t", "````")).toBe(true);
    expect(closesFence("``", "```")).toBe(false);
    expect(closesFence("~~~", "```")).toBe(false);
    expect(closesFence("```ts", "```")).toBe(false);
    expect(closesFence("\t```", "```")).toBe(false);
  });

  test("scanFences marks every line of every block, fence lines included", () => {
    const lines = ["a", "````md", "```ts example", "```", "````", "b", "~~~", "open"];
    const { blocks, inFence } = scanFences(lines);
    expect(blocks.map((b) => [b.opener.info, b.open, b.close])).toEqual([
      ["md", 1, 4],
      ["", 6, -1],
    ]);
    expect(inFence).toEqual([false, true, true, true, true, false, true, true]);
  });
});

// Lines an attacker would try: fences indented with spaces and tabs, nested and mismatched markers, info strings
// that do or do not say example/output, and headings that could open sections.
const line = fc.oneof(
  fc.constantFrom(
    "```ts example",
    "```text output",
    "~~~ts example",
    "````ts example",
    "\t```",
    "\t```ts example",
    " \t```",
    "   ```",
    "    ```ts example",
    "```",
    "````",
    "~~~",
    "``` ts   example  ",
    "```TS Example",
    "```text",
    "``` `x` example",
    "process.exit(1)",
    "console.log(1)",
    "## Answer",
    "## Question",
    "\t## Answer",
    "# Title",
    "",
  ),
  fc
    .tuple(
      fc.constantFrom("", " ", "  ", "   ", "\t", " \t"),
      fc.constantFrom("```", "~~~", "````"),
      fc.string({ maxLength: 12 }),
    )
    .map(([a, b, c]) => `${a}${b}${c}`),
);

describe("imported Markdown never becomes executable", () => {
  test("a tab-indented fence line cannot smuggle a ts example past the importer", () => {
    const doc =
      "## Q1: What is this?\n### Answer\nSee:\n\t```\n```ts example\nprocess.exit(1)\n```\n```text output\n\n```\n";
    const [q] = importMarkdown(doc).questions;
    const file = toContentFile(q, { topic: "tokens", id: "tab" });
    const parsed = parseQuestionFile(`content/${file.path}`, file.text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.question!.examples).toEqual([]);
  });

  test("property: whatever the lines, the parsed file has no example and only the two sections", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), fc.array(line, { maxLength: 6 }), (answerLines, questionLines) => {
        const doc = ["## Q1: What is it?", ...questionLines, "### Answer", "text", ...answerLines].join("\n");
        for (const q of importMarkdown(doc).questions) {
          const file = toContentFile(q, { topic: "tokens", id: "fuzz" });
          const parsed = parseQuestionFile(`content/${file.path}`, file.text);
          // The file may have problems (e.g. an empty section), but never an example block or an injected section.
          expect(
            parsed.problems.filter((p) => /example|output|section/.test(p.message) && !/is empty/.test(p.message)),
          ).toEqual([]);
          expect(parsed.question?.examples ?? []).toEqual([]);
          const lines = file.text.split("\n");
          const { blocks } = scanFences(lines);
          expect(blocks.filter((b) => /example|output/i.test(b.opener.info))).toEqual([]);
        }
      }),
      { numRuns: 400 },
    );
  });
});
