import { defineExercises } from "@qkv/quiz";
import { logSoftmax, softmax, tensor } from "@qkv/core";

const kl = (t: number[], s: number[], T: number) => {
  const p = softmax(tensor([t]), { temperature: T }).data, lp = logSoftmax(tensor([t]), { temperature: T }).data;
  const lq = logSoftmax(tensor([s]), { temperature: T }).data;
  return Array.from(p).reduce((acc, pi, i) => acc + pi * (lp[i] - lq[i]), 0);
};


// "Which bug": the soft term of one example logged at two temperatures, computed with and without the T² factor.
const kdTeacher = [9, 5, 4, 0], kdStudent = [6, 4, 1, 1];
const softTerm = (T: number, squared: boolean) => (squared ? T * T : 1) * kl(kdTeacher, kdStudent, T);

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

  {
    id: "which-temperature-bug",
    kind: "multiple-choice",
    prompt:
      `A distillation run with $\\lambda = 0.5$ worked at $T = 2$. After raising the temperature to $T = 8$, the student ignores the teacher. For one example, the logged soft term was ` +
      `${softTerm(2, false).toFixed(4)} at $T = 2$ and ${softTerm(8, false).toFixed(4)} at $T = 8$, while the hard cross-entropy term did not change. Which bug explains it?`,
    choices: [
      {
        text: "The soft term is not multiplied by $T^2$, so its gradients shrink roughly like $1/T^2$ as the temperature rises.",
        correct: true,
        explanation: `The logged values are the raw KL. With the factor they would be ${softTerm(2, true).toFixed(4)} and ${softTerm(8, true).toFixed(4)}: the factor keeps the soft term from fading as $T$ grows (it levels off for large $T$), so $\\lambda$ keeps its meaning.`,
      },
      {
        text: "At $T = 8$ the teacher's distribution is too flat to contain information.",
        correct: false,
        explanation: "The ranking of the wrong classes is still there at $T = 8$; what vanished is the term's weight relative to the hard loss.",
      },
      {
        text: "The KL's arguments are swapped (student ‖ teacher).",
        correct: false,
        explanation: `Reverse KL changes the behaviour (mode-seeking) but shrinks with $T$ just the same: ${kl(kdStudent, kdTeacher, 2).toFixed(4)} at $T = 2$ and ${kl(kdStudent, kdTeacher, 8).toFixed(4)} at $T = 8$ here, and neither matches the log.`,
      },
    ],
  },
]);
