import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "mlm-expected-counts",
    kind: "numeric",
    tolerance: { abs: 1e-9 },
    generate(rng) {
      const T = [128, 256, 512][rng.int(3)];
      const which = rng.int(3);
      const share = [0.8, 0.1, 0.1][which];
      const label = ["replaced by [MASK]", "replaced by a random token", "left unchanged but still predicted"][which];
      return {
        prompt: `BERT's MLM recipe on a ${T}-token sequence: in expectation, how many positions are ${label}?`,
        expected: T * 0.15 * share,
        mistakes: [
          { name: "apply the share to all positions instead of the 15 % selected", value: T * share },
          { name: "give all selected positions (15 %)", value: T * 0.15 },
        ],
        explanation: `15% of positions are selected ($${T} \\times 0.15 = ${T * 0.15}$); of those ${share * 100}% are ${label}.`,
      };
    },
  },
  {
    id: "bert-facts",
    kind: "multiple-choice",
    prompt: "Which statement about BERT is correct?",
    choices: [
      {
        text: "It is an encoder-only, bidirectional, Post-LN Transformer pre-trained with masked LM (and next-sentence prediction).",
        correct: true,
        explanation: "BERT-base: 12 layers, $d = 768$, 12 heads; GELU FFN; WordPiece tokens with token, position and segment embeddings.",
      },
      {
        text: "It uses a causal mask so it can generate text left to right.",
        correct: false,
        explanation: "BERT attends in both directions; only padding is masked, so it is not a left-to-right generator.",
      },
      {
        text: "It uses rotary position embeddings.",
        correct: false,
        explanation: "BERT uses learned absolute position embeddings (up to 512).",
      },
      {
        text: "All token positions are training targets in MLM.",
        correct: false,
        explanation: "Only the ~15% selected positions are predicted; the rest get the ignore index.",
      },
    ],
  },
]);
