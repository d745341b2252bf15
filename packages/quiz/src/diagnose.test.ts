import { causalMask, randn, Rng, scaledDotProductAttention, softmax } from "@qkv/core";
import { describe, expect, test } from "vitest";
import { formatDiagnosis, heatmapRows, parameterNames, summarise } from "./diagnose.js";
import type { CodeExercise } from "./exercise.js";
import { checkCode } from "./grade-code.js";
import { createNodeRunner } from "./node/runner.js";

const runner = createNodeRunner();

const toRows = (t: { shape: readonly number[]; data: ArrayLike<number> }): number[][] => {
  const [r, c] = t.shape;
  return Array.from({ length: r }, (_, i) => Array.from(t.data).slice(i * c, (i + 1) * c));
};
const softmaxRows = (S: number[][]) => toRows(softmax(S));

const scoresOf = (Q: number[][], K: number[][]) =>
  Q.map((q, i) => K.map((k, j) => (j <= i ? q.reduce((a, x, t) => a + x * k[t], 0) / Math.sqrt(q.length) : -Infinity)));

// Causal attention with declared steps: masked scores, then weights, then the output.
const solution = `export function scores(Q: number[][], K: number[][]): number[][] {
  return Q.map((q, i) => K.map((k, j) => (j <= i ? q.reduce((a, x, t) => a + x * k[t], 0) / Math.sqrt(q.length) : -Infinity)));
}
export function weights(S: number[][]): number[][] {
  return S.map((s) => {
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / z);
  });
}
export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  return weights(scores(Q, K)).map((w) => V[0].map((_, c) => w.reduce((a, wj, j) => a + wj * V[j][c], 0)));
}`;

const maskAfterSoftmax = `export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  const d = Q[0].length;
  return Q.map((q, i) => {
    const s = K.map((k) => q.reduce((a, x, t) => a + x * k[t], 0) / Math.sqrt(d));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    const w = e.map((x, j) => (j <= i ? x / z : 0));
    return V[0].map((_, c) => w.reduce((a, wj, j) => a + wj * V[j][c], 0));
  });
}`;

const exercise: CodeExercise = {
  kind: "code",
  id: "causal-attention",
  prompt: "Causal attention.",
  functionName: "attention",
  starter:
    'export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {\n  throw new Error("TODO");\n}',
  solution,
  tests(rng: Rng) {
    return [4, 3].map((T) => ({
      args: [toRows(randn([T, 8], rng)), toRows(randn([T, 8], rng)), toRows(randn([T, 5], rng))],
    }));
  },
  reference: (Q, K, V) =>
    toRows(
      scaledDotProductAttention(Q as number[][], K as number[][], V as number[][], {
        mask: causalMask((Q as number[][]).length),
      }).output,
    ),
  tolerance: { abs: 1e-9 },
  wrongSolutions: [
    { label: "mask applied after the softmax", code: maskAfterSoftmax },
    { label: "no 1/sqrt(d_k) scaling", code: solution.replace(" / Math.sqrt(q.length)", "") },
  ],
  steps: [
    {
      name: "the masked scores",
      functionName: "scores",
      args: (Q, K) => [Q, K],
      reference: (Q, K) => scoresOf(Q as number[][], K as number[][]),
    },
    {
      name: "the weights",
      functionName: "weights",
      args: (Q, K) => [scoresOf(Q as number[][], K as number[][])],
      reference: (S) => softmaxRows(S as number[][]),
    },
  ],
};

describe("diagnosis of a failing code solution", () => {
  test("a solution equal to a known mistake is named by it, with the failing case in full", async () => {
    const v = await checkCode(exercise, maskAfterSoftmax, runner, { seed: 1 });
    expect(v.correct).toBe(false);
    const d = v.diagnosis!;
    expect(d.mistakes).toEqual(["mask applied after the softmax"]);
    expect(d.summary).toContain("Your output equals that of a known mistake: mask applied after the softmax.");
    expect(d.case.inputs.map((i) => i.name)).toEqual(["Q", "K", "V"]);
    expect(d.case.inputs[0].summary).toMatch(/^4×8 matrix \[\[-?\d/);
    // Full precision: the reference's own numbers, printed as their shortest round-trip form.
    const want = exercise.reference(...exercise.tests(new Rng(1))[0].args) as number[][];
    expect(d.case.expected).toBe(`[${want.map((r) => `[${r.join(", ")}]`).join(", ")}]`);
    // Row 0's weight was normalised over every key, so the very first element already differs.
    expect(d.case.firstDifference).toMatchObject({ at: "[0][0]", expected: want[0][0] });
    expect(d.case.errors!.map((r) => r.length)).toEqual([5, 5, 5, 5]);
    expect(d.case.differing).toBe(d.case.errors!.flat().filter((e) => e > 0).length);
    const text = formatDiagnosis(d).join("\n");
    expect(text).toContain("|error| map");
    expect(text).toMatch(/elements? outside the tolerance/);
  });

  test("a wrong step is named; the correct steps before it are passed", async () => {
    const wrongWeights = solution.replace("return e.map((x) => x / z);", "return e;");
    const v = await checkCode(exercise, wrongWeights, runner, { seed: 2 });
    expect(v.diagnosis!.stepsPassed).toEqual(["the masked scores"]);
    expect(v.diagnosis!.step).toMatchObject({ name: "the weights", functionName: "weights" });
    expect(v.diagnosis!.step!.reason).toMatch(/^on test 1, element \[\d\]\[\d\] is /);
    expect(v.diagnosis!.mistakes).toEqual([]);
  });

  test("an unknown mistake names nothing; helpers are optional", async () => {
    const doubled = maskAfterSoftmax.replace(
      "return V[0].map",
      "return V[0].map((_, c) => 2 * w.reduce((a, wj, j) => a + wj * V[j][c], 0));\n    V[0].map",
    );
    const v = await checkCode(exercise, doubled, runner, { seed: 3 });
    expect(v.correct).toBe(false);
    expect(v.diagnosis!.mistakes).toEqual([]);
    expect(v.diagnosis!.step).toBeUndefined();
    expect(v.diagnosis!.summary).toBe("");
  });

  test("the correct solution has no diagnosis; diagnose: false skips it", async () => {
    expect((await checkCode(exercise, solution, runner, { seed: 1 })).diagnosis).toBeUndefined();
    const v = await checkCode(exercise, maskAfterSoftmax, runner, { seed: 1, diagnose: false });
    expect(v.correct).toBe(false);
    expect(v.diagnosis).toBeUndefined();
  });
});

describe("helpers", () => {
  test("parameter names come from the signature", () => {
    expect(
      parameterNames("export function f(a: number[][], b: Array<number>, { c }: X, ...rest: number[]) {}", "f"),
    ).toEqual(["a", "b", "rest"]);
    expect(parameterNames("export const g = (x: number, y = 2) => x", "g")).toEqual(["x", "y"]);
  });
  test("summaries give the shape and a few values", () => {
    expect(
      summarise([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
        [9, 10, 11, 12],
      ]),
    ).toBe("3×4 matrix [[1, 2, …], [5, 6, …], …]");
    expect(summarise([0.123456, 2])).toBe("vector of 2 [0.1235, 2]");
    expect(summarise(3)).toBe("number 3");
  });
  test("heatmap: · within tolerance, the largest error darkest", () => {
    expect(
      heatmapRows([
        [0, 1],
        [0.5, 0.1],
      ]),
    ).toEqual(["·█", "▓░"]);
  });
});
