import { defineExercises } from "@qkv/quiz";
import { logSoftmax, softmax, tensor } from "@qkv/core";

const kl = (t: number[], s: number[], T: number) => {
  const p = softmax(tensor([t]), { temperature: T }).data, lp = logSoftmax(tensor([t]), { temperature: T }).data;
  const lq = logSoftmax(tensor([s]), { temperature: T }).data;
  return Array.from(p).reduce((acc, pi, i) => acc + pi * (lp[i] - lq[i]), 0);
};

export default defineExercises([
  {
    id: "soft-loss",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const t = [0, 1, 2].map(() => rng.int(9));
      const s = [0, 1, 2].map(() => rng.int(9));
      if (t.join() === s.join()) s[0] += 1;
      const T = [2, 3, 4][rng.int(3)];
      const expected = T * T * kl(t, s, T);
      return {
        prompt: `Teacher logits $[${t.join(", ")}]$, student logits $[${s.join(", ")}]$. Compute the distillation term $T^2\\,\\mathrm{KL}(p_t^{T}\\Vert p_s^{T})$ at $T = ${T}$ (natural log, 4 decimals).`,
        expected,
        mistakes: [
          { name: "leave out the T² factor", value: kl(t, s, T) },
          { name: "compute the KL at T = 1", value: kl(t, s, 1) },
          { name: "swap the KL's arguments (student ‖ teacher)", value: T * T * kl(s, t, T) },
        ].filter((m) => Math.abs(m.value - expected) > 1e-4),
        explanation: `Soften both with $T = ${T}$, take $\\sum_i p_t\\log(p_t/p_s) = ${kl(t, s, T).toFixed(4)}$, multiply by $T^2 = ${T * T}$: ${expected.toFixed(4)}.`,
      };
    },
  },
  {
    id: "why-temperature",
    kind: "multiple-choice",
    prompt: "Why does distillation soften the teacher's distribution with a temperature $T > 1$?",
    choices: [
      { text: "It exposes the relative probabilities of the wrong classes, which a near one-hot output hides", correct: true, explanation: "Those similarities are the extra signal the student learns from." },
      { text: "It makes the teacher more accurate", correct: false, explanation: "Dividing logits by $T$ does not change the argmax." },
      { text: "It prevents the KL divergence from being infinite", correct: false, explanation: "Softmax outputs are strictly positive at any $T$, so the KL is finite anyway." },
    ],
  },
]);
