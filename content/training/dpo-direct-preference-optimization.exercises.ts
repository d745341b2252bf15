import { defineExercises } from "@qkv/quiz";
import { sigmoid, type Rng } from "@qkv/core";

const logp = (rng: Rng) => -Math.round((5 + rng.uniform() * 25) * 10) / 10;

export default defineExercises([
  {
    id: "dpo-loss",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const refW = logp(rng), refL = logp(rng);
      const shift = () => Math.round((rng.uniform() * 6 - 3) * 10) / 10; // training moved the policy a little
      const piW = Math.round((refW + shift()) * 10) / 10, piL = Math.round((refL + shift()) * 10) / 10;
      const beta = [0.1, 0.2, 0.5][rng.int(3)];
      const margin = beta * ((piW - refW) - (piL - refL));
      const loss = -Math.log(sigmoid([margin]).data[0]);
      return {
        prompt:
          `Summed log-probabilities of a preference pair: policy $\\log\\pi_\\theta(y_w) = ${piW}$, $\\log\\pi_\\theta(y_l) = ${piL}$; ` +
          `reference $\\log\\pi_{\\text{ref}}(y_w) = ${refW}$, $\\log\\pi_{\\text{ref}}(y_l) = ${refL}$; $\\beta = ${beta}$. What is the DPO loss?`,
        expected: loss,
        mistakes: [
          { name: "forget the reference model (\u03b2\u00b7(log \u03c0(y_w) \u2212 log \u03c0(y_l)))", value: -Math.log(sigmoid([beta * (piW - piL)]).data[0]) },
          { name: "forget \u03b2", value: -Math.log(sigmoid([(piW - refW) - (piL - refL)]).data[0]) },
        ],
        explanation:
          `Implicit reward margin $\\beta[(${piW} - (${refW})) - (${piL} - (${refL}))] = ${margin.toFixed(4)}$; loss $= -\\log\\sigma(${margin.toFixed(4)})$.`,
      };
    },
  },
  {
    id: "bradley-terry-probability",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const rw = Math.round((rng.uniform() * 4 - 2) * 10) / 10, rl = Math.round((rng.uniform() * 4 - 2) * 10) / 10;
      return {
        prompt: `A reward model scores two responses to the same prompt $r(y_1) = ${rw}$ and $r(y_2) = ${rl}$. Under the Bradley–Terry model, what is the probability that $y_1$ is preferred?`,
        expected: sigmoid([rw - rl]).data[0],
        mistakes: [
          { name: "take the difference the wrong way round (r\u2082 \u2212 r\u2081)", value: sigmoid([rl - rw]).data[0] },
        ],
        explanation: `$P(y_1 \\succ y_2) = \\sigma(r_1 - r_2) = \\sigma(${(rw - rl).toFixed(1)})$; only the difference of rewards matters.`,
      };
    },
  },
  {
    id: "dpo-vs-ppo",
    kind: "multiple-choice",
    prompt: "Which statement about DPO compared with PPO-based RLHF is correct?",
    choices: [
      {
        text: "DPO needs no separate reward model and no sampling during training; it optimises a classification-style loss on fixed preference pairs against a frozen reference.",
        correct: true,
        explanation: "The reward is implicit in $\\beta\\log(\\pi_\\theta/\\pi_{\\text{ref}})$; training is offline and supervised-like.",
      },
      {
        text: "DPO removes the need for a reference model.",
        correct: false,
        explanation: "Standard DPO keeps a frozen reference (usually the SFT model); reference-free variants such as SimPO change the objective.",
      },
      {
        text: "DPO guarantees that the log-probability of the preferred response increases.",
        correct: false,
        explanation: "Only the margin is optimised; both log-probabilities can fall while the gap grows.",
      },
      {
        text: "A larger $\\beta$ lets the policy move further from the reference.",
        correct: false,
        explanation: "It is the opposite: larger $\\beta$ means a stronger implicit KL constraint, keeping the policy closer to the reference.",
      },
    ],
  },
]);
