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

  {
    id: "layers-for-budget",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [768, 1024, 1280, 1600][rng.int(4)];
      const budget = [200e6, 350e6, 800e6, 1.5e9][rng.int(4)];
      const V = 50257, ctx = 1024;
      const layers = Math.floor((budget - V * d - ctx * d - 2 * d) / (12 * d * d + 13 * d));
      return {
        prompt:
          `You design a GPT-2-style model (learned positions, context ${ctx}, vocabulary ${V}, tied head, $d_{ff} = 4d$, biases and LayerNorms) with $d = ${d}$ ` +
          `and at most ${budget / 1e6}M parameters. How many layers can it have?`,
        expected: layers,
        mistakes: [
          { name: "ignore the embeddings (budget / 12d\u00b2)", value: Math.floor(budget / (12 * d * d)) },
          { name: "count an untied output matrix as well", value: Math.floor((budget - 2 * V * d - ctx * d - 2 * d) / (12 * d * d + 13 * d)) },
        ].filter((m) => m.value !== layers),
        explanation: `Subtract the embeddings and final LayerNorm, $Vd + n_{ctx} d + 2d = ${V * d + ctx * d + 2 * d}$, then divide by $12d^2 + 13d = ${12 * d * d + 13 * d}$ per layer and round down: ${layers}. The embedding table is a large part of small models' budgets.`,
      };
    },
  },
]);
