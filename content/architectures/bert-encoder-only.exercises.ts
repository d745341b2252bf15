import { defineExercises } from "@qkv/quiz";
import { bertMaskTokens, Rng } from "@qkv/core";

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

  {
    id: "altered-inputs",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const p = [0.15, 0.2, 0.3, 0.4][rng.int(4)];
      const V = [50, 100, 200][rng.int(3)];
      const expected = 100 * p * (0.8 + 0.1 * (1 - 1 / V));
      // the same corruption run by core on 20,000 tokens, as an empirical check
      const tokens = Array.from({ length: 20000 }, (_, i) => 1 + (i % (V - 1)));
      const masked = bertMaskTokens(tokens, { rng: new Rng(rng.int(1000)), maskTokenId: 0, vocabSize: V, maskProb: p });
      const observed = (100 * masked.inputIds.filter((t, i) => t !== tokens[i]).length) / tokens.length;
      return {
        prompt:
          `A BERT-style model with a toy vocabulary of $V = ${V}$ tokens chooses ${p * 100}% of positions for MLM and applies the 80/10/10 rule; ` +
          `random replacements are drawn uniformly from the whole vocabulary. In expectation, what **percentage of input positions** show a token different from the original?`,
        expected,
        mistakes: [
          { name: "count every chosen position, including the 10% left unchanged", value: 100 * p },
          { name: "count only the [MASK] replacements", value: 100 * p * 0.8 },
          { name: "forget that a random replacement can draw the original token", value: 100 * p * 0.9 },
        ],
        explanation: `$${p * 100}\\% \\times \\big(0.8 + 0.1 \\times (1 - 1/${V})\\big)$: the 10% kept as they are do not change the input, and a random draw equals the original with probability $1/V$. Core's \`bertMaskTokens\` on 20,000 tokens changed ${observed.toFixed(2)}% of them. The model still has to predict all chosen positions, so it cannot assume that an unchanged-looking token is correct.`,
      };
    },
  },
]);
