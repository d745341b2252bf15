import { defineExercises } from "@qkv/quiz";
import { applyRope, ropeAngles, tensor, type Rng } from "@qkv/core";

const matrix = (rng: Rng, rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform() * 2 - 1));

export default defineExercises([
  {
    id: "implement-rope-interleaved",
    kind: "code",
    prompt:
      "Implement `rope(x: number[][], startPos: number): number[][]` for one head: row $t$ of $x$ (shape $(T, d)$, " +
      "$d$ even) is the vector at position $m$ = `startPos` + $t$. Rotate each adjacent pair $(x_{2i}, x_{2i+1})$ by " +
      "the angle $m\\theta_i$ with $\\theta_i = 10000^{-2i/d}$ (the paper's interleaved convention).",
    functionName: "rope",
    starter: `export function rope(x: number[][], startPos: number): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function rope(x: number[][], startPos: number): number[][] {
  return x.map((row, t) => {
    const d = row.length;
    const out = row.slice();
    for (let i = 0; i < d / 2; i++) {
      const a = (startPos + t) * Math.pow(10000, (-2 * i) / d);
      const x0 = row[2 * i], x1 = row[2 * i + 1];
      out[2 * i] = x0 * Math.cos(a) - x1 * Math.sin(a);
      out[2 * i + 1] = x0 * Math.sin(a) + x1 * Math.cos(a);
    }
    return out;
  });
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 7; k++) cases.push({ args: [matrix(rng, 1 + rng.int(5), 2 * (1 + rng.int(6))), rng.int(k < 4 ? 10 : 5000)] });
      return cases;
    },
    reference(x, startPos) {
      const X = x as number[][];
      const r = applyRope(tensor(X.map((row) => [row])), { startPos: startPos as number, convention: "interleaved" });
      return (r.toArray() as number[][][]).map((t) => t[0]);
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "rotate_half pairing (dimension i with i + d/2)",
        code: `export function rope(x: number[][], startPos: number): number[][] {
  return x.map((row, t) => {
    const d = row.length, h = d / 2;
    const out = row.slice();
    for (let i = 0; i < h; i++) {
      const a = (startPos + t) * Math.pow(10000, (-2 * i) / d);
      out[i] = row[i] * Math.cos(a) - row[i + h] * Math.sin(a);
      out[i + h] = row[i] * Math.sin(a) + row[i + h] * Math.cos(a);
    }
    return out;
  });
}
`,
      },
      {
        label: "ignores startPos (every block starts at position 0)",
        code: `export function rope(x: number[][], startPos: number): number[][] {
  return x.map((row, t) => {
    const d = row.length;
    const out = row.slice();
    for (let i = 0; i < d / 2; i++) {
      const a = t * Math.pow(10000, (-2 * i) / d);
      out[2 * i] = row[2 * i] * Math.cos(a) - row[2 * i + 1] * Math.sin(a);
      out[2 * i + 1] = row[2 * i] * Math.sin(a) + row[2 * i + 1] * Math.cos(a);
    }
    return out;
  });
}
`,
      },
      {
        label: "rotation in the wrong direction",
        code: `export function rope(x: number[][], startPos: number): number[][] {
  return x.map((row, t) => {
    const d = row.length;
    const out = row.slice();
    for (let i = 0; i < d / 2; i++) {
      const a = (startPos + t) * Math.pow(10000, (-2 * i) / d);
      out[2 * i] = row[2 * i] * Math.cos(a) + row[2 * i + 1] * Math.sin(a);
      out[2 * i + 1] = -row[2 * i] * Math.sin(a) + row[2 * i + 1] * Math.cos(a);
    }
    return out;
  });
}
`,
      },
    ],
  },
  {
    id: "rope-angle",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const hd = [64, 128][rng.int(2)];
      const m = rng.int(4096);
      const i = rng.int(hd / 2);
      const base = [10000, 500000][rng.int(2)];
      const angle = ropeAngles([m], hd, base).angles.data[i];
      return {
        prompt: `RoPE with head dimension ${hd} and base ${base}: by what angle (radians, not reduced mod $2\\pi$) is pair $i = ${i}$ of the query at position $m = ${m}$ rotated?`,
        expected: angle,
        mistakes: [
          { name: "use the exponent i/d instead of 2i/d", value: m * Math.pow(base, -i / hd) },
          { name: "give \u03b8_i without multiplying by the position m", value: Math.pow(base, (-2 * i) / hd) },
        ],
        explanation: `$m\\theta_i = m\\cdot b^{-2i/d} = ${m}\\cdot ${base}^{-${2 * i}/${hd}} = ${angle.toPrecision(6)}$.`,
      };
    },
  },
  {
    id: "what-is-rotated",
    kind: "multiple-choice",
    prompt: "In a LLaMA-style attention layer, which vectors does RoPE rotate?",
    choices: [
      { text: "Queries and keys, per head, after their projections", correct: true, explanation: "Only the $q\\cdot k$ scores need position; rotating both makes them depend on $n - m$." },
      { text: "The token embeddings at the input, like sinusoidal encodings", correct: false, explanation: "RoPE adds nothing at the input; it acts inside every attention layer." },
      { text: "Queries, keys and values", correct: false, explanation: "Values are not rotated: the weighted sum of values would otherwise mix vectors in differently rotated frames." },
      { text: "Only the keys, so the cache stores positions", correct: false, explanation: "Rotating only one side would make scores depend on the key's absolute position, not on the offset." },
    ],
  },
  {
    id: "predict-shifted-score",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      // Predict from the relative-position property, then core recomputes the rotated dot product.
      const hd = 4;
      const q = Array.from({ length: hd }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10);
      const k = Array.from({ length: hd }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10);
      const m = rng.int(20), n = rng.int(20), shift = 50 + rng.int(950);
      const at = (x: number[], pos: number) => Array.from(applyRope(tensor([[x]]), { startPos: pos, convention: "interleaved" }).data);
      const score = (a: number, b: number) => at(q, a).reduce((s, v, i) => s + v * at(k, b)[i], 0);
      const expected = score(m + shift, n + shift);
      return {
        prompt:
          `RoPE (interleaved pairs, base 10000, head size 4). A query $q$ at position ${m} and a key $k$ at position ${n} give the score ` +
          `$q'^\\top k' = ${score(m, n).toFixed(4)}$ (unrotated, $q^\\top k = ${q.reduce((s, v, i) => s + v * k[i], 0).toFixed(4)}$). ` +
          `The same two vectors are now placed at positions ${m + shift} and ${n + shift}. What is the score? (4 decimals)`,
        expected,
        mistakes: [
          { name: "drop the rotation (plain $q^\\top k$)", value: q.reduce((s, v, i) => s + v * k[i], 0) },
          { name: "move only the query", value: score(m + shift, n) },
        ].filter((x) => Math.abs(x.value - expected) > 5e-4),
        explanation:
          `$q'^\\top_a k'_b = q^\\top R_{b-a} k$ depends only on the offset $b - a = ${n - m}$, which the shift by ${shift} leaves unchanged, ` +
          `so the score stays ${score(m, n).toFixed(4)}; core's rotated vectors give ${expected.toFixed(4)}.`,
      };
    },
  },
]);
