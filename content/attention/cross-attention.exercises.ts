import { defineExercises } from "@qkv/quiz";
import { Rng, multiHeadAttention, randn } from "@qkv/core";

export default defineExercises([
  {
    id: "cross-attention-sources",
    kind: "multiple-choice",
    prompt: "In the decoder's cross-attention of an encoder–decoder Transformer, where do $Q$, $K$ and $V$ come from?",
    choices: [
      { text: "$Q$ from the decoder's previous sub-layer; $K$ and $V$ from the final encoder output", correct: true, explanation: "Each target position asks a question of the encoded source." },
      { text: "$Q$ from the encoder; $K$ and $V$ from the decoder", correct: false, explanation: "Reversed: the decoder is the one producing outputs, so it supplies the queries." },
      { text: "All three from the decoder's masked self-attention", correct: false, explanation: "That describes self-attention; cross-attention by definition mixes two sequences." },
      { text: "$Q$ and $K$ from the decoder, $V$ from the encoder", correct: false, explanation: "Keys and values must index the same positions (the source tokens), so both come from the encoder." },
    ],
  },
  {
    id: "cross-weight-count",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const h = [2, 4][rng.int(2)], L = 1 + rng.int(6), S = 2 + rng.int(9), d = 2 * h;
      const r = new Rng(rng.int(1000));
      const w = () => randn([d, d], r);
      const res = multiHeadAttention(randn([L, d], r), randn([S, d], r), { W_Q: w(), W_K: w(), W_V: w(), W_O: w() }, { numHeads: h });
      return {
        prompt: `One decoder layer's cross-attention has ${h} heads; the target prefix has ${L} tokens and the source sentence ${S} tokens. How many attention weights does it compute for one example?`,
        expected: res.weights.size,
        mistakes: [
          { name: "use L\u00d7L (the self-attention shape)", value: h * L * L },
          { name: "use S\u00d7S", value: h * S * S },
          { name: "forget the heads", value: L * S },
        ],
        explanation: `Each head has an $L\\times S = ${L}\\times${S}$ matrix (rectangular, one row per target position): $${h}\\cdot${L}\\cdot${S} = ${res.weights.size}$.`,
      };
    },
  },
  {
    id: "cross-mask",
    kind: "multiple-choice",
    prompt: "Which mask does cross-attention need?",
    choices: [
      { text: "Only a padding mask over the source keys", correct: true, explanation: "The whole source is known, so every target position may look at every real source token." },
      { text: "A causal mask over the source", correct: false, explanation: "Causality constrains the target sequence, not the already complete source." },
      { text: "A causal mask of shape $(L, S)$ aligned on the diagonal", correct: false, explanation: "Source and target positions are not aligned in time; a diagonal has no meaning here." },
      { text: "No mask ever, even with padded batches", correct: false, explanation: "Padded source positions must be hidden or they leak into the outputs." },
    ],
  },
]);
