import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadEngine } from "./engine.js";
import { loadContentFast } from "./load-content.js";
import { FIXTURES } from "./testing/io.js";

const engine = await loadEngine();
// Inside the package so that exercise modules resolve @qkv/core and @qkv/quiz.
const work = mkdtempSync(join(fileURLToPath(new URL("..", import.meta.url)), ".test-work-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("loadContentFast", () => {
  it("loads questions with their exercises attached", async () => {
    const { questions, problems } = await loadContentFast(engine, FIXTURES);
    expect(problems).toEqual([]);
    expect(questions.map((q) => [q.id, q.exercises.map((e) => e.id)])).toEqual(
      expect.arrayContaining([
        ["fx-softmax-first", ["p1"]],
        ["fx-softmax-vector", ["vec", "impl"]],
        ["fx-greedy", ["pick", "argmax"]],
      ]),
    );
  });

  it("reports a module that does not compile, throws on import or has no default export, and loads the rest", async () => {
    const dir = join(work, "broken");
    cpSync(FIXTURES, dir, { recursive: true });
    writeFileSync(join(dir, "attention", "fx-softmax-first.exercises.ts"), 'import { x } from "@qkv/quiz";\nexport default [\n');
    writeFileSync(join(dir, "attention", "fx-softmax-vector.exercises.ts"), 'throw new Error("boom");\nexport default [];\n');
    writeFileSync(join(dir, "decoding", "fx-greedy.exercises.ts"), "export const exercises = [];\n");
    const { questions, problems } = await loadContentFast(engine, dir, dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        { file: "attention/fx-softmax-first.exercises.ts", line: 3, message: "cannot import the exercises module: Unexpected end of file" },
        { file: "attention/fx-softmax-vector.exercises.ts", line: 1, message: "cannot import the exercises module: boom" },
        { file: "decoding/fx-greedy.exercises.ts", line: 1, message: expect.stringContaining("no default export") },
      ]),
    );
    // The Markdown still loads; those questions fall back to a recall card each.
    expect(questions).toHaveLength(3);
    expect(questions.every((q) => q.exercises.length === 0)).toBe(true);
  });

  it("reports an unreadable content folder as a problem", async () => {
    const { questions, problems } = await loadContentFast(engine, join(work, "missing"));
    expect(questions).toEqual([]);
    expect(problems[0].message).toMatch(/cannot read the content directory/);
  });
});
