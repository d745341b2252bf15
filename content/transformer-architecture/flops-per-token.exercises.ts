import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "training-flops",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const N = [0.125, 1.3, 7, 13, 70][rng.int(5)] * 1e9;
      const D = [0.3, 1, 2, 15][rng.int(4)] * 1e12;
      const C = 6 * N * D;
      return {
        prompt: `Estimate the training compute (in units of $10^{21}$ FLOPs) for a dense model with $N = ${N / 1e9}$B parameters trained on $D = ${D / 1e12}$T tokens, using the standard rule.`,
        expected: C / 1e21,
        mistakes: [
          { name: "use 2ND (forward pass only)", value: (2 * N * D) / 1e21 },
        ],
        explanation: `$C \\approx 6ND = 6\\cdot${N / 1e9}\\times10^9\\cdot${D / 1e12}\\times10^{12} = ${(C / 1e21).toFixed(2)}\\times10^{21}$ FLOPs (2N forward + 4N backward per token).`,
      };
    },
  },
  {
    id: "attention-share",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const layers = [12, 24, 32][rng.int(3)], d = [768, 1024, 4096][rng.int(3)], ctx = [1024, 4096, 16384][rng.int(3)];
      const N = 12 * layers * d * d;
      const attn = 4 * layers * ctx * d;
      const share = attn / (2 * N + attn);
      return {
        prompt:
          `A decoder with ${layers} layers, $d = ${d}$ and $N = 12\\,n_{layers}d^2$ non-embedding parameters. For a token that sees ${ctx} keys, ` +
          `what fraction of its forward FLOPs (ignoring the output layer) is the attention term $4\\,n_{layers}T_{ctx}d$?`,
        expected: share,
        explanation: `Parameter term $2N = ${2 * N}$, attention term ${attn}; fraction ${share.toFixed(4)}. The ratio attention/$2N$ is $T_{ctx}/(6d)$.`,
      };
    },
  },
  {
    id: "decode-bound",
    kind: "multiple-choice",
    prompt: "Generating one token at batch size 1 on a GPU is usually limited by what?",
    choices: [
      { text: "Memory bandwidth: all weights (and the KV cache) are read for only about $2N$ FLOPs", correct: true, explanation: "Arithmetic intensity is about 1 FLOP per byte at batch 1, far below what GPUs need to be compute-bound." },
      { text: "Peak tensor-core FLOPs", correct: false, explanation: "That limits large-batch training and prefill, not single-sequence decoding." },
      { text: "The softmax over the vocabulary", correct: false, explanation: "It is a small part of the work compared with reading billions of weights." },
      { text: "Tokenization on the CPU", correct: false, explanation: "Tokenizing is negligible compared with a forward pass." },
    ],
  },

  {
    id: "attention-crossover",
    kind: "numeric",
    tolerance: { abs: 0.5 },
    generate(rng) {
      const cfg = [
        { name: "LLaMA-2-7B-shaped", L: 32, d: 4096, dff: 11008 },
        { name: "LLaMA-2-13B-shaped", L: 40, d: 5120, dff: 13824 },
        { name: "Mistral-7B-shaped (ignore GQA)", L: 32, d: 4096, dff: 14336 },
      ][rng.int(3)];
      const N = cfg.L * (4 * cfg.d * cfg.d + 3 * cfg.d * cfg.dff); // attention + SwiGLU weights
      const crossover = (2 * N) / (4 * cfg.L * cfg.d);
      return {
        prompt:
          `A ${cfg.name} model: ${cfg.L} layers, $d = ${cfg.d}$, SwiGLU FFN with $d_{ff} = ${cfg.dff}$ (three matrices), no biases. ` +
          `A token that attends to $T$ earlier keys spends $2N$ FLOPs on the non-embedding weights and $4\\,n_{layers} T d$ on attention scores and value mixing. ` +
          `At what context length $T$ do the two terms become equal? (The "$6d$" rule assumes a $4d$ ReLU MLP: does it hold here?)`,
        expected: crossover,
        mistakes: [
          { name: "use the 6d rule of the 12d\u00b2-per-layer model", value: 6 * cfg.d },
          { name: "count only the score product q\u1d40K (Kaplan's 2 n_layers T d)", value: (2 * N) / (2 * cfg.L * cfg.d) },
        ],
        explanation: `$N = ${cfg.L}(4d^2 + 3 d\\, d_{ff}) = ${N}$, so $T = 2N / (4 n_{layers} d) = (4d^2 + 3 d\\, d_{ff})/(2d) = 2d + 1.5 d_{ff} = ${crossover}$: the wider FFN pushes the crossover past $6d = ${6 * cfg.d}$.`,
      };
    },
  },
]);
