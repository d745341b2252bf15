import { defineExercises } from "@qkv/quiz";
import { softmax, t5RelativePositionBucket, tensor } from "@qkv/core";

export default defineExercises([
  {
    id: "alibi-weight",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const H = 8, h = 1 + rng.int(H);
      const slope = 2 ** ((-8 * h) / H);
      const T = 4;
      const scores = Array.from({ length: T }, () => Math.round((rng.uniform() * 2 - 1) * 10) / 10);
      const biased = scores.map((s, j) => s - slope * (T - 1 - j)); // query at position T-1, key j
      const w = softmax(tensor([biased])).data;
      return {
        prompt:
          `ALiBi with ${H} heads; head $h = ${h}$ (slopes $2^{-8h/H}$). The last token (position ${T - 1}) has raw scaled scores ` +
          `$[${scores.join(", ")}]$ for keys $0…${T - 1}$. What weight does it give key 0? (4 decimals)`,
        expected: w[0],
        mistakes: [
          { name: "forget the ALiBi bias (plain softmax of the scores)", value: softmax(tensor([scores])).data[0] },
          { name: "add the bias instead of subtracting it", value: softmax(tensor([scores.map((s, j) => s + slope * (T - 1 - j))])).data[0] },
        ],
        explanation:
          `Slope $m = 2^{-${h}} = ${slope}$; subtract $m\\cdot(i - j)$: $[${biased.map((v) => v.toFixed(4)).join(", ")}]$; softmax gives ` +
          `${Array.from(w, (v) => v.toFixed(4)).join(", ")}.`,
      };
    },
  },
  {
    id: "t5-bucket",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const rel = rng.int(7) - 3; // small offsets have exact buckets
      const b = t5RelativePositionBucket(rel, { direction: "bidirectional" });
      return {
        prompt: `T5 bidirectional relative buckets (32 buckets, max distance 128; relative position = key − query). Which bucket does relative position ${rel} fall into?`,
        expected: b,
        explanation:
          `Half of the buckets (16) are for positive offsets, numbered from 16; within each half the first 8 offsets get exact buckets. ` +
          `${rel} → bucket ${b}.`,
      };
    },
  },
  {
    id: "bias-where",
    kind: "multiple-choice",
    prompt: "Where do T5's relative bias and ALiBi inject position information?",
    choices: [
      { text: "As a scalar added to each attention logit, depending on the query–key offset", correct: true, explanation: "$q_i\\cdot k_j/\\sqrt{d_k} + b(i - j)$; nothing is added to the embeddings." },
      { text: "As vectors added to the token embeddings", correct: false, explanation: "That is absolute (sinusoidal or learned) position encoding." },
      { text: "By rotating queries and keys", correct: false, explanation: "That is RoPE." },
      { text: "By multiplying the values by a distance decay", correct: false, explanation: "Values are untouched; the bias changes the attention weights." },
    ],
  },
]);
