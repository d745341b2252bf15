import { defineExercises } from "@qkv/quiz";
import { Rng, feedForward, multiHeadAttention, randn } from "@qkv/core";

/** Parameters of one GPT-style block, counted from tensors that core's attention and FFN accept. */
function blockParams(d: number, h: number): number {
  const r = new Rng(2);
  const att = { W_Q: randn([d, d], r), W_K: randn([d, d], r), W_V: randn([d, d], r), W_O: randn([d, d], r), b_Q: randn([d], r), b_K: randn([d], r), b_V: randn([d], r), b_O: randn([d], r) };
  const ffn = { W1: randn([d, 4 * d], r), b1: randn([4 * d], r), W2: randn([4 * d, d], r), b2: randn([d], r) };
  const x = randn([2, d], r);
  multiHeadAttention(x, x, att, { numHeads: h });
  feedForward(x, { kind: "dense", activation: "gelu", ...ffn });
  const ln = 2 * 2 * d; // two LayerNorms with gamma and beta
  return [...Object.values(att), ...Object.values(ffn)].reduce((s, t) => s + t.size, 0) + ln;
}

export default defineExercises([
  {
    id: "gpt-params",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const h = [2, 4, 8][rng.int(3)];
      const d = h * [8, 16][rng.int(2)];
      const n = 2 + rng.int(23);
      const V = 1000 * (1 + rng.int(50));
      const ctx = [256, 512, 1024][rng.int(3)];
      const total = n * blockParams(d, h) + V * d + ctx * d + 2 * d;
      return {
        prompt:
          `A GPT-2-style decoder: ${n} layers, $d_{model} = ${d}$, ${h} heads, $d_{ff} = 4d$, vocabulary ${V} (tied), ` +
          `${ctx} learned positions, biases everywhere, two LayerNorms per layer plus a final one. How many parameters in total?`,
        expected: total,
        mistakes: [
          { name: "count the LM head too (it is tied)", value: total + V * d },
          { name: "leave out the position embeddings", value: total - ctx * d },
        ],
        explanation:
          `Per layer $12d^2 + 13d = ${blockParams(d, h)}$; times ${n} layers, plus token table $Vd = ${V * d}$, positions ${ctx * d} ` +
          `and the final LayerNorm ${2 * d}: ${total}.`,
      };
    },
  },
  {
    id: "ffn-share",
    kind: "numeric",
    tolerance: { abs: 5e-3 },
    generate(rng) {
      const h = [2, 4][rng.int(2)];
      const d = h * [8, 16, 32][rng.int(3)];
      const ffn = 8 * d * d + 5 * d;
      const share = ffn / blockParams(d, h);
      return {
        prompt: `In one GPT-style block with $d_{model} = ${d}$ ($d_{ff} = 4d$, biases, two LayerNorms), what fraction of the block's parameters are in the FFN? (3 decimals)`,
        expected: share,
        mistakes: [
          { name: "count the FFN as 2d\u00b2 (a d\u00d7d hidden layer)", value: (2 * d * d + 2 * d) / blockParams(d, h) },
          { name: "give the attention share instead", value: (4 * d * d + 4 * d) / blockParams(d, h) },
        ],
        explanation: `FFN: $8d^2 + 5d = ${ffn}$; block: $12d^2 + 13d = ${blockParams(d, h)}$; ratio ${share.toFixed(3)} — about two thirds.`,
      };
    },
  },
  {
    id: "dominant-term",
    kind: "multiple-choice",
    prompt: "For a large decoder-only model, which approximation of the non-embedding parameter count is standard?",
    choices: [
      { text: "$12\\,n_{layers}\\,d_{model}^2$", correct: true, explanation: "$4d^2$ for attention plus $8d^2$ for a $4d$-wide FFN per layer." },
      { text: "$4\\,n_{layers}\\,d_{model}^2$", correct: false, explanation: "That counts only the attention projections and misses the FFN, the larger part." },
      { text: "$12\\,n_{layers}\\,d_{model}^2\\,h$", correct: false, explanation: "The head count does not change the parameter count." },
      { text: "$n_{layers}\\,d_{model}\\,V$", correct: false, explanation: "The vocabulary enters only through the embedding table, once, not per layer." },
    ],
  },
]);
