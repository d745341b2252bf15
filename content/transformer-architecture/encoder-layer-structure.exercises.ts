import { defineExercises } from "@qkv/quiz";
import { Rng, feedForward, randn } from "@qkv/core";

export default defineExercises([
  {
    id: "ffn-hidden-size",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [4, 8, 12][rng.int(3)], mult = [2, 4][rng.int(2)], T = 1 + rng.int(6);
      const r = new Rng(rng.int(1000));
      const { hidden } = feedForward(randn([T, d], r), { kind: "dense", activation: "relu", W1: randn([d, mult * d], r), W2: randn([mult * d, d], r) });
      return {
        prompt: `An encoder FFN with $d_{model} = ${d}$ and $d_{ff} = ${mult}d$ processes ${T} tokens. How many hidden activations (after the ReLU) does it compute?`,
        expected: hidden.size,
        mistakes: [
          { name: "use d_model instead of d_ff", value: T * d },
          { name: "give the hidden width for one token", value: mult * d },
        ],
        explanation: `The hidden layer is $(T, d_{ff}) = (${hidden.shape.join(", ")})$: ${hidden.size} values — computed for each token independently.`,
      };
    },
  },
  {
    id: "mixing",
    kind: "multiple-choice",
    prompt: "Inside an encoder layer, which sub-layer lets information flow *between* token positions?",
    choices: [
      { text: "Multi-head self-attention", correct: true, explanation: "It is the only operation whose output at position $i$ depends on other positions." },
      { text: "The feed-forward network", correct: false, explanation: "The FFN is applied to each position independently with shared weights." },
      { text: "LayerNorm", correct: false, explanation: "LayerNorm normalises each token over its own features." },
      { text: "The residual connection", correct: false, explanation: "It adds a token's input to its own sub-layer output, position by position." },
    ],
  },
]);
