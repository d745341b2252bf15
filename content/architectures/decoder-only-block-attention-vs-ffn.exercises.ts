import { defineExercises } from "@qkv/quiz";
import { causalMask, multiHeadAttention, randn, Rng, transpose, type Tensor } from "@qkv/core";


// "Which bug": edit one token of a 4-token prompt and list which attention outputs change, computed by core for
// the correct causal mask and for candidate mistakes.
const probeRng = new Rng(3);
const probeW = { W_Q: randn([6, 6], probeRng, 0.4), W_K: randn([6, 6], probeRng, 0.4), W_V: randn([6, 6], probeRng, 0.4), W_O: randn([6, 6], probeRng, 0.4) };
const probeX = randn([1, 4, 6], probeRng);
/** Tokens whose masked self-attention output changes when token `edited` is changed. */
const changedWhenEditing = (edited: number, mask?: Tensor) => {
  const y = probeX.clone();
  for (let c = 0; c < 6; c++) y.data[edited * 6 + c] += 1;
  const run = (x: Tensor) => multiHeadAttention(x, x, probeW, { numHeads: 2, attnMask: mask }).output.data;
  const a = run(probeX), b = run(y);
  return [0, 1, 2, 3].filter((t) => Array.from({ length: 6 }, (_, c) => Math.abs(a[t * 6 + c] - b[t * 6 + c])).some((v) => v > 1e-12));
};
const flipped = transpose(causalMask(4)); // each query sees itself and the *later* keys
const seen = (mask?: Tensor) => `editing token 3 changes tokens ${changedWhenEditing(3, mask).join(", ")}; editing token 0 changes tokens ${changedWhenEditing(0, mask).join(", ")}`;

export default defineExercises([
  {
    id: "which-sublayer-mixes",
    kind: "multiple-choice",
    prompt: "In a decoder-only layer, which sub-layer lets token $i$ use information from token $j \\ne i$?",
    choices: [
      { text: "Masked self-attention (only for $j < i$)", correct: true, explanation: "Attention is the only place positions interact; the causal mask limits it to earlier tokens." },
      { text: "The feed-forward network", correct: false, explanation: "The FFN is applied to each position separately with shared weights." },
      { text: "The LayerNorm/RMSNorm", correct: false, explanation: "The norm uses statistics of a single token vector." },
      { text: "The residual connection", correct: false, explanation: "The residual adds a position's own input back; it is per position." },
    ],
  },
  {
    id: "division-of-labour",
    kind: "recall",
    prompt: "Summarise in two sentences what masked self-attention and the feed-forward block each contribute in a decoder layer.",
    answer:
      "Attention communicates: each token gathers a data-dependent weighted average of earlier tokens' values (the only cross-position step). " +
      "The FFN computes: a shared per-token MLP that adds non-linearity and most of the parameters, turning the gathered context into new features.",
  },

  {
    id: "which-mask-bug",
    kind: "multiple-choice",
    prompt:
      `You probe your decoder block's self-attention on a 4-token input (tokens 0–3) by adding 1 to one token's features: ${seen(flipped)}. Which bug is this?`,
    choices: [
      {
        text: "The causal mask is transposed: each token sees itself and the tokens *after* it.",
        correct: true,
        explanation: `Then token 0 reads everything and token 3 only itself, which is what core gives with the transposed mask. The correct mask gives: ${seen(causalMask(4))}.`,
      },
      {
        text: "The causal mask is missing.",
        correct: false,
        explanation: `Without a mask every token reads every token: ${seen()}.`,
      },
      {
        text: "Nothing: this is correct causal attention.",
        correct: false,
        explanation: `Causal attention lets a token read only itself and *earlier* tokens: ${seen(causalMask(4))}.`,
      },
    ],
  },
]);
