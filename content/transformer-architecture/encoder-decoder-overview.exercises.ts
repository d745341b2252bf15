import { defineExercises } from "@qkv/quiz";
import { multiHeadAttention, randn, Rng } from "@qkv/core";


// "Which bug": the shape of a cross-attention output when queries and keys/values come from the right and the
// wrong stacks, computed by core (batch 2, 3 target tokens, 5 source tokens, d = 8).
const xRng = new Rng(23);
const xW = () => ({ W_Q: randn([8, 8], xRng, 0.3), W_K: randn([8, 8], xRng, 0.3), W_V: randn([8, 8], xRng, 0.3), W_O: randn([8, 8], xRng, 0.3) });
const target = randn([2, 3, 8], xRng), memory = randn([2, 5, 8], xRng);
const crossW = xW();
const shapeOf = (q: typeof target, kv: typeof target) => multiHeadAttention(q, kv, crossW, { numHeads: 2 }).output.shape.join("×");

export default defineExercises([
  {
    id: "what-connects",
    kind: "multiple-choice",
    prompt: "How does information pass from the encoder stack to the decoder stack in the original Transformer?",
    choices: [
      { text: "Every decoder layer's cross-attention reads the final encoder output", correct: true, explanation: "Keys and values of each cross-attention come from the top encoder layer." },
      { text: "Decoder layer $\\ell$ attends to encoder layer $\\ell$", correct: false, explanation: "All decoder layers use the same, final encoder representation." },
      { text: "Through a single fixed-size context vector", correct: false, explanation: "That was the RNN seq2seq bottleneck the Transformer avoids: the decoder sees one vector per source token." },
      { text: "The encoder output is added to the decoder's input embeddings", correct: false, explanation: "Source and target lengths differ; the connection is attention, not addition." },
    ],
  },
  {
    id: "which-family",
    kind: "multiple-choice",
    prompt: "Which model keeps both stacks of the original design?",
    choices: [
      { text: "T5", correct: true, explanation: "T5 is an encoder–decoder trained text-to-text." },
      { text: "BERT", correct: false, explanation: "BERT is encoder-only." },
      { text: "GPT-2", correct: false, explanation: "GPT-2 is decoder-only, without cross-attention." },
      { text: "LLaMA", correct: false, explanation: "LLaMA is decoder-only." },
    ],
  },

  {
    id: "which-cross-bug",
    kind: "multiple-choice",
    prompt:
      `In your encoder–decoder, a batch of 2 has 3 target tokens and 5 source tokens ($d = 8$). The decoder's cross-attention returns a tensor of shape ${shapeOf(memory, target)}, ` +
      `and the residual addition that follows fails. What is the bug?`,
    choices: [
      {
        text: "The queries come from the encoder output and the keys/values from the decoder: the roles are swapped.",
        correct: true,
        explanation: `Attention returns one row per *query*. With queries from the decoder and keys/values from the encoder memory the output is ${shapeOf(target, memory)}, one vector per target position, which the residual can add.`,
      },
      {
        text: "The causal mask is missing from the cross-attention.",
        correct: false,
        explanation: "Cross-attention has no causal mask (the whole source is known), and a mask never changes the output shape.",
      },
      {
        text: "The decoder attends to the matching encoder layer instead of the last one.",
        correct: false,
        explanation: "Every encoder layer outputs the same shape, so that mistake would not change the shape.",
      },
    ],
  },
]);
