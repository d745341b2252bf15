import { defineExercises } from "@qkv/quiz";
import { Rng, crossEntropy, randn, softmax } from "@qkv/core";

export default defineExercises([
  {
    id: "ppl-from-probs",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const T = 3 + rng.int(3), V = 5;
      const logits = randn([T, V], new Rng(rng.int(1e6)), 1.5);
      const targets = Array.from({ length: T }, () => rng.int(V));
      const probs = softmax(logits).data;
      const p = targets.map((t, i) => Math.round(probs[i * V + t] * 1000) / 1000);
      const mean = -p.reduce((acc, v) => acc + Math.log(v), 0) / T;
      const ppl = Math.exp(mean);
      return {
        prompt: `A model assigns probabilities $[${p.join(", ")}]$ to the ${T} actual next tokens of a held-out text. What is its perplexity on this text?`,
        expected: ppl,
        mistakes: [
          { name: "exponentiate the summed loss instead of the mean", value: Math.exp(mean * T) },
          { name: "take 1 / (mean probability) instead of the geometric mean", value: 1 / (p.reduce((a, b) => a + b, 0) / T) },
          { name: "use 2^(mean loss in nats)", value: 2 ** mean },
        ].filter((m) => Math.abs(m.value - ppl) > 1e-3 * ppl),
        explanation: `Mean NLL $= -\\frac1{${T}}\\sum\\ln p = ${mean.toFixed(4)}$ nats; $e^{${mean.toFixed(4)}} = ${ppl.toFixed(3)}$ (the inverse geometric mean of the probabilities). \`crossEntropy(...).perplexity\` computes the same from logits: ${crossEntropy(logits, targets).perplexity.toFixed(3)} before rounding.`,
      };
    },
  },
  {
    id: "bits-per-byte",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const tokens = [200, 250, 300][rng.int(3)];
      const ppl = [6, 8, 10, 12][rng.int(4)];
      const bytes = [900, 1000, 1200][rng.int(3)];
      const bpb = (tokens * Math.log(ppl)) / Math.LN2 / bytes;
      return {
        prompt: `A model reaches per-token perplexity ${ppl} on a ${bytes}-byte text that its tokenizer splits into ${tokens} tokens. What is its bits per byte?`,
        expected: bpb,
        mistakes: [
          { name: "forget to convert nats to bits", value: (tokens * Math.log(ppl)) / bytes },
          { name: "divide by tokens instead of bytes (bits per token)", value: Math.log2(ppl) },
        ],
        explanation: `Total NLL $= ${tokens}\\ln ${ppl}$ nats $= ${((tokens * Math.log(ppl)) / Math.LN2).toFixed(1)}$ bits, over ${bytes} bytes: ${bpb.toFixed(4)}.`,
      };
    },
  },
]);
