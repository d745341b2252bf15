import { defineExercises } from "@qkv/quiz";
import { layerNorm, rmsNorm, rootMeanSquare, tensor, type Rng } from "@qkv/core";

const vec = (rng: Rng, n: number, scale: number): number[] =>
  Array.from({ length: n }, () => Math.round((rng.uniform() * 2 - 1) * scale * 100) / 100);

export default defineExercises([
  {
    id: "rms-of-vector",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const x = vec(rng, 4, 3);
      const rms = rootMeanSquare(tensor([x]), 0).data[0];
      return {
        prompt: `What is the root-mean-square $\\sqrt{\\frac1d\\sum x_i^2}$ of $x = [${x.join(", ")}]$ (take $\\epsilon = 0$)?`,
        expected: rms,
        mistakes: [
          { name: "forget the square root (give the mean square)", value: rms * rms },
          { name: "give the L2 norm (forget to divide by d inside the root)", value: rms * 2 },
          { name: "subtract the mean first (the standard deviation)", value: Math.sqrt(x.reduce((s, v) => s + (v - x.reduce((a, b) => a + b, 0) / 4) ** 2, 0) / 4) },
        ],
        explanation: `Square, average over the ${x.length} components, take the square root: $\\sqrt{(${x.map((v) => `${v}^2`).join(" + ")})/4}$.`,
      };
    },
  },
  {
    id: "rmsnorm-of-vector",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      let x = vec(rng, 3, 4);
      if (x.every((v) => v === 0)) x = [1, -2, 0.5];
      const g = vec(rng, 3, 1).map((v) => Math.round((1 + v) * 100) / 100);
      const y = Array.from(rmsNorm(tensor([x]), { g, eps: 1e-5 }).data);
      return {
        prompt: `Compute $\\mathrm{RMSNorm}(x)$ for $x = [${x.join(", ")}]$, gain $g = [${g.join(", ")}]$, $\\epsilon = 10^{-5}$ (a vector).`,
        expected: y,
        mistakes: [
          { name: "forget the gain g", value: Array.from(rmsNorm(tensor([x]), { g: [1, 1, 1], eps: 1e-5 }).data) },
          { name: "subtract the mean first (LayerNorm)", value: Array.from(layerNorm(tensor([x]), { gamma: g, beta: [0, 0, 0], eps: 1e-5 }).data) },
        ],
        explanation: "Divide each component by $\\sqrt{\\frac13\\sum x_i^2 + \\epsilon}$ (no mean subtraction) and multiply by its gain $g_i$.",
      };
    },
  },
  {
    id: "implement-rmsnorm",
    kind: "code",
    prompt: "Implement `rmsNorm(x: number[], g: number[], eps: number): number[]` in the LLaMA form $g_i\\,x_i/\\sqrt{\\mathrm{mean}(x^2)+\\epsilon}$.",
    functionName: "rmsNorm",
    starter: `export function rmsNorm(x: number[], g: number[], eps: number): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function rmsNorm(x: number[], g: number[], eps: number): number[] {
  const ms = x.reduce((s, v) => s + v * v, 0) / x.length;
  const inv = 1 / Math.sqrt(ms + eps);
  return x.map((v, i) => g[i] * v * inv);
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      for (let k = 0; k < 6; k++) {
        const n = 2 + rng.int(7);
        cases.push([
          Array.from({ length: n }, () => rng.normal() * 2 + 1.5),
          Array.from({ length: n }, () => 1 + rng.normal() * 0.3),
          k < 3 ? 1e-6 : 0.25,
        ]);
      }
      cases.push([[0, 0, 0], [1, 1, 1], 1e-5]);
      return cases.map((args) => ({ args }));
    },
    reference(x, g, eps) {
      return Array.from(rmsNorm(tensor([x as number[]]), { g: g as number[], eps: eps as number }).data);
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "subtracts the mean first (LayerNorm without bias)",
        code: `export function rmsNorm(x: number[], g: number[], eps: number): number[] {
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  const v2 = x.reduce((s, v) => s + (v - m) ** 2, 0) / x.length;
  return x.map((v, i) => g[i] * (v - m) / Math.sqrt(v2 + eps));
}
`,
      },
      {
        label: "epsilon outside the square root",
        code: `export function rmsNorm(x: number[], g: number[], eps: number): number[] {
  const ms = x.reduce((s, v) => s + v * v, 0) / x.length;
  return x.map((v, i) => g[i] * v / (Math.sqrt(ms) + eps));
}
`,
      },
      {
        label: "divides by the L2 norm instead of the RMS",
        code: `export function rmsNorm(x: number[], g: number[], eps: number): number[] {
  const ss = x.reduce((s, v) => s + v * v, 0);
  return x.map((v, i) => g[i] * v / Math.sqrt(ss + eps));
}
`,
      },
    ],
  },
  {
    id: "rmsnorm-vs-layernorm-choice",
    kind: "multiple-choice",
    prompt: "Which statement about RMSNorm compared with LayerNorm is correct?",
    choices: [
      {
        text: "It drops the mean subtraction and the bias and keeps a per-feature gain; it equals LayerNorm (with $\\beta=0$) on zero-mean inputs.",
        correct: true,
        explanation: "For a zero-mean vector the RMS equals the standard deviation, so both normalise identically.",
      },
      {
        text: "It normalises over the batch dimension, which makes it faster than LayerNorm.",
        correct: false,
        explanation: "Like LayerNorm it normalises each token vector over its features; the saving comes from skipping the mean.",
      },
      {
        text: "Its output always has zero mean and unit variance.",
        correct: false,
        explanation: "There is no centring: the output has (about) unit RMS, not zero mean.",
      },
      {
        text: "It is only used in post-norm architectures such as BERT.",
        correct: false,
        explanation: "BERT uses LayerNorm; RMSNorm is the pre-norm choice of T5, LLaMA, Mistral and Gemma.",
      },
    ],
  },
  {
    id: "shift-then-normalise",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      // Predict whether a constant shift survives the norm: LayerNorm removes it, RMSNorm does not.
      const x = Array.from({ length: 4 }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10);
      const c = [2, 5, -3, 10][rng.int(4)];
      const shifted = x.map((v) => v + c);
      const rms = (v: number[]) => Array.from(rmsNorm(tensor([v])).data);
      const ln = (v: number[]) => Array.from(layerNorm(tensor([v])).data);
      const expected = rms(shifted)[0];
      const cs = c < 0 ? `(${c})` : `${c}`;
      return {
        prompt:
          `$x = [${x.join(", ")}]$ gives $\\mathrm{RMSNorm}(x) = [${rms(x).map((v) => v.toFixed(4)).join(", ")}]$ and ` +
          `$\\mathrm{LayerNorm}(x) = [${ln(x).map((v) => v.toFixed(4)).join(", ")}]$ (gains 1, no bias, $\\epsilon = 10^{-5}$). Now ${c} is added to every ` +
          `component. What is the first component of $\\mathrm{RMSNorm}(x + ${cs})$? (4 decimals)`,
        expected,
        mistakes: [
          { name: "assume RMSNorm ignores a shift as LayerNorm does", value: rms(x)[0] },
          { name: "take LayerNorm's output, which is the one that is shift-invariant", value: ln(shifted)[0] },
        ].filter((m) => Math.abs(m.value - expected) > 5e-4),
        explanation:
          `RMSNorm does not subtract the mean, so the shift stays in the vector: $x + ${cs} = [${shifted.join(", ")}]$, RMS ` +
          `${Math.sqrt(shifted.reduce((a, v) => a + v * v, 0) / 4 + 1e-5).toFixed(4)}, first component ${expected.toFixed(4)}. A large shift makes every ` +
          `component close to $\\mathrm{sign}(c)$. LayerNorm's output would not change at all.`,
      };
    },
  },
]);
