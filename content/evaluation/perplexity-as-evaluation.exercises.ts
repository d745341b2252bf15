import { defineExercises } from "@qkv/quiz";
import { Rng, crossEntropy, perplexity, randn, softmax } from "@qkv/core";

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
  {
    id: "tokenizer-change-ppl",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const ppl = [8, 10, 12, 15][rng.int(4)];
      const tokens = 1000 * (2 + rng.int(4));
      const fewer = [0.2, 0.25, 0.3][rng.int(3)];
      const newTokens = Math.round(tokens * (1 - fewer));
      // Same model quality: the text costs the same total nats, now spread over fewer tokens.
      const totalNats = tokens * Math.log(ppl);
      const expected = perplexity(totalNats / newTokens);
      return {
        prompt:
          `A model has per-token perplexity ${ppl} on a text of ${tokens} tokens. A retrained model with a larger vocabulary cuts the same text ` +
          `into ${newTokens} tokens (${Math.round(fewer * 100)}% fewer) and predicts it exactly as well: the same total negative log-likelihood. ` +
          `What per-token perplexity does the new model report?`,
        expected,
        mistakes: [
          { name: "assume perplexity does not depend on the tokenizer", value: ppl },
          { name: "scale the perplexity itself by the token ratio", value: (ppl * tokens) / newTokens },
        ],
        explanation:
          `Total NLL $= ${tokens} \\ln ${ppl} = ${totalNats.toFixed(1)}$ nats. Over ${newTokens} tokens the mean is ${(totalNats / newTokens).toFixed(4)}, ` +
          `so PPL $= e^{${(totalNats / newTokens).toFixed(4)}} = ${ppl}^{${tokens}/${newTokens}} = ${expected.toFixed(2)}$: higher, with no change in quality. Bits per byte would not move.`,
      };
    },
  },
]);
