import { defineExercises } from "@qkv/quiz";
import { Rng, embed, randn, sinusoidalEncoding } from "@qkv/core";

const norm = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));

export default defineExercises([
  {
    id: "pe-norm",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const d = 2 * (8 + rng.int(512));
      const p = rng.int(5000);
      const n = norm(sinusoidalEncoding([p], d).data);
      return {
        prompt: `What is the Euclidean norm of the sinusoidal positional encoding $PE_{${p}}$ with $d_{model} = ${d}$?`,
        expected: n,
        mistakes: [
          { name: "give the squared norm d/2", value: n * n },
        ],
        explanation: `Each (sin, cos) pair has squared norm 1 and there are $d/2 = ${d / 2}$ pairs, so $\\lVert PE_p\\rVert = \\sqrt{${d / 2}} = ${n.toFixed(4)}$ for every position.`,
      };
    },
  },
  {
    id: "scaled-embedding-norm",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const d = [64, 128, 256, 512][rng.int(4)];
      const table = randn([10, d], new Rng(rng.int(1000)), 1 / Math.sqrt(d));
      const id = rng.int(10);
      const base = norm(embed(table, [id]).data);
      const scaled = norm(embed(table, [id], { scale: true }).data);
      return {
        prompt: `An embedding row has norm ${base.toFixed(6)} and $d_{model} = ${d}$. What is its norm after the original Transformer's input scaling?`,
        expected: scaled,
        mistakes: [
          { name: "multiply by d instead of \u221ad", value: base * d },
          { name: "divide by \u221ad instead of multiplying", value: base / Math.sqrt(d) },
        ],
        explanation: `The row is multiplied by $\\sqrt{${d}} = ${Math.sqrt(d).toFixed(4)}$: ${base.toFixed(6)} × ${Math.sqrt(d).toFixed(4)} = ${scaled.toFixed(4)}.`,
      };
    },
  },
  {
    id: "why-scale",
    kind: "multiple-choice",
    prompt: "Why did the original Transformer multiply token embeddings by $\\sqrt{d_{model}}$?",
    choices: [
      { text: "The table was shared with the output layer and small at init, so scaling brought it to the magnitude of the positional encoding", correct: true, explanation: "$\\lVert PE\\rVert = \\sqrt{d/2}$ while embeddings initialised for logits have norm ≈ 1." },
      { text: "To make attention scores have unit variance", correct: false, explanation: "That is the job of the $1/\\sqrt{d_k}$ factor inside attention." },
      { text: "Because LayerNorm requires inputs of norm $\\sqrt{d}$", correct: false, explanation: "LayerNorm works for any input scale, and the original post-norm Transformer did not normalise its input embeddings at all (BERT later added a LayerNorm over them)." },
      { text: "All modern LLMs require it for RoPE", correct: false, explanation: "LLaMA uses RoPE and does not scale its embeddings." },
    ],
  },
  {
    id: "diagnose-port",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Port check: the norm of the first layer's input gives away a missing or doubled √d factor.
      const d = [128, 256, 512][rng.int(3)], V = 20;
      const table = randn([V, d], new Rng(rng.int(1e6)), 1 / Math.sqrt(d));
      const id = rng.int(V), pos = rng.int(100);
      const pe = sinusoidalEncoding([pos], d).data;
      const inputNorm = (scale: boolean | number) => norm(embed(table, [id], { scale }).data.map((v, i) => v + pe[i]));
      const variants = [
        { label: "correct: $\\sqrt{d}\\,E[w] + PE$", value: inputNorm(true) },
        { label: "the $\\sqrt{d}$ factor was dropped", value: inputNorm(false) },
        { label: "the factor was applied twice ($d\\,E[w] + PE$)", value: inputNorm(d) },
      ];
      const k = rng.int(variants.length);
      return {
        prompt:
          `A ported original-Transformer model ($d_{model} = ${d}$, sinusoidal positions) gets a token whose embedding row has norm ` +
          `${norm(embed(table, [id]).data).toFixed(3)}, at position ${pos}. The first layer's input vector has norm ${variants[k].value.toFixed(3)}. ` +
          `Which is the port? ${variants.map((v, i) => `**${i + 1}**: ${v.label}`).join("; ")}. (Answer 1–3.)`,
        expected: k + 1,
        mistakes: variants
          .map((_, i) => i)
          .filter((i) => i !== k)
          .map((i) => ({ name: `misjudge the sizes: option ${i + 1} would give a norm of about ${variants[i].value.toFixed(1)}`, value: i + 1 })),
        explanation:
          `$\\lVert PE\\rVert = \\sqrt{d/2} = ${Math.sqrt(d / 2).toFixed(2)}$, nearly orthogonal to the embedding, so $\\lVert x\\rVert \\approx ` +
          `\\sqrt{c^2\\lVert E[w]\\rVert^2 + d/2}$ with $c$ the factor: ${variants.map((v) => v.value.toFixed(2)).join(", ")} for options 1–3. ` +
          `This is ${k + 1}: ${variants[k].label}.`,
      };
    },
  },
]);
