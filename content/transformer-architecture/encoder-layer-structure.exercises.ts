import { defineExercises } from "@qkv/quiz";
import { causalMask, feedForward, keyPaddingMask, multiHeadAttention, randn, Rng, type Tensor } from "@qkv/core";


// "Which bug": edit one token of a 5-token input and list which tokens' self-attention outputs change, computed by
// core for the correct encoder and for each candidate mistake.
const probeRng = new Rng(5);
const probeW = { W_Q: randn([8, 8], probeRng, 0.4), W_K: randn([8, 8], probeRng, 0.4), W_V: randn([8, 8], probeRng, 0.4), W_O: randn([8, 8], probeRng, 0.4) };
const probeX = randn([1, 5, 8], probeRng);
const probeEdited = probeX.clone();
for (let c = 0; c < 8; c++) probeEdited.data[2 * 8 + c] += 1; // edit token 2 only
/** Tokens whose self-attention output differs after the edit, under the given mask. */
const changedTokens = (mask?: Tensor) => {
  const run = (x: Tensor) => multiHeadAttention(x, x, probeW, { numHeads: 2, attnMask: mask }).output.data;
  const a = run(probeX), b = run(probeEdited);
  return [0, 1, 2, 3, 4].filter((t) => Array.from({ length: 8 }, (_, c) => Math.abs(a[t * 8 + c] - b[t * 8 + c])).some((v) => v > 1e-12));
};
const list = (ts: number[]) => ts.join(", ");

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

  {
    id: "which-encoder-bug",
    kind: "multiple-choice",
    prompt:
      `You test your encoder layer's self-attention by adding 1 to every feature of token 2 in a 5-token input (tokens 0–4). ` +
      `The outputs that change are those of tokens ${list(changedTokens(causalMask(5)))}; tokens ${list([0, 1, 2, 3, 4].filter((t) => !changedTokens(causalMask(5)).includes(t)))} come out bit-identical. Which bug does this reveal?`,
    choices: [
      {
        text: "A causal mask is applied in the encoder, so tokens 0 and 1 cannot see token 2.",
        correct: true,
        explanation: `With the causal mask core gives exactly this: tokens ${list(changedTokens(causalMask(5)))} change. The encoder is bidirectional; without a mask every token changes (${list(changedTokens())}).`,
      },
      {
        text: "Nothing: in an encoder each token only attends to the tokens after it.",
        correct: false,
        explanation: `An encoder token attends to all tokens; the correct layer changes every output (${list(changedTokens())}).`,
      },
      {
        text: "The key padding mask marks tokens 0 and 1 as padding.",
        correct: false,
        explanation: `Padding hides tokens 0 and 1 as *keys*, but as queries they still read token 2, so their outputs change: ${list(changedTokens(keyPaddingMask([[true, true, false, false, false]])))}.`,
      },
      {
        text: "The FFN mixes positions.",
        correct: false,
        explanation: "The test looks at the self-attention output alone, and the FFN is per-token anyway.",
      },
    ],
  },
]);
