// Code-exercise grading: learner TypeScript is stripped of types with sucrase and run by a sandboxed CodeRunner.
// Its own module so that numeric and multiple-choice grading (grade.ts) never load sucrase.
import { Rng } from "@qkv/core";
import { transform } from "sucrase";
import type { CodeExercise } from "./exercise.js";
import { compareValues, formatValue } from "./compare.js";
import { printableExcerpt } from "./printable.js";
import type { CodeRunner } from "./sandbox.js";
import { diagnoseCode, type Diagnosis } from "./diagnose.js";

/** Per test case result of a code exercise. */
export interface CaseVerdict {
  index: number;
  passed: boolean;
  /** Arguments, formatted (at most 300 characters). */
  args: string;
  expected: string;
  /** The learner's value, formatted (at most 300 characters, control characters escaped), or "" when the call
   *  threw / did not run. */
  got: string;
  /** Why it failed, in words (control characters escaped); "" when passed. */
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
  /** For a solution that runs but fails: the failing case in full, the known mistake it equals, the wrong step. */
  diagnosis?: Diagnosis;
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
  /** Diagnose a failing solution (known mistakes, steps; default true). Each costs one more sandboxed run. */
  diagnose?: boolean;
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
  // Everything derived from what the learner's code produced (values, error text) is escaped and cut before it
  // reaches a verdict, so no front end prints control sequences or megabytes of it.
  const failAll = (rawError: string): CodeVerdict => {
    const error = printableExcerpt(rawError, 1000);
    return {
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
    };
  };
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
    if ("error" in outcome)
      return { ...base, passed: false, got: "", reason: printableExcerpt(`your function threw ${outcome.error}`) };
    try {
      const cmp = compareValues(expected[index], outcome.value, exercise.tolerance);
      return {
        ...base,
        passed: cmp.equal,
        got: printableExcerpt(formatValue(outcome.value)),
        reason: cmp.equal ? "" : printableExcerpt(cmp.reason),
      };
    } catch (err) {
      // E.g. an array nested so deeply that walking it overflows the stack.
      return { ...base, passed: false, got: "", reason: `your value could not be compared: ${(err as Error).message}` };
    }
  });
  const passed = cases.filter((c) => c.passed).length;
  const firstFail = cases.find((c) => !c.passed);
  const diagnosis =
    firstFail && options.diagnose !== false
    ? await diagnoseCode({
        exercise,
        js: prepared.js,
        argsList: testCases.map((c) => c.args),
        expected,
        outcomes: run.results,
        runner,
        timeoutMs,
        prepare: prepareLearnerCode,
      })
    : undefined;
  return {
    correct: passed === cases.length,
    passed,
    total: cases.length,
    cases,
    ...(diagnosis ? { diagnosis: printableDiagnosis(diagnosis) } : {}),
    message: firstFail
      ? `${passed}/${cases.length} tests passed; test ${firstFail.index + 1}: ${firstFail.reason}`
      : `All ${cases.length} tests passed.`,
  };
}

/** The diagnosis's text that came from learner code (its value in full, thrown errors) escaped and bounded. */
function printableDiagnosis(d: Diagnosis): Diagnosis {
  return {
    ...d,
    case: { ...d.case, got: printableExcerpt(d.case.got, 10_000) },
    ...(d.step ? { step: { ...d.step, reason: printableExcerpt(d.step.reason) } } : {}),
    summary: printableExcerpt(d.summary, 2000),
  };
}

function formatArgs(args: unknown[]): string {
  const s = args.map(formatValue).join(", ");
  return s.length > 300 ? `${s.slice(0, 297)}…` : s;
}
