// Diagnosis of a failing code solution: the first failing case in full (inputs by shape, expected and got at full
// precision, the first differing element, |error| per element), the known mistake the output equals, and the first
// declared intermediate step that diverges. Mistakes and steps run through the same sandboxed CodeRunner as the
// learner's code, never in this process.
import type { CodeExercise, Tolerance } from "./exercise.js";
import { describeValue, flatten, indexString, shapeOf, withinTolerance } from "./compare.js";
import type { CodeRunner, RunOutcome } from "./sandbox.js";

/** One argument of the failing case: its name in the starter's signature, and a short summary. */
export interface InputSummary {
  name: string;
  /** "3×4 matrix [[0.12, -1.5, 0.3, …], …]". */
  summary: string;
}

export interface ElementDiff {
  /** "[1][2]", or "" for a scalar. */
  at: string;
  expected: number;
  got: number;
}

export interface FailedCase {
  /** 0-based index of the test case. */
  index: number;
  inputs: InputSummary[];
  /** Expected and got at full precision (shortest round-trip form); got is "" when the call threw. */
  expected: string;
  got: string;
  /** The first element outside the tolerance, when both are numeric arrays of one shape. */
  firstDifference?: ElementDiff;
  /** The differing elements (at most `MAX_DIFFS`) and how many there are. */
  differences: ElementDiff[];
  differing: number;
  elements: number;
  /** |got − expected| per element (0 where within the tolerance) for vectors and matrices of one shape. */
  errors?: number[][];
}

export interface Diagnosis {
  case: FailedCase;
  /** Labels of the known mistakes whose output the learner's equals on every test case. */
  mistakes: string[];
  /** The first declared step whose learner helper disagrees with the reference, with why. */
  step?: { name: string; functionName: string; reason: string };
  /** Declared steps the learner's helper passed, in order. */
  stepsPassed: string[];
  /** One or two plain sentences naming the mistake / step; "" when nothing is known. */
  summary: string;
}

const MAX_DIFFS = 5;

export interface DiagnoseInput {
  exercise: CodeExercise;
  /** The learner's prepared JavaScript (as given to the runner). */
  js: string;
  argsList: unknown[][];
  expected: unknown[];
  outcomes: RunOutcome[];
  runner: CodeRunner;
  timeoutMs: number;
  /** Turns a wrong solution's TypeScript into runnable JavaScript (grade-code's prepareLearnerCode). */
  prepare(code: string): { ok: true; js: string } | { ok: false; error: string };
}

/** Diagnoses a failing solution; undefined when every case passed. */
export async function diagnoseCode(input: DiagnoseInput): Promise<Diagnosis | undefined> {
  const { exercise, argsList, expected, outcomes } = input;
  const failing = outcomes.findIndex(
    (o, i) => !o || "error" in o || !sameWithin(expected[i], o.value, exercise.tolerance),
  );
  if (failing < 0) return undefined;
  const failedCase = describeCase(exercise, failing, argsList[failing], expected[failing], outcomes[failing]);
  const mistakes = await matchingMistakes(input);
  const { step, passed } = await checkSteps(input);
  const parts: string[] = [];
  if (mistakes.length) parts.push(`Your output equals that of a known mistake: ${mistakes.join("; or ")}.`);
  if (step) parts.push(`The first step that goes wrong is ${step.name} (${step.functionName}): ${step.reason}.`);
  return { case: failedCase, mistakes, step, stepsPassed: passed, summary: parts.join(" ") };
}

/** Whether two results agree within the tolerance (same shape, every element; NaN equals NaN). */
export function sameWithin(want: unknown, got: unknown, tol: Tolerance): boolean {
  const ws = shapeOf(want);
  const gs = shapeOf(got);
  if (ws === null || gs === null) return ws === null && gs === null && JSON.stringify(want) === JSON.stringify(got);
  if (ws.length !== gs.length || ws.some((d, i) => d !== gs[i])) return false;
  const a: number[] = [];
  const b: number[] = [];
  flatten(want, a);
  flatten(got, b);
  return a.every((x, i) => withinTolerance(x, b[i], tol));
}

/** Known mistakes whose outputs the learner's equal on every case (both threw counts as equal). */
async function matchingMistakes(input: DiagnoseInput): Promise<string[]> {
  const out: string[] = [];
  for (const w of input.exercise.wrongSolutions ?? []) {
    const prepared = input.prepare(w.code);
    if (!prepared.ok) continue;
    const run = await input.runner.run(
      prepared.js,
      input.exercise.functionName,
      input.argsList.map((a) => structuredClone(a)),
      input.timeoutMs,
    );
    if ("error" in run) continue;
    const same = input.outcomes.every((o, i) => {
      const m = run.results[i];
      if (!o || !m) return false;
      if ("error" in o || "error" in m) return "error" in o && "error" in m;
      return sameWithin(m.value, o.value, input.exercise.tolerance);
    });
    if (same) out.push(w.label);
  }
  return out;
}

/**
 * Runs each declared step's helper in order; the first that disagrees with the reference on some case. A helper
 * that is missing, or still the starter's `throw new Error("TODO")`, is skipped: helpers are optional.
 */
export async function checkSteps(
  input: Pick<DiagnoseInput, "exercise" | "js" | "argsList" | "runner" | "timeoutMs">,
): Promise<{ step?: Diagnosis["step"]; passed: string[] }> {
  const passed: string[] = [];
  for (const st of input.exercise.steps ?? []) {
    const stepArgs = input.argsList.map((a) => st.args(...structuredClone(a)));
    const want = stepArgs.map((a) => st.reference(...structuredClone(a)));
    const run = await input.runner.run(input.js, st.functionName, stepArgs, input.timeoutMs);
    // The helper is optional: a learner who wrote one function has no steps to compare.
    if ("error" in run) {
      if (/no function named/.test(run.error)) continue;
      return { step: { name: st.name, functionName: st.functionName, reason: run.error }, passed };
    }
    if (run.results.every((r) => r && "error" in r && r.error === "Error: TODO")) continue;
    for (let i = 0; i < stepArgs.length; i++) {
      const r = run.results[i];
      if (!r || "error" in r)
        return {
          step: { name: st.name, functionName: st.functionName, reason: `it threw ${r ? r.error : "nothing"}` },
          passed,
        };
      if (!sameWithin(want[i], r.value, input.exercise.tolerance)) {
        const c = describeCase(input.exercise, i, stepArgs[i], want[i], r, st.functionName);
        const d = c.firstDifference;
        const reason = d
          ? `on test ${i + 1}, element ${d.at || "(scalar)"} is ${d.got}, expected ${d.expected}`
          : `on test ${i + 1} it returned ${describeValue(r.value)}, expected ${describeValue(want[i])}`;
        return { step: { name: st.name, functionName: st.functionName, reason }, passed };
      }
    }
    passed.push(st.name);
  }
  return { passed };
}

/** The failing case in full: inputs, expected and got, the differing elements and |error| for a heatmap. */
export function describeCase(
  exercise: CodeExercise,
  index: number,
  args: unknown[],
  want: unknown,
  outcome: RunOutcome | undefined,
  functionName = exercise.functionName,
): FailedCase {
  const names = parameterNames(exercise.starter + "\n" + exercise.solution, functionName);
  const inputs = args.map((a, k) => ({ name: names[k] ?? `arg${k + 1}`, summary: summarise(a) }));
  const base: FailedCase = {
    index,
    inputs,
    expected: fullPrecision(want),
    got: outcome && "value" in outcome ? fullPrecision(outcome.value) : "",
    differences: [],
    differing: 0,
    elements: 0,
  };
  if (!outcome || "error" in outcome) return base;
  const ws = shapeOf(want);
  const gs = shapeOf(outcome.value);
  if (ws === null || gs === null || ws.length !== gs.length || ws.some((d, i) => d !== gs[i])) return base;
  const a: number[] = [];
  const b: number[] = [];
  flatten(want, a);
  flatten(outcome.value, b);
  const differences: ElementDiff[] = [];
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    if (withinTolerance(a[i], b[i], exercise.tolerance)) continue;
    differing++;
    if (differences.length < MAX_DIFFS)
      differences.push({ at: ws.length ? indexString(i, ws) : "", expected: a[i], got: b[i] });
  }
  const errors =
    ws.length === 1 || ws.length === 2
      ? chunk(
          a.map((x, i) => (withinTolerance(x, b[i], exercise.tolerance) ? 0 : Math.abs(b[i] - x))),
          ws.length === 2 ? ws[1] : ws[0],
        )
      : undefined;
  return { ...base, firstDifference: differences[0], differences, differing, elements: a.length, errors };
}

/** Parameter names of `function name(a: T, b: U)` or `const name = (a, b) =>` in the source. */
export function parameterNames(source: string, functionName: string): string[] {
  const m =
    new RegExp(`function\\s+${functionName}\\s*(?:<[^>]*>)?\\s*\\(`).exec(source) ??
    new RegExp(`(?:const|let|var)\\s+${functionName}\\s*(?::[^=]*)?=\\s*(?:async\\s*)?\\(`).exec(source);
  if (!m) return [];
  // Read up to the matching parenthesis, splitting on top-level commas.
  const names: string[] = [];
  let depth = 0;
  let current = "";
  for (let i = m.index + m[0].length; i < source.length; i++) {
    const ch = source[i];
    if (ch === "(" || ch === "[" || ch === "{" || ch === "<") depth++;
    if (ch === ")" && depth === 0) {
      names.push(current);
      break;
    }
    if (ch === ")" || ch === "]" || ch === "}" || ch === ">") depth--;
    if (ch === "," && depth === 0) {
      names.push(current);
      current = "";
    } else current += ch;
  }
  return names.map((n) => /^\s*(?:\.\.\.)?([A-Za-z_$][\w$]*)/.exec(n)?.[1] ?? "").filter((n) => n !== "");
}

/** Shortest round-trip text of every number (what the value really is), brackets for arrays. */
export function fullPrecision(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return `[${v.map(fullPrecision).join(", ")}]`;
  if (v === undefined) return "undefined";
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** "3×4 matrix [[0.12, -1.5, 0.3, …], [2, …], …]": the shape and the first few values of the first rows. */
export function summarise(v: unknown): string {
  const shape = shapeOf(v);
  if (shape === null) return describeValue(v);
  const kind =
    shape.length === 0
      ? "number"
      : shape.length === 1
        ? `vector of ${shape[0]}`
        : `${shape.join("×")} ${shape.length === 2 ? "matrix" : "array"}`;
  return `${kind} ${preview(v, 0)}`;
}

function preview(v: unknown, depth: number): string {
  if (typeof v === "number") return String(Number(v.toPrecision(4)));
  const arr = v as unknown[];
  const keep = depth === 0 ? 3 : 2;
  const shown = arr.slice(0, depth === 0 && Array.isArray(arr[0]) ? 2 : keep).map((x) => preview(x, depth + 1));
  if (arr.length > shown.length) shown.push("…");
  return `[${shown.join(", ")}]`;
}

function chunk(xs: number[], width: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < xs.length; i += width) out.push(xs.slice(i, i + width));
  return out;
}

/**
 * Plain-text rendering for terminals, indented under a "Test N: …" line: the inputs, expected/got in full, the
 * differing elements, an |error| map and the named mistake / step.
 */
export function formatDiagnosis(d: Diagnosis): string[] {
  const c = d.case;
  const out: string[] = [];
  for (const i of c.inputs) out.push(`  ${i.name}: ${i.summary}`);
  out.push(`  expected: ${c.expected}`);
  if (c.got !== "") out.push(`  got:      ${c.got}`);
  if (c.differing > 0) {
    out.push(`  ${c.differing} of ${c.elements} element${c.elements === 1 ? "" : "s"} outside the tolerance:`);
    for (const e of c.differences)
      out.push(
        `    ${(e.at || "value").padEnd(8)} expected ${e.expected}  got ${e.got}  |error| ${Number(Math.abs(e.got - e.expected).toPrecision(3))}`,
      );
  }
  if (c.errors && c.errors.length > 1 && c.errors.length <= 16 && c.errors[0].length <= 32)
    out.push("  |error| map (· within tolerance, ░▒▓█ larger):", ...heatmapRows(c.errors).map((r) => `    ${r}`));
  if (d.summary) out.push("", d.summary);
  return out;
}

const SHADES = ["░", "▒", "▓", "█"];

/** One character per element: "·" within the tolerance (0), else a shade by |error| relative to the largest. */
export function heatmapRows(errors: number[][]): string[] {
  const finite = errors.flat().filter(Number.isFinite);
  const max = Math.max(0, ...finite);
  return errors.map((row) =>
    row
      .map((e) => {
        if (e === 0) return "·";
        if (!Number.isFinite(e) || max === 0) return "█";
        return SHADES[Math.min(SHADES.length - 1, Math.floor((e / max) * SHADES.length))];
      })
      .join(""),
  );
}
