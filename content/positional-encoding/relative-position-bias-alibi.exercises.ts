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
  {
    id: "alibi-break-even",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      // Reason about the bias instead of computing a softmax: equal weights need equal biased scores.
      const H = [8, 16][rng.int(2)], h = 1 + rng.int(H), D = 5 + rng.int(60);
      const slope = 2 ** ((-8 * h) / H);
      const near = Math.round((rng.uniform() * 2 - 1) * 10) / 10;
      const needed = slope * D;
      // core check: with that margin the two keys get the same weight (query at position D + 1, near key 1 back, far key D + 1 back)
      const w = softmax(tensor([[near - slope * 1, near + needed - slope * (D + 1)]])).data;
      if (Math.abs(w[0] - w[1]) > 1e-12) throw new Error("ALiBi break-even check failed");
      return {
        prompt:
          `ALiBi with $H = ${H}$ heads, head $h = ${h}$ (slopes $m_h = 2^{-8h/H}$). Two keys compete for one query: the near one is 1 token back, ` +
          `the far one ${D + 1} tokens back. By how much must the far key's raw scaled score $q\\cdot k/\\sqrt{d_k}$ exceed the near key's for the ` +
          `two to receive **equal** attention weight?`,
        expected: needed,
        mistakes: [
          { name: "use slope 1 (count only the distance)", value: D },
          { name: "use the slope formula $2^{-h}$, which holds only for $H = 8$", value: 2 ** -h * D },
          { name: "use the far key's whole distance instead of the difference of distances", value: slope * (D + 1) },
        ].filter((m) => Math.abs(m.value - needed) > 1e-6 * needed),
        explanation:
          `Equal weights need equal biased scores: $s_{far} - m_h (D+1) = s_{near} - m_h\\cdot 1$, so the margin is $m_h\\cdot ${D} = ` +
          `${slope.toPrecision(4)}\\cdot ${D} = ${needed.toPrecision(4)}$. Core's softmax of the two biased scores gives equal weights. A steep head ` +
          `needs a large margin to look far back; a flat head barely penalises distance.`,
      };
    },
  },
]);
