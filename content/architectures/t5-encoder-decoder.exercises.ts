import { defineExercises } from "@qkv/quiz";
import { t5RelativePositionBucket } from "@qkv/core";

export default defineExercises([
  {
    id: "t5-bucket",
    kind: "numeric",
    tolerance: { abs: 0 },
    hints: [
      "Bidirectional: 16 buckets per direction, exact for distances 0–7; causal: 32 buckets for looking back, exact for 0–15.",
      "Beyond the exact range: $\\text{bucket} = e + \\lfloor \\ln(n/e)/\\ln(128/e)\\cdot(b - e) \\rfloor$ (capped at $b - 1$), with $b$ buckets per direction and $e = b/2$; add 16 for positive offsets in the bidirectional case.",
    ],
    generate(rng) {
      const direction = rng.uniform() < 0.5 ? ("bidirectional" as const) : ("causal" as const);
      const magnitude = [1, 3, 7, 9, 15, 20, 40, 100, 300][rng.int(9)];
      const n = direction === "causal" ? -magnitude : rng.uniform() < 0.5 ? -magnitude : magnitude;
      return {
        prompt:
          `T5 relative position bias with 32 buckets and max distance 128, ${direction === "bidirectional" ? "encoder (bidirectional)" : "decoder (causal)"} attention. ` +
          `Which bucket does the offset $j - i = ${n}$ fall into?`,
        expected: t5RelativePositionBucket(n, { direction }),
        explanation:
          (direction === "bidirectional"
            ? "16 buckets per direction (offsets $> 0$ use buckets 16–31). Within a direction, "
            : "All 32 buckets describe looking back ($n' = -n$). ") +
          "distances below half the buckets get their own bucket; larger ones are spaced logarithmically up to 128, beyond which they share the last bucket.",
      };
    },
  },
  {
    id: "span-corruption",
    kind: "multiple-choice",
    prompt: "In T5's span-corruption objective, what is the decoder trained to output?",
    choices: [
      {
        text: "Only the dropped spans, each introduced by its sentinel token.",
        correct: true,
        explanation: "E.g. input `Thank you <X> me to your party <Y> week.` → target `<X> for inviting <Y> last <Z>`: short targets make pre-training cheap.",
      },
      {
        text: "The whole original sentence.",
        correct: false,
        explanation: "That is BART-style full reconstruction; T5 predicts only the missing spans.",
      },
      {
        text: "The next sentence of the document.",
        correct: false,
        explanation: "That is closer to next-sentence prediction or causal LM, not span corruption.",
      },
      {
        text: "A label saying which tokens were corrupted.",
        correct: false,
        explanation: "That is ELECTRA's replaced-token detection.",
      },
    ],
  },
]);
