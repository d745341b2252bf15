import { defineExercises } from "@qkv/quiz";
import { Rng, causalMask, multiHeadAttention, randn } from "@qkv/core";

export default defineExercises([
  {
    id: "decoder-layer-params",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [256, 512, 768, 1024][rng.int(4)];
      const mult = [2, 4][rng.int(2)];
      const attn = 4 * d * d + 4 * d;
      const ffn = 2 * d * mult * d + mult * d + d;
      const norms = 3 * 2 * d;
      const total = 2 * attn + ffn + norms;
      return {
        prompt:
          `An original-style decoder layer: $d_{model} = ${d}$, $d_{ff} = ${mult}d$, biases everywhere, a LayerNorm after each ` +
          `sub-layer. How many parameters does the layer have?`,
        expected: total,
        mistakes: [
          { name: "forget the cross-attention sub-layer", value: attn + ffn + norms - 2 * d },
          { name: "leave out the biases and LayerNorms", value: 2 * 4 * d * d + 2 * d * mult * d },
        ],
        explanation:
          `Two attention blocks (self and cross) of $4d^2 + 4d = ${attn}$ each, an FFN of $2d\\,d_{ff} + d_{ff} + d = ${ffn}$, ` +
          `and three LayerNorms of $2d$: ${total}.`,
      };
    },
  },
  {
    id: "self-weight-shape",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const L = 2 + rng.int(6), h = [1, 2, 4][rng.int(3)], d = 2 * h;
      const r = new Rng(rng.int(1000));
      const w = () => randn([d, d], r);
      const y = randn([L, d], r);
      const res = multiHeadAttention(y, y, { W_Q: w(), W_K: w(), W_V: w(), W_O: w() }, { numHeads: h, attnMask: causalMask(L) });
      const zeros = Array.from(res.weights.data).filter((v) => v === 0).length;
      return {
        prompt: `Masked self-attention over a target prefix of ${L} tokens with ${h} head(s). How many of the attention weights are exactly zero because of the causal mask?`,
        expected: zeros,
        mistakes: [
          { name: "count the visible weights instead of the masked ones", value: h * L * L - zeros },
          { name: "forget the heads", value: zeros / h },
        ],
        explanation: `Each head's $${L}\\times${L}$ matrix has $L(L-1)/2 = ${(L * (L - 1)) / 2}$ future entries above the diagonal; times ${h} head(s): ${zeros}.`,
      };
    },
  },
  {
    id: "cached-cross",
    kind: "multiple-choice",
    prompt: "During generation with an encoder–decoder model, which keys/values can be computed once and reused for every generated token?",
    choices: [
      { text: "The cross-attention keys and values of every decoder layer", correct: true, explanation: "They depend only on the encoder output, which does not change while decoding." },
      { text: "The self-attention queries", correct: false, explanation: "Each step brings a new query; queries are never cached." },
      { text: "Nothing: every step recomputes the whole decoder", correct: false, explanation: "That works but wastes compute; both cross-attention K/V and past self-attention K/V can be cached." },
      { text: "The FFN activations of future tokens", correct: false, explanation: "Future tokens do not exist yet." },
    ],
  },

  {
    id: "seq2seq-cache",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const L = [6, 12, 24][rng.int(3)], d = [512, 768, 1024][rng.int(3)];
      const S = [128, 512, 1024][rng.int(3)], T = [32, 128, 256][rng.int(3)];
      const mib = (rows: number) => (2 * L * rows * d * 2) / 2 ** 20; // K and V, fp16
      return {
        prompt:
          `An encoder–decoder model has ${L} decoder layers with $d = ${d}$. It has read a source of ${S} tokens and generated ${T} target tokens. ` +
          `How many MiB do the decoder's fp16 key/value caches take for this one sequence (self-attention and cross-attention together)?`,
        expected: mib(S + T),
        mistakes: [
          { name: "forget the cross-attention cache (keys and values of the encoder output)", value: mib(T) },
          { name: "count only K or only V", value: mib(S + T) / 2 },
        ],
        explanation: `Self-attention caches $2 \\cdot ${L} \\cdot ${T} \\cdot ${d}$ values, growing by one row per token; cross-attention caches $2 \\cdot ${L} \\cdot ${S} \\cdot ${d}$, computed once from the encoder output and fixed. Times 2 bytes, divided by $2^{20}$.`,
      };
    },
  },
]);
