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

  {
    id: "first-shared-bucket",
    kind: "numeric",
    tolerance: { abs: 0 },
    hints: ["Small distances each get their own bucket; find where the logarithmic buckets start and how wide the first one is."],
    generate(rng) {
      const direction = rng.uniform() < 0.5 ? ("bidirectional" as const) : ("causal" as const);
      const sign = direction === "causal" || rng.uniform() < 0.5 ? -1 : 1;
      const bucket = (n: number) => t5RelativePositionBucket(sign * n, { direction });
      let n = 0;
      while (bucket(n) !== bucket(n + 1)) n++;
      return {
        prompt:
          `T5's relative position bias (32 buckets, max distance 128), ${direction === "causal" ? "decoder (causal)" : "encoder (bidirectional)"} attention, keys ${sign < 0 ? "to the left" : "to the right"} of the query. ` +
          `What is the smallest distance $n$ for which distances $n$ and $n+1$ fall into the **same** bucket (so the model cannot tell them apart)?`,
        expected: n,
        mistakes: [
          { name: "use the other direction setting's exact range (8 vs 16 exact buckets)", value: direction === "causal" ? 8 : 16 },
          { name: "take the max distance 128, where the buckets stop growing", value: 128 },
        ],
        explanation: `${direction === "causal" ? "A causal stack spends all 32 buckets on one direction: distances 0–15 are exact" : "A bidirectional stack has 16 buckets per direction: distances 0–7 are exact"}; beyond that, buckets are logarithmically wider, and core's \`t5RelativePositionBucket\` puts $${sign * n}$ and $${sign * (n + 1)}$ both in bucket ${bucket(n)}.`,
      };
    },
  },
]);
