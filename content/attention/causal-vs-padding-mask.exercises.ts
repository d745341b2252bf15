import { defineExercises } from "@qkv/quiz";
import { causalMask, combineMasks, keyPaddingMask } from "@qkv/core";

export default defineExercises([
  {
    id: "implement-combined-keep-mask",
    kind: "code",
    prompt:
      "Implement `keepMask(isPad: number[], causal: boolean): number[][]` returning a $T\\times T$ matrix with 1 where " +
      "query $i$ may attend to key $j$ and 0 where it may not. `isPad[j]` is 1 if position $j$ is padding. Padding keys " +
      "are hidden from every query; with `causal` also hide keys $j > i$.",
    functionName: "keepMask",
    starter: `export function keepMask(isPad: number[], causal: boolean): number[][] {
  throw new Error("TODO");
}
`,
    solution: `export function keepMask(isPad: number[], causal: boolean): number[][] {
  const T = isPad.length;
  return Array.from({ length: T }, (_, i) =>
    Array.from({ length: T }, (_, j) => (isPad[j] === 1 || (causal && j > i) ? 0 : 1)),
  );
}
`,
    tests(rng) {
      const cases = [];
      for (let k = 0; k < 10; k++) {
        const T = 2 + rng.int(6);
        const real = 1 + rng.int(T);
        const left = rng.int(2) === 0;
        const isPad = Array.from({ length: T }, (_, j) => (left ? (j < T - real ? 1 : 0) : j >= real ? 1 : 0));
        cases.push({ args: [isPad, k % 3 !== 0] });
      }
      return cases;
    },
    reference(isPad, causal) {
      const pad = (isPad as number[]).map((v) => v === 1);
      const T = pad.length;
      const m = combineMasks(causal ? causalMask(T) : undefined, keyPaddingMask(pad))!;
      const out: number[][] = [];
      for (let i = 0; i < T; i++) {
        const r = causal ? i : 0; // a padding-only mask is (1, T) and broadcasts over rows
        out.push(Array.from(m.data.slice(r * T, r * T + T), (v) => (v === -Infinity ? 0 : 1)));
      }
      return out;
    },
    tolerance: { abs: 0 },
    wrongSolutions: [
      {
        label: "masks padded queries (rows) instead of padded keys (columns)",
        code: `export function keepMask(isPad: number[], causal: boolean): number[][] {
  const T = isPad.length;
  return Array.from({ length: T }, (_, i) =>
    Array.from({ length: T }, (_, j) => (isPad[i] === 1 || (causal && j > i) ? 0 : 1)),
  );
}
`,
      },
      {
        label: "ignores the padding when the causal mask is on",
        code: `export function keepMask(isPad: number[], causal: boolean): number[][] {
  const T = isPad.length;
  return Array.from({ length: T }, (_, i) =>
    Array.from({ length: T }, (_, j) => (causal ? (j > i ? 0 : 1) : isPad[j] === 1 ? 0 : 1)),
  );
}
`,
      },
    ],
  },
  {
    id: "nan-row",
    kind: "multiple-choice",
    prompt:
      "A decoder batch is left-padded: `[PAD, PAD, The, cat]`, with causal and key-padding masks combined. Which query rows produce `NaN` attention weights if nothing is done about it?",
    choices: [
      { text: "The rows of the two PAD positions", correct: true, explanation: "Position 0 may only see key 0 (pad) and position 1 keys 0–1 (both pads): every key is masked, so softmax computes 0/0." },
      { text: "Only the last row", correct: false, explanation: "The last row sees the real tokens 'The' and 'cat', so it has visible keys." },
      { text: "No row: softmax of −∞ entries is just 0", correct: false, explanation: "A row where *all* entries are −∞ has a zero denominator: 0/0 = NaN." },
      { text: "All rows, because padding is present", correct: false, explanation: "Rows with at least one visible key are normalised normally." },
    ],
  },
  {
    id: "padding-mask-shape",
    kind: "multiple-choice",
    prompt: "Scores have shape $(B, h, L, S)$. Which shape should an additive key-padding mask have so that it broadcasts correctly?",
    choices: [
      { text: "$(B, 1, 1, S)$", correct: true, explanation: "Per sequence, shared by every head and every query, varying over keys." },
      { text: "$(B, 1, S, 1)$", correct: false, explanation: "This varies along the query axis: it would mask query rows, not key columns." },
      { text: "$(1, h, L, S)$", correct: false, explanation: "Padding differs per sequence in the batch, so the batch axis must be $B$; it does not differ per head." },
      { text: "$(L, S)$", correct: false, explanation: "That is the shape of a causal mask, which is the same for every sequence; padding is not." },
    ],
  },
]);
