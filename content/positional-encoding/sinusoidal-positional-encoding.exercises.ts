import { defineExercises } from "@qkv/quiz";
import { sinusoidalEncoding } from "@qkv/core";

export default defineExercises([
  {
    id: "implement-sinusoidal-pe",
    kind: "code",
    prompt:
      "Implement `sinusoidalPE(T: number, d: number): number[][]` returning the $T\\times d$ encoding " +
      "$PE_{p,2i} = \\sin(p/10000^{2i/d})$, $PE_{p,2i+1} = \\cos(p/10000^{2i/d})$ for positions $p = 0…T-1$ " +
      "($d$ is even).",
    functionName: "sinusoidalPE",
    starter: `export function sinusoidalPE(T: number, d: number): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function sinusoidalPE(T: number, d: number): number[][] {
  const pe: number[][] = [];
  for (let p = 0; p < T; p++) {
    const row: number[] = [];
    for (let i = 0; i < d / 2; i++) {
      const angle = p / Math.pow(10000, (2 * i) / d);
      row.push(Math.sin(angle), Math.cos(angle));
    }
    pe.push(row);
  }
  return pe;
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 6; k++) cases.push({ args: [1 + rng.int(12), 2 * (1 + rng.int(8))] });
      cases.push({ args: [50, 16] });
      return cases;
    },
    reference(T, d) {
      return sinusoidalEncoding(T as number, d as number).toArray();
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "exponent i/d instead of 2i/d",
        code: `export function sinusoidalPE(T: number, d: number): number[][] {
  const pe: number[][] = [];
  for (let p = 0; p < T; p++) {
    const row: number[] = [];
    for (let i = 0; i < d / 2; i++) {
      const angle = p / Math.pow(10000, i / d);
      row.push(Math.sin(angle), Math.cos(angle));
    }
    pe.push(row);
  }
  return pe;
}
`,
      },
      {
        label: "cos on even dimensions and sin on odd ones",
        code: `export function sinusoidalPE(T: number, d: number): number[][] {
  const pe: number[][] = [];
  for (let p = 0; p < T; p++) {
    const row: number[] = [];
    for (let i = 0; i < d / 2; i++) {
      const angle = p / Math.pow(10000, (2 * i) / d);
      row.push(Math.cos(angle), Math.sin(angle));
    }
    pe.push(row);
  }
  return pe;
}
`,
      },
      {
        label: "all sines first, then all cosines (concatenated, not interleaved)",
        code: `export function sinusoidalPE(T: number, d: number): number[][] {
  const pe: number[][] = [];
  for (let p = 0; p < T; p++) {
    const s: number[] = [], c: number[] = [];
    for (let i = 0; i < d / 2; i++) {
      const angle = p / Math.pow(10000, (2 * i) / d);
      s.push(Math.sin(angle));
      c.push(Math.cos(angle));
    }
    pe.push([...s, ...c]);
  }
  return pe;
}
`,
      },
    ],
  },
  {
    id: "pe-entry",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const d = [8, 16, 64, 128, 512][rng.int(5)];
      const p = rng.int(100);
      const dim = rng.int(Math.min(d, 8));
      const v = sinusoidalEncoding([p], d).data[dim];
      const i = Math.floor(dim / 2);
      return {
        prompt: `With $d_{model} = ${d}$, what is $PE_{${p},${dim}}$ (position ${p}, dimension ${dim}, zero-based)? (4 decimals)`,
        expected: v,
        mistakes: [
          { name: "swap sine and cosine", value: (dim % 2 === 0 ? Math.cos : Math.sin)(p / Math.pow(10000, (2 * i) / d)) },
          { name: "use the exponent dim/d instead of 2i/d", value: (dim % 2 === 0 ? Math.sin : Math.cos)(p / Math.pow(10000, dim / d)) },
        ],
        explanation:
          `Dimension ${dim} is the ${dim % 2 === 0 ? "sine" : "cosine"} of pair $i = ${i}$: ` +
          `$\\${dim % 2 === 0 ? "sin" : "cos"}(${p}/10000^{${2 * i}/${d}}) = ${v.toFixed(4)}$.`,
      };
    },
  },
  {
    id: "wavelength",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const d = [64, 128, 256, 512][rng.int(4)];
      const i = rng.int(d / 2);
      const wl = 2 * Math.PI * Math.pow(10000, (2 * i) / d);
      return {
        prompt: `Sinusoidal encoding with $d_{model} = ${d}$: what is the wavelength (in positions) of dimension pair $i = ${i}$?`,
        expected: wl,
        mistakes: [
          { name: "forget the factor 2\u03c0 (give 1/frequency in radians)", value: Math.pow(10000, (2 * i) / d) },
          { name: "use the exponent i/d instead of 2i/d", value: 2 * Math.PI * Math.pow(10000, i / d) },
        ],
        explanation: `The angular frequency is $10000^{-2i/d}$, so the wavelength is $2\\pi\\cdot 10000^{${2 * i}/${d}} = ${wl.toFixed(2)}$ positions.`,
      };
    },
  },
  {
    id: "relative-property",
    kind: "multiple-choice",
    prompt: "Which property motivated the sinusoidal design?",
    choices: [
      { text: "For a fixed offset $k$, $PE_{p+k}$ is a linear function (a rotation per pair) of $PE_p$", correct: true, explanation: "Each (sin, cos) pair rotates by the angle $\\omega_i k$, independent of $p$." },
      { text: "The encodings of different positions are orthogonal", correct: false, explanation: "$PE_p\\cdot PE_q = \\sum_i\\cos(\\omega_i(p-q))$, which is not zero in general." },
      { text: "It lets the model generalise perfectly to any sequence length", correct: false, explanation: "It is *defined* for any length, but models still degrade beyond the trained length." },
      { text: "It has learned parameters that adapt to the data", correct: false, explanation: "It is a fixed function with no parameters." },
    ],
  },
  {
    id: "diagnose-pe-bug",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Four implementations of the d = 8 encoding at one position; the first two pairs are enough to tell them apart.
      const d = 8, p = 3 + rng.int(30);
      const right = Array.from(sinusoidalEncoding([p], d).data);
      const variants = [
        { label: "correct", row: right },
        // exponent i/d instead of 2i/d: 10000^(i/d) = 100^(2i/d), i.e. base 100
        { label: "exponent $i/d$ instead of $2i/d$", row: Array.from(sinusoidalEncoding([p], d, 100).data) },
        { label: "cos on even and sin on odd indices", row: right.map((_, k) => right[k % 2 === 0 ? k + 1 : k - 1]) },
        { label: "all sines first, then all cosines", row: [0, 2, 4, 6, 1, 3, 5, 7].map((k) => right[k]) },
      ];
      const k = rng.int(variants.length);
      return {
        prompt:
          `An implementation of the sinusoidal encoding ($d = 8$, base 10000) returns, for position $p = ${p}$: ` +
          `$[${variants[k].row.map((v) => v.toFixed(3)).join(", ")}]$. Which implementation is it? ` +
          `${variants.map((v, i) => `**${i + 1}**: ${v.label}`).join("; ")}. (Answer 1–4.)`,
        expected: k + 1,
        mistakes: variants
          .map((_, i) => i)
          .filter((i) => i !== k)
          .map((i) => ({ name: `check too few entries: option ${i + 1} starts $[${variants[i].row.slice(0, 3).map((v) => v.toFixed(3)).join(", ")}, …]$`, value: i + 1 })),
        explanation:
          `The correct row starts with the pair $(\\sin p, \\cos p) = (${Math.sin(p).toFixed(3)}, ${Math.cos(p).toFixed(3)})$ and continues with ` +
          `$(\\sin(p/10), \\cos(p/10)) = (${Math.sin(p / 10).toFixed(3)}, ${Math.cos(p / 10).toFixed(3)})$, since $10000^{2/8} = 10$. ` +
          `Swapped sin/cos puts $\\cos p$ first; sines-then-cosines puts $\\sin(p/10)$ second; exponent $i/d$ gives the second pair the ` +
          `frequency $1/10000^{1/8} = 1/${Math.pow(10000, 1 / 8).toFixed(3)}$ instead of $1/10$. This one is ${k + 1}: ${variants[k].label}.`,
      };
    },
  },
]);
