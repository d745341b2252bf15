import { Rng } from "@qkv/core";
import { transform } from "sucrase";
import type { CodeExercise, Exercise, MultipleChoiceExercise, NumericExercise, NumericInstance } from "./exercise.js";
import { parseAnswer } from "./answer.js";
import { compareValues, formatTolerance, formatValue } from "./compare.js";
import type { CodeRunner } from "./sandbox.js";

/** FSRS rating of one review, as stored in progress records. */
export type Rating = "again" | "hard" | "good" | "easy";
export const RATINGS: readonly Rating[] = ["again", "hard", "good", "easy"];

/** Outcome of a numeric, multiple-choice or recall answer. Strings are ready to display. */
export interface Verdict {
  correct: boolean;
  /** The expected answer (formatted value, or the correct choice's text). */
  expected: string;
  /** What the learner gave, formatted (or the raw input when it did not parse). */
  given: string;
  /** Tolerance in words ("±0.001 absolute or ±1% relative"); "" for choices. */
  tolerance: string;
  /** Markdown explaining the answer (numeric: how it is obtained; choice: why the picked choice is right/wrong). */
  explanation: string;
  /** One plain-text sentence: correct, or what is wrong (shape mismatch, unparsable input, differing value). */
  message: string;
}

/** Per test case result of a code exercise. */
export interface CaseVerdict {
  index: number;
  passed: boolean;
  /** Arguments, formatted. */
  args: string;
  expected: string;
  /** The learner's value, formatted, or "" when the call threw / did not run. */
  got: string;
  /** Why it failed, in words; "" when passed. */
  reason: string;
}

export interface CodeVerdict {
  correct: boolean;
  passed: number;
  total: number;
  cases: CaseVerdict[];
  /** One plain-text summary line. */
  message: string;
  /** Set when the code did not compile or run at all (syntax error, imports, time limit, missing function). */
  error?: string;
}

/** Draws one instance of a numeric exercise; the same seed always gives the same instance. */
export function instantiate(exercise: NumericExercise, seed: number): NumericInstance {
  return exercise.generate(new Rng(seed));
}

/** Grades a typed numeric answer against instance `seed` of the exercise. */
export function checkNumeric(exercise: NumericExercise, seed: number, input: string): Verdict {
  const inst = instantiate(exercise, seed);
  const expected = formatValue(inst.expected);
  const tolerance = formatTolerance(exercise.tolerance);
  const parsed = parseAnswer(input);
  if (!parsed.ok)
    return {
      correct: false,
      expected,
      given: input.trim(),
      tolerance,
      explanation: inst.explanation,
      message: `Could not read your answer: ${parsed.reason}.`,
    };
  const given = formatValue(parsed.value);
  const cmp = compareValues(inst.expected, parsed.value, exercise.tolerance);
  return {
    correct: cmp.equal,
    expected,
    given,
    tolerance,
    explanation: inst.explanation,
    message: cmp.equal ? `Correct (within ${tolerance}).` : `Not quite: ${cmp.reason}.`,
  };
}

/** Grades the choice at `choiceIndex` (0-based). */
export function checkChoice(exercise: MultipleChoiceExercise, choiceIndex: number): Verdict {
  const correctChoices = exercise.choices.filter((c) => c.correct);
  const expected = correctChoices.map((c) => c.text).join(" / ");
  const picked = exercise.choices[choiceIndex];
  if (!Number.isInteger(choiceIndex) || picked === undefined)
    return {
      correct: false,
      expected,
      given: String(choiceIndex),
      tolerance: "",
      explanation: correctChoices
        .map((c) => c.explanation)
        .filter(Boolean)
        .join("\n\n"),
      message: `There is no choice ${choiceIndex + 1}: pick 1 to ${exercise.choices.length}.`,
    };
  return {
    correct: picked.correct,
    expected,
    given: picked.text,
    tolerance: "",
    explanation: picked.correct
      ? picked.explanation
      : [picked.explanation, ...correctChoices.map((c) => c.explanation)].filter(Boolean).join("\n\n"),
    message: picked.correct ? "Correct." : "Not this one.",
  };
}

/** Result of turning learner TypeScript into runnable JavaScript. */
export type PreparedCode = { ok: true; js: string } | { ok: false; error: string };

/**
 * Strips TypeScript syntax with sucrase (types only) and turns the learner's `export function f` / `export const f`
 * into plain declarations so the sandbox can find `f` in scope. Imports are refused: exercises are self-contained.
 */
export function prepareLearnerCode(code: string): PreparedCode {
  // Checked on the source: sucrase drops imports whose bindings are unused, as TypeScript does.
  const sourceLines = code.split("\n");
  for (let i = 0; i < sourceLines.length; i++)
    if (/^\s*import\s*[\w{*"']/.test(sourceLines[i]) || /^\s*export\s[^=]*\bfrom\s*["']/.test(sourceLines[i]))
      return {
        ok: false,
        error: `line ${i + 1}: imports are not available here — write everything in plain TypeScript`,
      };
  let js: string;
  try {
    js = transform(code, { transforms: ["typescript"], disableESTransforms: true }).code;
  } catch (err) {
    const e = err as Error & { loc?: { line: number; column: number } };
    const where = e.loc ? ` (line ${e.loc.line}, column ${e.loc.column + 1})` : "";
    return { ok: false, error: `syntax error${where}: ${e.message.replace(/\s*\(\d+:\d+\)$/, "")}` };
  }
  const lines = js.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*export\s+default\b/.test(l))
      return { ok: false, error: `line ${i + 1}: use a named export (export function name(...)), not export default` };
    lines[i] = l
      .replace(/^(\s*)export\s+(?=(?:async\s+)?function\b|const\b|let\b|var\b|class\b)/, "$1")
      .replace(/^(\s*)export\s*\{[^}]*\};?\s*$/, "$1");
  }
  return { ok: true, js: lines.join("\n") };
}

export interface CheckCodeOptions {
  /** Seed for `exercise.tests(rng)`. */
  seed: number;
  /** Limit for running all test cases (default 2000 ms). */
  timeoutMs?: number;
}

/** Runs the learner's code on the exercise's hidden tests and compares each result with `exercise.reference`. */
export async function checkCode(
  exercise: CodeExercise,
  code: string,
  runner: CodeRunner,
  options: CheckCodeOptions,
): Promise<CodeVerdict> {
  const timeoutMs = options.timeoutMs ?? 2000;
  const testCases = exercise.tests(new Rng(options.seed));
  // Reference values from deep copies so neither side can see the other's mutations of the arguments.
  const expected = testCases.map((c) => exercise.reference(...structuredClone(c.args)));
  const failAll = (error: string): CodeVerdict => ({
    correct: false,
    passed: 0,
    total: testCases.length,
    cases: testCases.map((c, index) => ({
      index,
      passed: false,
      args: formatArgs(c.args),
      expected: formatValue(expected[index]),
      got: "",
      reason: error,
    })),
    message: error,
    error,
  });
  const prepared = prepareLearnerCode(code);
  if (!prepared.ok) return failAll(prepared.error);
  const run = await runner.run(
    prepared.js,
    exercise.functionName,
    testCases.map((c) => structuredClone(c.args)),
    timeoutMs,
  );
  if ("error" in run)
    return failAll(run.timedOut ? `time limit of ${timeoutMs} ms exceeded (an endless loop?)` : run.error);
  const cases: CaseVerdict[] = testCases.map((c, index) => {
    const outcome = run.results[index];
    const base = { index, args: formatArgs(c.args), expected: formatValue(expected[index]) };
    if (!outcome) return { ...base, passed: false, got: "", reason: "no result for this case" };
    if ("error" in outcome) return { ...base, passed: false, got: "", reason: `your function threw ${outcome.error}` };
    const cmp = compareValues(expected[index], outcome.value, exercise.tolerance);
    return {
      ...base,
      passed: cmp.equal,
      got: formatValue(outcome.value),
      reason: cmp.equal ? "" : cmp.reason,
    };
  });
  const passed = cases.filter((c) => c.passed).length;
  const firstFail = cases.find((c) => !c.passed);
  return {
    correct: passed === cases.length,
    passed,
    total: cases.length,
    cases,
    message: firstFail
      ? `${passed}/${cases.length} tests passed; test ${firstFail.index + 1}: ${firstFail.reason}`
      : `All ${cases.length} tests passed.`,
  };
}

function formatArgs(args: unknown[]): string {
  const s = args.map(formatValue).join(", ");
  return s.length > 300 ? `${s.slice(0, 297)}…` : s;
}

/** Maps a verdict to an FSRS rating: wrong → again; right with hints → hard; right unaided → good. */
export function ratingFrom(verdict: { correct: boolean }, hintsUsed = 0): Rating {
  if (!verdict.correct) return "again";
  return hintsUsed > 0 ? "hard" : "good";
}

/** A learner's answer to any exercise kind. */
export type Answer =
  | { kind: "multiple-choice"; choice: number }
  | { kind: "numeric"; input: string; seed: number }
  | { kind: "code"; code: string; seed: number }
  | { kind: "recall"; rating: Rating };

export interface CheckContext {
  /** Needed for code exercises (`createNodeRunner` from "@qkv/quiz/node", `createBrowserRunner` from "@qkv/quiz/browser"). */
  runner?: CodeRunner;
  timeoutMs?: number;
}

/** One entry point over every exercise kind; dispatches to checkChoice / checkNumeric / checkCode. */
export async function check(
  exercise: Exercise,
  answer: Answer,
  ctx: CheckContext = {},
): Promise<Verdict | CodeVerdict> {
  if (exercise.kind !== answer.kind)
    throw new Error(`answer kind "${answer.kind}" does not fit exercise "${exercise.id}" of kind "${exercise.kind}"`);
  switch (exercise.kind) {
    case "multiple-choice":
      return checkChoice(exercise, (answer as { choice: number }).choice);
    case "numeric": {
      const a = answer as { input: string; seed: number };
      return checkNumeric(exercise, a.seed, a.input);
    }
    case "code": {
      if (!ctx.runner) throw new Error("check: a code exercise needs ctx.runner");
      const a = answer as { code: string; seed: number };
      return checkCode(exercise, a.code, ctx.runner, { seed: a.seed, timeoutMs: ctx.timeoutMs });
    }
    case "recall": {
      const rating = (answer as { rating: Rating }).rating;
      return {
        correct: rating !== "again",
        expected: "",
        given: rating,
        tolerance: "",
        explanation: exercise.answer,
        message: `Self-graded: ${rating}.`,
      };
    }
  }
}
