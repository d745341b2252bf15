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
]);
