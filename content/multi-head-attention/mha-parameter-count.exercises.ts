import { defineExercises } from "@qkv/quiz";
import { Rng, multiHeadAttention, randn } from "@qkv/core";

/** Parameter count of the weights multiHeadAttention accepts, counted from real tensors (so shapes are checked by core). */
function countFromCore(d: number, h: number, hkv: number, bias: boolean): number {
  const r = new Rng(1);
  const dk = d / h;
  const w = {
    W_Q: randn([d, d], r), W_K: randn([d, hkv * dk], r), W_V: randn([d, hkv * dk], r), W_O: randn([d, d], r),
    ...(bias ? { b_Q: randn([d], r), b_K: randn([hkv * dk], r), b_V: randn([hkv * dk], r), b_O: randn([d], r) } : {}),
  };
  multiHeadAttention(randn([2, d], r), randn([2, d], r), w, { numHeads: h, numKVHeads: hkv }); // throws on a wrong shape
  return Object.values(w).reduce((s, t) => s + t.size, 0);
}

export default defineExercises([
  {
    id: "mha-params",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const h = [2, 4, 8][rng.int(3)];
      const d = h * [4, 8, 16][rng.int(3)];
      const n = countFromCore(d, h, h, true);
      return {
        prompt: `How many parameters does a multi-head self-attention layer with $d_{model} = ${d}$ and $h = ${h}$ heads have, including the four bias vectors?`,
        expected: n,
        mistakes: [
          { name: "leave out the biases", value: 4 * d * d },
          { name: "count one projection per head (multiply by h)", value: h * 4 * d * d + 4 * d },
          { name: "count only Q, K and V (no output projection)", value: 3 * d * d + 3 * d },
        ],
        explanation: `$W_Q, W_K, W_V, W_O$ are each $${d}\\times${d}$ and each bias has ${d} entries: $4d^2 + 4d = ${n}$. The head count does not matter.`,
      };
    },
  },
  {
    id: "gqa-params",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const h = [4, 8][rng.int(2)];
      const hkv = [1, 2, h / 2][rng.int(3)];
      const dk = [4, 8][rng.int(2)];
      const d = h * dk;
      const n = countFromCore(d, h, hkv, false);
      return {
        prompt: `Grouped-query attention without biases: $d_{model} = ${d}$, $h = ${h}$ query heads of size ${dk}, $h_{kv} = ${hkv}$ key/value heads. How many parameters?`,
        expected: n,
        mistakes: [
          { name: "count K and V at full size (plain MHA)", value: 4 * d * d },
          { name: "shrink the query projection too", value: 4 * d * hkv * dk },
        ],
        explanation: `$W_Q$ and $W_O$ are $${d}\\times${d}$; $W_K$ and $W_V$ are $${d}\\times${hkv * dk}$: $2\\cdot${d}^2 + 2\\cdot${d}\\cdot${hkv * dk} = ${n}$.`,
      };
    },
  },
  {
    id: "heads-and-params",
    kind: "multiple-choice",
    prompt: "You change a layer from 8 heads of size 64 to 16 heads of size 32 ($d_{model} = 512$ unchanged). What happens to the parameter count?",
    choices: [
      { text: "Unchanged", correct: true, explanation: "All heads together still use $d\\times d$ projections; heads are column blocks of the same matrices." },
      { text: "It doubles", correct: false, explanation: "That would be true only if every head had its own $d\\times d$ matrices, which is not how MHA is defined." },
      { text: "It halves", correct: false, explanation: "Smaller heads are compensated exactly by having more of them." },
      { text: "Only $W_O$ changes", correct: false, explanation: "$W_O$ is $(h\\,d_k)\\times d = 512\\times 512$ in both cases." },
    ],
  },
  {
    id: "diagnose-parameter-count",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Work backwards from a wrong total to the counting mistake behind it.
      const [d, h] = [[512, 8], [768, 12], [1024, 16], [2048, 16]][rng.int(4)];
      const right = 4 * d * d + 4 * d; // what countFromCore gives for these shapes (too large to allocate per instance)
      const claims = [
        { label: "the count is right", value: right },
        { label: "gave every head its own $d\\times d$ matrices", value: h * right },
        { label: "forgot the output projection $W_O$ (and $b_O$)", value: 3 * d * d + 3 * d },
        { label: "forgot the biases", value: 4 * d * d },
      ];
      const k = rng.int(claims.length);
      return {
        prompt:
          `A colleague counts the parameters of one multi-head self-attention layer with $d = ${d}$, $h = ${h}$ heads and biases, and gets ` +
          `${claims[k].value.toLocaleString("en-US")}. Which is it? ${claims.map((c, i) => `**${i + 1}**: ${c.label}`).join("; ")}. (Answer 1–4.)`,
        expected: k + 1,
        mistakes: claims
          .map((_, i) => i)
          .filter((i) => i !== k)
          .map((i) => ({ name: `match the total to the wrong explanation: option ${i + 1} would give ${claims[i].value.toLocaleString("en-US")}`, value: i + 1 })),
        explanation:
          `The right count is $4d^2 + 4d = ${right.toLocaleString("en-US")}$, whatever $h$ is. ${claims
            .slice(1)
            .map((c) => `${c.label[0].toUpperCase() + c.label.slice(1)}: ${c.value.toLocaleString("en-US")}`)
            .join("; ")}.`,
      };
    },
  },
]);
