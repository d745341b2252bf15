import { defineExercises } from "@qkv/quiz";
import { sigmoid } from "@qkv/core";

export default defineExercises([
  {
    id: "reward-model-loss",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const rw = Math.round((rng.uniform() * 6 - 3) * 10) / 10, rl = Math.round((rng.uniform() * 6 - 3) * 10) / 10;
      return {
        prompt: `The reward model scores the human-preferred response $r(x, y_w) = ${rw}$ and the rejected one $r(x, y_l) = ${rl}$. What is the pairwise loss $-\\log\\sigma(r_w - r_l)$?`,
        expected: -Math.log(sigmoid([rw - rl]).data[0]),
        mistakes: [
          { name: "take the difference the wrong way round (r_l \u2212 r_w)", value: -Math.log(sigmoid([rl - rw]).data[0]) },
          { name: "forget the minus sign (log \u03c3 instead of \u2212log \u03c3)", value: Math.log(sigmoid([rw - rl]).data[0]) },
        ],
        explanation: `$\\sigma(${(rw - rl).toFixed(1)}) = ${sigmoid([rw - rl]).data[0].toFixed(4)}$; the loss is small when the preferred response scores clearly higher.`,
      };
    },
  },
  {
    id: "why-kl",
    kind: "multiple-choice",
    prompt: "What does the KL penalty to the reference (SFT) model do in RLHF?",
    choices: [
      {
        text: "It keeps the policy close to the distribution the reward model was trained on, limiting reward hacking and loss of fluency.",
        correct: true,
        explanation: "The reward model is only reliable near that distribution; without the penalty the policy exploits its errors.",
      },
      {
        text: "It makes the reward model more accurate.",
        correct: false,
        explanation: "The reward model is frozen during the RL stage; the KL term constrains the policy.",
      },
      {
        text: "It forces the policy to copy the reference model exactly.",
        correct: false,
        explanation: "It is a soft penalty weighted by $\\beta$; the policy still moves toward higher reward.",
      },
      {
        text: "It replaces the value function in PPO.",
        correct: false,
        explanation: "PPO still learns a value function; the KL term is subtracted from the reward.",
      },
    ],
  },

  {
    id: "reward-offset",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const rw = Math.round((rng.uniform() * 4 - 1) * 10) / 10, rl = Math.round((rng.uniform() * 4 - 2) * 10) / 10;
      const c = [2, 5, -3][rng.int(3)], s = [2, 0.5][rng.int(2)];
      const loss = (a: number, b: number) => -Math.log(sigmoid([a - b]).data[0]);
      return {
        prompt:
          `A reward model scores a preferred and a rejected response $r_w = ${rw}$, $r_l = ${rl}$. A second reward model gives every response $${s} \\cdot r ${c < 0 ? "-" : "+"} ${Math.abs(c)}$ ` +
          `(the first one's rewards scaled by ${s} and shifted by ${c}). Predict its Bradley–Terry loss $-\\log\\sigma(r_w - r_l)$ on this pair.`,
        expected: loss(s * rw + c, s * rl + c),
        mistakes: [
          { name: "assume a positive rescaling leaves the loss unchanged (only the shift cancels)", value: loss(rw, rl) },
          { name: "add the shift to one response only", value: loss(s * rw + c, s * rl) },
        ].filter((m) => Math.abs(m.value - loss(s * rw + c, s * rl + c)) > 1e-6),
        explanation: `The shift cancels in $r_w - r_l$; the scale does not: $-\\log\\sigma(${s}(${rw} - ${rl}))$. This is why reward models are only defined up to a per-prompt constant, while their *scale* matters for the RL step (it trades off against $\\beta$).`,
      };
    },
  },
]);
