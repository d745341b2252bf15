import { defineExercises } from "@qkv/quiz";
import { Rng, add, gelu, matmul, randn, slice } from "@qkv/core";

export default defineExercises([
  {
    id: "bubble",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const p = [2, 4, 8, 16][rng.int(4)];
      const m = [4, 8, 16, 32, 64][rng.int(5)];
      const bubble = (p - 1) / (m + p - 1);
      return {
        prompt: `A GPipe/1F1B pipeline has ${p} stages and the batch is split into ${m} micro-batches. What fraction of the step is idle bubble? (4 decimals)`,
        expected: bubble,
        mistakes: [{ name: "divide by the micro-batch count alone ((p − 1)/m)", value: (p - 1) / m }],
        explanation: `The pipeline fills and drains over $p - 1$ slots out of $m + p - 1$: $${p - 1}/${m + p - 1} = ${bubble.toFixed(4)}$.`,
      };
    },
  },
  {
    id: "tp-mlp",
    kind: "code",
    prompt:
      "Simulate Megatron tensor parallelism of a GELU MLP on `g` GPUs: split `W1` (d×h) into `g` column blocks and `W2` (h×d) into the matching row blocks, " +
      "compute each GPU's partial output `gelu(x W1_i) W2_i`, and return the all-reduced (summed) output. Use the exact GELU $x\\Phi(x)$, with `erf` written by you or the tanh-free series (tests use small values). " +
      "Signature: `tensorParallelMlp(x: number[][], W1: number[][], W2: number[][], g: number): number[][]`.",
    functionName: "tensorParallelMlp",
    starter: `export function tensorParallelMlp(x: number[][], W1: number[][], W2: number[][], g: number): number[][] {
  throw new Error("TODO");
}`,
    solution: `function erf(z: number): number {
  // Abramowitz-Stegun 7.1.26 is too coarse; sum the Taylor series (|z| is small in the tests)
  let sum = 0, term = z;
  for (let n = 0; n < 60; n++) { sum += term / (2 * n + 1); term *= -z * z / (n + 1); }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
const gelu = (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2));
export function tensorParallelMlp(x: number[][], W1: number[][], W2: number[][], g: number): number[][] {
  const h = W1[0].length, block = h / g, d = W2[0].length;
  const out = x.map(() => new Array(d).fill(0));
  for (let i = 0; i < g; i++) {
    for (let r = 0; r < x.length; r++) {
      for (let j = i * block; j < (i + 1) * block; j++) {
        let a = 0;
        for (let k = 0; k < x[r].length; k++) a += x[r][k] * W1[k][j];
        const act = gelu(a);
        for (let c = 0; c < d; c++) out[r][c] += act * W2[j][c];
      }
    }
  }
  return out;
}`,
    tests(rng) {
      return [2, 4].map((g) => {
        const seed = rng.int(1e6);
        const nested = (t: { shape: readonly number[]; data: ArrayLike<number> }) =>
          Array.from({ length: t.shape[0] }, (_, r) => Array.from(t.data).slice(r * t.shape[1], (r + 1) * t.shape[1]));
        return { args: [nested(randn([2, 3], new Rng(seed), 0.5)), nested(randn([3, 8], new Rng(seed + 1), 0.5)), nested(randn([8, 3], new Rng(seed + 2), 0.5)), g] };
      });
    },
    reference(x, W1, W2, g) {
      const G = g as number, h = (W1 as number[][])[0].length, block = h / G;
      let out = null as ReturnType<typeof matmul> | null;
      for (let i = 0; i < G; i++) {
        const part = matmul(gelu(matmul(x as number[][], slice(W1 as number[][], 1, i * block, (i + 1) * block))), slice(W2 as number[][], 0, i * block, (i + 1) * block));
        out = out ? add(out, part) : part;
      }
      const t = out!;
      return Array.from({ length: t.shape[0] }, (_, r) => Array.from(t.data).slice(r * t.shape[1], (r + 1) * t.shape[1]));
    },
    tolerance: { abs: 1e-7 },
    wrongSolutions: [
      {
        label: "apply GELU after the all-reduce (to the summed partial outputs) instead of before W2",
        code: `function erf(z: number): number { let s = 0, t = z; for (let n = 0; n < 60; n++) { s += t / (2 * n + 1); t *= -z * z / (n + 1); } return (2 / Math.sqrt(Math.PI)) * s; }
const gelu = (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2));
export function tensorParallelMlp(x: number[][], W1: number[][], W2: number[][], g: number): number[][] {
  const h = W1[0].length, d = W2[0].length;
  return x.map((row) => { const out = new Array(d).fill(0); for (let j = 0; j < h; j++) { let a = 0; for (let k = 0; k < row.length; k++) a += row[k] * W1[k][j]; for (let c = 0; c < d; c++) out[c] += a * W2[j][c]; } return out.map(gelu); });
}`,
      },
      {
        label: "average the partial outputs instead of summing them",
        code: `function erf(z: number): number { let s = 0, t = z; for (let n = 0; n < 60; n++) { s += t / (2 * n + 1); t *= -z * z / (n + 1); } return (2 / Math.sqrt(Math.PI)) * s; }
const gelu = (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2));
export function tensorParallelMlp(x: number[][], W1: number[][], W2: number[][], g: number): number[][] {
  const h = W1[0].length, d = W2[0].length;
  return x.map((row) => { const out = new Array(d).fill(0); for (let j = 0; j < h; j++) { let a = 0; for (let k = 0; k < row.length; k++) a += row[k] * W1[k][j]; const v = gelu(a); for (let c = 0; c < d; c++) out[c] += v * W2[j][c] / g; } return out; });
}`,
      },
    ],
  },
  {
    id: "which-where",
    kind: "multiple-choice",
    prompt: "Why is tensor parallelism usually kept within a node while pipeline parallelism spans nodes?",
    choices: [
      { text: "TP needs an all-reduce in every layer's forward and backward (bandwidth- and latency-hungry); PP only sends activations between neighbouring stages", correct: true, explanation: "Intra-node NVLink is an order of magnitude faster than inter-node links." },
      { text: "PP does not need any communication", correct: false, explanation: "Stages exchange activations and their gradients at every micro-batch." },
      { text: "TP cannot split attention layers", correct: false, explanation: "Megatron splits attention by heads." },
    ],
  },
]);
