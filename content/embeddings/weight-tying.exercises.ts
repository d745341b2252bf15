import { defineExercises } from "@qkv/quiz";
import { Rng, embed, linear, randn, transpose } from "@qkv/core";

export default defineExercises([
  {
    id: "tying-savings",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const V = [32000, 50257, 65536, 128256, 151936][rng.int(5)];
      const d = [768, 1024, 2048, 4096][rng.int(4)];
      const totalUntied = Math.round(([0.35e9, 1.5e9, 3e9, 8e9][rng.int(4)] + 2 * V * d) / 1e6) * 1e6;
      const saved = V * d;
      const pct = (100 * saved) / totalUntied;
      return {
        prompt: `An untied model has $V = ${V}$, $d_{model} = ${d}$ and ${totalUntied / 1e6} million parameters. What percentage of its parameters would tying the input embedding and output projection save?`,
        expected: pct,
        mistakes: [
          { name: "count both matrices (2Vd) as saved", value: (200 * saved) / totalUntied },
          { name: "give the fraction instead of the percentage", value: saved / totalUntied },
        ],
        explanation: `Tying removes one $V\\times d$ matrix: $${V}\\cdot${d} = ${(saved / 1e6).toFixed(1)}$M parameters, i.e. ${pct.toFixed(2)}% of the total.`,
      };
    },
  },
  {
    id: "tied-logit",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const V = 5, d = 3;
      const E = randn([V, d], new Rng(rng.int(1000)), 1).toArray() as number[][];
      const Er = E.map((r) => r.map((v) => Math.round(v * 10) / 10));
      const h = [0, 1, 2].map(() => Math.round((rng.uniform() * 2 - 1) * 10) / 10);
      const i = rng.int(V);
      const logits = linear([h], transpose(Er));
      // the same logit read through the embedding lookup, to show both roles use one matrix
      const viaEmbed = Array.from(embed(Er, [i]).data).reduce((s, v, k) => s + v * h[k], 0);
      return {
        prompt: `With tied weights $E = ${JSON.stringify(Er)}$ and final hidden state $h = [${h.join(", ")}]$, what is the logit of token ${i}?`,
        expected: logits.data[i],
        explanation: `Tied output logits are $hE^\\top$, so logit ${i} is $h\\cdot E[${i}] = ${viaEmbed.toFixed(4)}$.`,
      };
    },
  },
  {
    id: "why-untie",
    kind: "multiple-choice",
    prompt: "Why do many multi-billion-parameter LLMs (e.g. LLaMA) *not* tie input and output embeddings?",
    choices: [
      { text: "The saving is a small fraction at that scale, and separate matrices let the input and output spaces specialise", correct: true, explanation: "A $V\\times d$ matrix is a few percent of 7B parameters; untying usually helps quality slightly." },
      { text: "Tying is impossible with RoPE", correct: false, explanation: "Position encoding has nothing to do with the token table; RoPE models can and sometimes do tie." },
      { text: "Tying doubles the training cost", correct: false, explanation: "Tying reduces parameters and optimiser state; it does not add compute." },
      { text: "The output layer must have a different vocabulary", correct: false, explanation: "Both layers use the same tokenizer vocabulary." },
    ],
  },
  {
    id: "tying-share-of-model",
    kind: "numeric",
    tolerance: { rel: 0.01 },
    generate(rng) {
      // Estimate: is the tied matrix a big or a small part of the model? It depends on V·d against 12·L·d².
      const cfg = [
        { name: "GPT-2 small", L: 12, d: 768, V: 50257, ctx: 1024 },
        { name: "GPT-2 medium", L: 24, d: 1024, V: 50257, ctx: 1024 },
        { name: "GPT-2 XL", L: 48, d: 1600, V: 50257, ctx: 1024 },
        { name: "LLaMA-7B", L: 32, d: 4096, V: 32000, ctx: 4096 },
      ][rng.int(4)];
      const { L, d, V, ctx } = cfg;
      const perLayer = 12 * d * d + 13 * d; // attention 4d²+4d, MLP 8d²+5d, two LayerNorms 4d
      const untied = L * perLayer + 2 * V * d + ctx * d + 2 * d; // layers, input and output matrices, positions, final norm
      const share = (100 * V * d) / untied;
      return {
        prompt:
          `A model with ${cfg.name}'s depth, width and vocabulary: $L = ${L}$ GPT-2-style layers of width $d = ${d}$ (4d MLP, biases, LayerNorms), vocabulary $V = ${V}$, ` +
          `${ctx} learned positions. If its output head were **untied**, what percentage of all parameters would tying it to the input ` +
          `embedding remove?`,
        expected: share,
        mistakes: [
          { name: "compare $Vd$ with the layers only (leave the embeddings out of the total)", value: (100 * V * d) / (L * perLayer) },
          { name: "count the saving as both matrices ($2Vd$)", value: (200 * V * d) / untied },
        ],
        explanation:
          `Per layer $12d^2 + 13d$; total untied $= L(12d^2+13d) + 2Vd + n_{ctx}d + 2d = ${(untied / 1e6).toFixed(1)}$M; tying removes ` +
          `$Vd = ${((V * d) / 1e6).toFixed(1)}$M, i.e. ${share.toFixed(1)} %. The share falls as $L d^2$ outgrows $Vd$, which is why large models stop bothering.`,
      };
    },
  },
]);
