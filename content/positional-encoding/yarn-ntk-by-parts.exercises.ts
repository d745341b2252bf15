import { defineExercises } from "@qkv/quiz";
import { ropeAngles } from "@qkv/core";

export default defineExercises([
  {
    id: "ramp-factor",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const d = 128, L = [2048, 4096][rng.int(2)], s = [4, 8, 16][rng.int(3)];
      const theta = Array.from(ropeAngles([1], d).angles.data);
      const turns = theta.map((t) => (L * t) / (2 * Math.PI));
      const ramp = turns.map((r, i) => [r, i] as const).filter(([r]) => r > 1 && r < 32).map(([, i]) => i);
      const i = ramp[rng.int(ramp.length)];
      const gamma = (turns[i] - 1) / 31;
      const ratio = (1 - gamma) / s + gamma;
      return {
        prompt:
          `YaRN with $\\alpha = 1$, $\\beta = 32$, scale $s = ${s}$, original length $L = ${L}$, head size ${d}, base 10000. Pair ${i} makes ${turns[i].toFixed(3)} full turns over $L$. ` +
          `By what factor $\\theta_i'/\\theta_i$ does YaRN scale its frequency? (4 decimals)`,
        expected: ratio,
        mistakes: [
          { name: "interpolate it fully like PI (1/s)", value: 1 / s },
          { name: "keep it unchanged", value: 1 },
          { name: "use γ as the weight of the interpolated frequency (ramp reversed)", value: gamma / s + (1 - gamma) },
        ].filter((m) => Math.abs(m.value - ratio) > 1e-4),
        explanation: `$\\gamma = (r - \\alpha)/(\\beta - \\alpha) = (${turns[i].toFixed(3)} - 1)/31 = ${gamma.toFixed(4)}$; $\\theta'/\\theta = (1-\\gamma)/s + \\gamma = ${ratio.toFixed(4)}$.`,
      };
    },
  },
  {
    id: "temperature",
    kind: "numeric",
    tolerance: { rel: 1e-4 },
    generate(rng) {
      const s = [2, 4, 8, 16, 32][rng.int(5)];
      const f = (0.1 * Math.log(s) + 1) ** 2;
      return {
        prompt: `YaRN sets $\\sqrt{1/t} = 0.1\\ln s + 1$. By what factor are the attention logits multiplied when extending the context by $s = ${s}$?`,
        expected: f,
        mistakes: [{ name: "use √(1/t) itself (the factor applied to q and to k separately)", value: 0.1 * Math.log(s) + 1 }],
        explanation: `Both $q$ and $k$ are scaled by $\\sqrt{1/t} = ${(0.1 * Math.log(s) + 1).toFixed(4)}$, so $q\\cdot k$ is scaled by its square, ${f.toFixed(4)}.`,
      };
    },
  },
  {
    id: "pairs-kept",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Predict from the thresholds which pairs NTK-by-parts leaves alone, then count them on core's angles.
      const d = 128, L = [2048, 4096, 8192][rng.int(3)], s = [4, 8, 16][rng.int(3)], alpha = 1, beta = [16, 32][rng.int(2)];
      const theta = Array.from(ropeAngles([1], d).angles.data); // θ_i = angle at position 1
      const turns = theta.map((t) => (L * t) / (2 * Math.PI));
      const scaled = theta.map((t, i) => {
        const gamma = Math.min(1, Math.max(0, (turns[i] - alpha) / (beta - alpha)));
        return (1 - gamma) * (t / s) + gamma * t;
      });
      const kept = scaled.filter((t, i) => t === theta[i]).length;
      const oneTurn = turns.filter((r) => r > alpha).length;
      const fullyInterpolated = scaled.filter((t, i) => t === theta[i] / s).length;
      return {
        prompt:
          `YaRN's NTK-by-parts rule on a RoPE model with head size ${d} (64 pairs, base 10000) trained on $L = ${L}$ tokens, extended by $s = ${s}$, ` +
          `with $\\alpha = ${alpha}$, $\\beta = ${beta}$. Pair $i$ makes $r_i = L\\theta_i/2\\pi$ turns over $L$. How many of the 64 pairs keep their ` +
          `frequency exactly unchanged?`,
        expected: kept,
        mistakes: [
          { name: "keep every pair that completes at least one turn (threshold $\\alpha$ instead of $\\beta$)", value: oneTurn },
          { name: "count the pairs that are fully interpolated instead", value: fullyInterpolated },
        ].filter((m) => m.value !== kept),
        explanation:
          `A pair is left alone when $r_i \\ge \\beta$, i.e. it turns at least ${beta} times within the training length; these are the fast pairs ` +
          `$i = 0, 1, …$ ($r_0 = ${turns[0].toFixed(1)}$). Counting on core's angles: ${kept} kept, ${fullyInterpolated} fully interpolated ($r_i \\le 1$), ` +
          `${64 - kept - fullyInterpolated} on the ramp. The extension factor $s$ does not move the thresholds; the training length $L$ does.`,
      };
    },
  },
]);
