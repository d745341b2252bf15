import { defineExercises } from "@qkv/quiz";

const tokensPerRound = (alpha: number, gamma: number) => (1 - alpha ** (gamma + 1)) / (1 - alpha);

export default defineExercises([
  {
    id: "expected-tokens",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const alpha = [0.5, 0.6, 0.7, 0.8, 0.9][rng.int(5)];
      const gamma = 2 + rng.int(6);
      const expected = tokensPerRound(alpha, gamma);
      return {
        prompt: `Each draft token is accepted with probability ${alpha}, independently; the draft proposes $\\gamma = ${gamma}$ tokens per round. How many tokens does one round emit on average (counting the target's replacement or bonus token)?`,
        expected,
        mistakes: [
          { name: "forget the target's extra token (count only accepted drafts)", value: expected - 1 },
          { name: "assume every draft token is accepted (γ + 1)", value: gamma + 1 },
          { name: "multiply α by γ (αγ + 1), ignoring that a rejection ends the round", value: alpha * gamma + 1 },
        ].filter((m) => Math.abs(m.value - expected) > 1e-3 * expected),
        explanation: `$1 + \\alpha + \\dots + \\alpha^{\\gamma} = (1 - ${alpha}^{${gamma + 1}})/(1 - ${alpha}) = ${expected.toFixed(3)}$.`,
      };
    },
  },
  {
    id: "predict-speedup",
    kind: "numeric",
    tolerance: { rel: 2e-3 },
    generate(rng) {
      const alpha = [0.6, 0.7, 0.8][rng.int(3)];
      const gamma = [3, 4, 5][rng.int(3)];
      const c = [0.05, 0.1, 0.2][rng.int(3)];
      const s = tokensPerRound(alpha, gamma) / (gamma * c + 1);
      return {
        prompt:
          `Acceptance rate ${alpha}, $\\gamma = ${gamma}$ draft tokens per round, one draft step costs ${c} of a target step, and ` +
          `verification costs one target step. What wall-clock speed-up over plain decoding do you expect?`,
        expected: s,
        mistakes: [{ name: "ignore the draft model's cost", value: tokensPerRound(alpha, gamma) }],
        explanation: `Tokens per round ${tokensPerRound(alpha, gamma).toFixed(3)} over cost $${gamma}\\cdot${c} + 1 = ${(gamma * c + 1).toFixed(2)}$: ${s.toFixed(3)}×.`,
      };
    },
  },
  {
    id: "best-gamma",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const alpha = [0.6, 0.7, 0.8][rng.int(3)];
      const c = [0.05, 0.1, 0.2][rng.int(3)];
      const speedup = (g: number) => tokensPerRound(alpha, g) / (g * c + 1);
      const gammas = Array.from({ length: 10 }, (_, i) => i + 1);
      const best = gammas.reduce((b, g) => (speedup(g) > speedup(b) ? g : b));
      return {
        prompt:
          `You tune speculative decoding: acceptance rate $\\alpha = ${alpha}$ (independent per token), a draft step costs ${c} of a target step, ` +
          `verification costs one target step. Which draft length $\\gamma$ between 1 and 10 gives the largest speed-up? ` +
          `(Think first about what a longer draft buys and what it costs.)`,
        expected: best,
        mistakes: [{ name: "ignore the draft's cost, so longer always looks better", value: 10 }].filter((m) => m.value !== best),
        explanation:
          `Each extra draft token adds $\\alpha^{\\gamma+1}$ expected tokens (shrinking geometrically) but a constant ${c} to the cost. ` +
          `Speed-ups: ${gammas.map((g) => `$\\gamma=${g}$: ${speedup(g).toFixed(3)}`).join(", ")}; the best is $\\gamma = ${best}$.`,
      };
    },
  },
]);
