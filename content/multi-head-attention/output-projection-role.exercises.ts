import { defineExercises } from "@qkv/quiz";
import { randn, multiHeadAttention } from "@qkv/core";

export default defineExercises([
  {
    id: "ov-parameters",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [512, 768, 1024, 4096][rng.int(4)];
      const h = [8, 12, 16, 32][rng.int(4)];
      const dk = d / h;
      return {
        prompt: `$d_{model} = ${d}$, $h = ${h}$ heads of size $d_k = ${dk}$. How many parameters do $W_V$ and $W_O$ (no biases) hold together — and note how this compares with a full $d\\times d$ OV matrix per head.`,
        expected: 2 * d * d,
        mistakes: [
          { name: "give the cost of a full d×d OV matrix per head (h·d²)", value: h * d * d },
          { name: "count only W_O", value: d * d },
        ],
        explanation: `Per head $2\\,d\\,d_k = ${2 * d * dk}$; times ${h} heads $= 2d^2 = ${2 * d * d}$, versus $h d^2 = ${h * d * d}$ for unfactored per-head OV maps (of rank at most ${dk} anyway).`,
      };
    },
  },
  {
    id: "role",
    kind: "multiple-choice",
    prompt: "Which statement about $W_O$ in multi-head attention is correct?",
    choices: [
      { text: "MHA equals a sum over heads of $A_i X W_V^{(i)} W_O^{(i)}$: $W_O$ mixes the heads and writes them back into the residual stream", correct: true, explanation: "Each row block of $W_O$ belongs to one head." },
      { text: "$W_O$ adds a nonlinearity after attention", correct: false, explanation: "It is linear." },
      { text: "$W_O$ is only needed when $h d_v \\ne d_{model}$", correct: false, explanation: "It also mixes heads, which the concatenation alone does not." },
    ],
  },
  {
    id: "ablate-head-through-wo",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      // MHA is a sum of per-head terms: predict the effect of zeroing one head's rows of W_O, then check it on core.
      const T = 3, h = 2, dk = 2, d = h * dk;
      const X = randn([T, d], rng), W = { W_Q: randn([d, d], rng), W_K: randn([d, d], rng), W_V: randn([d, d], rng), W_O: randn([d, d], rng) };
      const withoutHead = (head: number) => {
        const WO = W.W_O.clone();
        for (let r = head * dk; r < (head + 1) * dk; r++) for (let c = 0; c < d; c++) WO.data[r * d + c] = 0;
        return multiHeadAttention(X, X, { ...W, W_O: WO }, { numHeads: h }).output;
      };
      const t = rng.int(T), c = rng.int(d), at = t * d + c;
      const full = multiHeadAttention(X, X, W, { numHeads: h }).output.data[at];
      const keepsHead1 = withoutHead(1).data[at], keepsHead2 = withoutHead(0).data[at];
      const fmt = (v: number) => v.toFixed(4);
      return {
        prompt:
          `A two-head self-attention layer (no biases) gives the output entry $y_{${t + 1},${c + 1}} = ${fmt(full)}$. Zeroing the rows of $W_O$ ` +
          `that belong to head 2 changes that entry to ${fmt(keepsHead1)}. What does it become if you instead zero head 1's rows of $W_O$ ` +
          `(head 2's rows restored)? (4 decimals)`,
        expected: keepsHead2,
        mistakes: [
          { name: "assume zeroing either head gives the same value", value: keepsHead1 },
          { name: "assume the whole entry vanishes", value: 0 },
          { name: "assume nothing changes", value: full },
        ].filter((m) => Math.abs(m.value - keepsHead2) > 5e-4),
        explanation:
          `The concatenation times $W_O$ is a sum over heads, $y = \\sum_i \\mathrm{head}_i W_O^{(i)}$, with $W_O^{(i)}$ head $i$'s block of rows. ` +
          `Zeroing head 2's block leaves head 1's term, ${fmt(keepsHead1)}; head 2's term is therefore ${fmt(full)} − (${fmt(keepsHead1)}) = ` +
          `${fmt(full - keepsHead1)}, and that is what remains when head 1's block is zeroed (core: ${fmt(keepsHead2)}).`,
      };
    },
  },
]);
