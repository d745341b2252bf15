import { causalMask, randn, Rng, scaledDotProductAttention, softmax } from "@qkv/core";
import { afterAll, describe, expect, test } from "vitest";
import { check } from "./check.js";
import type { CodeExercise } from "./exercise.js";
import { checkCode, prepareLearnerCode } from "./grade-code.js";
import { createNodeRunner } from "./node/runner.js";

const runner = createNodeRunner();

describe("prepareLearnerCode", () => {
  test("strips types and exports", () => {
    const r = prepareLearnerCode("export function f(x: number[]): number {\n  return x.length as number;\n}");
    expect(r).toEqual({ ok: true, js: "function f(x) {\n  return x.length ;\n}" });
  });
  test("syntax errors and imports are refused with a reason", () => {
    expect(prepareLearnerCode("export function f( {")).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^syntax error \(line 1/),
    });
    expect(prepareLearnerCode('import fs from "fs";\nexport function f() {}')).toMatchObject({
      ok: false,
      error: expect.stringContaining("imports are not available"),
    });
  });
});

// --- Code exercises written here, graded by the real Node sandbox. ---------------------------------------------

const toRows = (t: { shape: readonly number[]; data: ArrayLike<number> }): number[][] => {
  const [r, c] = t.shape;
  return Array.from({ length: r }, (_, i) => Array.from(t.data).slice(i * c, (i + 1) * c));
};

const softmaxExercise: CodeExercise = {
  kind: "code",
  id: "stable-softmax",
  prompt: "Implement a numerically stable softmax of one row.",
  functionName: "softmax",
  starter: 'export function softmax(row: number[]): number[] {\n  throw new Error("TODO");\n}',
  solution: `export function softmax(row: number[]): number[] {
  const m = Math.max(...row);
  const e = row.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}`,
  tests(rng: Rng) {
    // Ordinary logits plus logits around 1000, where exp overflows without the max shift.
    return [
      { args: [[rng.normal(), rng.normal(), rng.normal(), rng.normal()]] },
      { args: [[1000 + rng.normal(), 1000 + rng.normal(), 1000 + rng.normal()]] },
    ];
  },
  reference: (row) => Array.from(softmax([row as number[]]).data),
  tolerance: { abs: 1e-9 },
};

const naiveSoftmax = `export function softmax(row: number[]): number[] {
  const e = row.map((x) => Math.exp(x));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}`;

const attentionExercise: CodeExercise = {
  kind: "code",
  id: "causal-attention",
  prompt: "Causal scaled dot-product attention: softmax(QKᵀ/√d_k + mask) V.",
  functionName: "attention",
  starter:
    'export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {\n  throw new Error("TODO");\n}',
  solution: `export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  const d = Q[0].length;
  return Q.map((q, i) => {
    const s = K.map((k, j) => (j <= i ? q.reduce((a, x, t) => a + x * k[t], 0) / Math.sqrt(d) : -Infinity));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    return V[0].map((_, c) => e.reduce((a, w, j) => a + (w / z) * V[j][c], 0));
  });
}`,
  tests(rng: Rng) {
    return [4, 3].map((T) => ({
      args: [toRows(randn([T, 8], rng)), toRows(randn([T, 8], rng)), toRows(randn([T, 5], rng))],
    }));
  },
  reference: (Q, K, V) => {
    const T = (Q as number[][]).length;
    return toRows(
      scaledDotProductAttention(Q as number[][], K as number[][], V as number[][], { mask: causalMask(T) }).output,
    );
  },
  tolerance: { abs: 1e-9 },
};

const unscaledAttention = attentionExercise.solution.replace(" / Math.sqrt(d)", "");
const maskAfterSoftmax = `export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  const d = Q[0].length;
  return Q.map((q, i) => {
    const s = K.map((k) => q.reduce((a, x, t) => a + x * k[t], 0) / Math.sqrt(d));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const z = e.reduce((a, b) => a + b, 0);
    const w = e.map((x, j) => (j <= i ? x / z : 0)); // masked after normalising: rows no longer sum to 1
    return V[0].map((_, c) => w.reduce((a, wj, j) => a + wj * V[j][c], 0));
  });
}`;

describe("checkCode with the Node sandbox", () => {
  afterAll(() => undefined);

  test("the solution passes every hidden test", async () => {
    const v = await checkCode(softmaxExercise, softmaxExercise.solution, runner, { seed: 1 });
    expect(v).toMatchObject({ correct: true, passed: 2, total: 2, message: "All 2 tests passed." });
    const a = await checkCode(attentionExercise, attentionExercise.solution, runner, { seed: 1 });
    expect(a.message).toBe("All 2 tests passed.");
  });

  test("softmax without the max shift overflows at logits ~1000 and is rejected", async () => {
    const v = await checkCode(softmaxExercise, naiveSoftmax, runner, { seed: 1 });
    expect(v.correct).toBe(false);
    expect(v.cases[0].passed).toBe(true);
    expect(v.cases[1].passed).toBe(false);
    expect(v.cases[1].reason).toMatch(/at \[0\] differs: expected .*, got NaN/);
  });

  test("attention without 1/sqrt(d_k) and a mask applied after softmax are rejected", async () => {
    for (const code of [unscaledAttention, maskAfterSoftmax]) {
      const v = await checkCode(attentionExercise, code, runner, { seed: 2 });
      expect(v.correct).toBe(false);
      expect(v.cases.every((c) => !c.passed)).toBe(true);
      expect(v.message).toMatch(/^0\/2 tests passed; test 1: value at \[\d\]\[\d\] differs/);
    }
  });

  test("wrong shape, thrown errors, the starter and syntax errors are explained per case", async () => {
    const vec = await checkCode(
      attentionExercise,
      "export function attention(Q: number[][]) { return Q[0]; }",
      runner,
      { seed: 3 },
    );
    expect(vec.cases[0].reason).toBe("expected a 4×5 matrix, got a vector of length 8");
    const starter = await checkCode(softmaxExercise, softmaxExercise.starter, runner, { seed: 3 });
    expect(starter.cases[0].reason).toBe("your function threw Error: TODO");
    const missing = await checkCode(softmaxExercise, "export function softMax(r: number[]) { return r; }", runner, {
      seed: 3,
    });
    expect(missing.error).toBe("no function named softmax is defined");
    const broken = await checkCode(softmaxExercise, "export function softmax(r: number[] { return r; }", runner, {
      seed: 3,
    });
    expect(broken.error).toMatch(/^syntax error/);
  });

  test("an endless loop hits the time limit", async () => {
    const v = await checkCode(softmaxExercise, "export function softmax(r: number[]) { while (true) {} }", runner, {
      seed: 1,
      timeoutMs: 300,
    });
    expect(v.correct).toBe(false);
    expect(v.error).toBe("time limit of 300 ms exceeded (an endless loop?)");
  });

  test("check() runs code exercises through ctx.runner", async () => {
    const v = await check(softmaxExercise, { kind: "code", code: softmaxExercise.solution, seed: 4 }, { runner });
    expect(v.correct).toBe(true);
  });
});
