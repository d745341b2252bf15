import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CodeVerdict } from "@qkv/quiz";
import { afterAll, describe, expect, it, vi } from "vitest";
import { loadEngine } from "../engine.js";
import { codeCards, debounce, ensurePracticeFile, formatCodeVerdict, pickExercise, practiceFileName, starterText } from "./practice.js";
import { FIXTURES } from "../testing/io.js";

const engine = await loadEngine();
const { questions } = await engine.loadContentDir(FIXTURES);
const cards = codeCards(engine, questions);
const work = mkdtempSync(join(tmpdir(), "qkv-practice-unit-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const now = new Date("2026-03-01T00:00:00Z");

describe("practice exercise choice", () => {
  it("collects only code exercises", () => {
    expect(cards.map((c) => c.id).sort()).toEqual(["fx-greedy/argmax", "fx-softmax-vector/impl"]);
  });
  it("takes a full id or a question id, else the first exercise never passed", () => {
    const argmax = cards.findIndex((c) => c.id === "fx-greedy/argmax");
    expect(pickExercise(engine, cards, engine.emptyProgress(), "fx-greedy/argmax", now)).toBe(argmax);
    expect(pickExercise(engine, cards, engine.emptyProgress(), "fx-greedy", now)).toBe(argmax);
    expect(pickExercise(engine, cards, engine.emptyProgress(), undefined, now)).toBe(0);
    const passedFirst = engine.recordReview(engine.emptyProgress(), cards[0].id, "good", now);
    expect(pickExercise(engine, cards, passedFirst, undefined, now)).toBe(1);
    expect(() => pickExercise(engine, cards, engine.emptyProgress(), "nope", now)).toThrow(/no code exercise "nope"; available/);
    expect(() => pickExercise(engine, [], engine.emptyProgress(), undefined, now)).toThrow(/no code exercises/);
  });
});

describe("practice file", () => {
  it("is named after the card and starts with the task as comments, then the starter", () => {
    const card = cards.find((c) => c.id === "fx-softmax-vector/impl")!;
    expect(practiceFileName(card)).toBe("fx-softmax-vector.impl.ts");
    const text = starterText(engine, card);
    expect(text.startsWith("// Softmax of three logits\n")).toBe(true);
    expect(text).toContain("// Implement softmax(row) for a vector of logits");
    expect(text).toContain(card.exercise.starter.trimEnd());
  });
  it("wraps a long task paragraph into comment lines of at most 100 characters", () => {
    const card = cards.find((c) => c.id === "fx-softmax-vector/impl")!;
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`);
    const prompt = `${words.join("\n")}\n\n    const code = "kept as is";`;
    const text = starterText(engine, { ...card, exercise: { ...card.exercise, prompt } });
    const task = text.split("\n").slice(3, text.split("\n").indexOf(""));
    expect(task.length).toBeGreaterThan(4);
    expect(task.every((l) => l.length <= 100 && l.startsWith("//"))).toBe(true);
    const paragraph = task.slice(0, task.indexOf("//"));
    expect(paragraph.map((l) => l.slice(3)).join(" ")).toBe(words.join(" "));
    expect(task.at(-1)).toBe('//     const code = "kept as is";');
  });
  it("is written once and never overwritten", async () => {
    const file = join(work, "f.ts");
    expect(await ensurePracticeFile(file, "one")).toBe(true);
    expect(await ensurePracticeFile(file, "two")).toBe(false);
    expect(readFileSync(file, "utf8")).toBe("one");
  });
});

describe("formatCodeVerdict", () => {
  const failing: CodeVerdict = {
    correct: false,
    passed: 1,
    total: 3,
    message: "",
    cases: [
      { index: 0, passed: true, args: "[1]", expected: "[1]", got: "[1]", reason: "" },
      { index: 1, passed: false, args: "[1, 2]", expected: "[0.27, 0.73]", got: "[0.27]", reason: "expected a vector of length 2, got a vector of length 1" },
      { index: 2, passed: false, args: "[3]", expected: "[1]", got: "", reason: "your function threw Error: x" },
    ],
  };
  it("shows each failing case with its arguments, expected and actual value (shapes in the reason)", () => {
    const lines = formatCodeVerdict(engine, failing);
    expect(lines[0]).toBe("✗ 1/3 tests passed.");
    expect(lines).toContain("Test 2: expected a vector of length 2, got a vector of length 1");
    expect(lines).toContain("  args:     [1, 2]");
    expect(lines).toContain("  got:      [0.27]");
    expect(lines).toContain("Test 3: your function threw Error: x");
    expect(lines.filter((l) => l.startsWith("  got:"))).toHaveLength(1);
  });
  it("limits the number of cases shown and reports compile errors on their own", () => {
    expect(formatCodeVerdict(engine, failing, 1).at(-1)).toBe("…and 1 more failing tests.");
    expect(formatCodeVerdict(engine, { ...failing, error: "syntax error (line 2, column 3): Unexpected token" })).toEqual([
      "✗ syntax error (line 2, column 3): Unexpected token",
    ]);
    expect(formatCodeVerdict(engine, { ...failing, correct: true, passed: 3 })).toEqual(["✓ All 3 tests passed."]);
  });
});

describe("formatCodeVerdict with a real diagnosis", () => {
  it("names the known mistake a wrong solution equals, with the failing case in full", async () => {
    const card = cards.find((c) => c.id === "fx-softmax-vector/impl")!;
    const wrong = card.exercise.wrongSolutions![0];
    const v = await engine.checkCode(card.exercise, wrong.code, engine.createNodeRunner(), { seed: 5 });
    const lines = formatCodeVerdict(engine, v);
    expect(lines[0]).toBe("✗ 0/3 tests passed.");
    expect(lines[2]).toMatch(/^Test 1: value at \[0\] differs: expected /);
    expect(lines[3]).toMatch(/^  row: vector of 3 \[/);
    expect(lines).toContain(`Your output equals that of a known mistake: ${wrong.label}.`);
  });
});

describe("debounce", () => {
  it("runs once after a burst of calls", () => {
    vi.useFakeTimers();
    try {
      const f = vi.fn();
      const d = debounce(f, 100);
      d();
      vi.advanceTimersByTime(50);
      d();
      d();
      vi.advanceTimersByTime(99);
      expect(f).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(f).toHaveBeenCalledTimes(1);
      d();
      d.cancel();
      vi.advanceTimersByTime(200);
      expect(f).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
