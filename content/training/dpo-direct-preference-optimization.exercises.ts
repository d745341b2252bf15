import { defineExercises } from "@qkv/quiz";
import { sigmoid, type Rng } from "@qkv/core";

const logp = (rng: Rng) => -Math.round((5 + rng.uniform() * 25) * 10) / 10;


/** DPO loss from summed log-probs of chosen (w) and rejected (l) under the policy (p) and the reference (r). */
const dpoLoss = (pw: number, pl: number, rw: number, rl: number, beta: number) => -Math.log(sigmoid([beta * (pw - rw - (pl - rl))]).data[0]);
// a policy that has learned to prefer y_w: log-probs after some training vs the frozen SFT reference
const trained = { pw: -10, pl: -16, rw: -12, rl: -15 };

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

  {
    id: "which-dpo-bug",
    kind: "multiple-choice",
    prompt:
      `A DPO run with $\\beta = 0.1$ logs a loss of ${Math.LN2.toFixed(4)} at every step, for every batch, from the first step to the last, while the policy's log-probabilities do change. Which bug explains it?`,
    choices: [
      {
        text: "The reference log-probabilities are computed with the current policy instead of the frozen starting model.",
        correct: true,
        explanation: `Then $\\log\\frac{\\pi_\\theta}{\\pi_{\\text{ref}}} = 0$ for both responses, the margin is 0 and the loss is $-\\log\\sigma(0) = \\ln 2$ whatever the policy does. With a frozen reference at $(\\log\\pi(y_w), \\log\\pi(y_l)) = (${trained.rw}, ${trained.rl})$, a policy that moved to $(${trained.pw}, ${trained.pl})$ would log ${dpoLoss(trained.pw, trained.pl, trained.rw, trained.rl, 0.1).toFixed(4)}.`,
      },
      {
        text: "Chosen and rejected responses are swapped in the batch.",
        correct: false,
        explanation: `The margin is then non-zero and pushed the wrong way: for the same move the loss would be ${dpoLoss(trained.pl, trained.pw, trained.rl, trained.rw, 0.1).toFixed(4)}, above $\\ln 2$, not constant.`,
      },
      {
        text: "$\\beta$ is too small.",
        correct: false,
        explanation: `A small $\\beta$ keeps the loss near $\\ln 2$ but not at it: with $\\beta = 0.01$ and the same move it is ${dpoLoss(trained.pw, trained.pl, trained.rw, trained.rl, 0.01).toFixed(4)}.`,
      },
      {
        text: "Log-probabilities are averaged over response tokens instead of summed.",
        correct: false,
        explanation: "That rescales the margin (and favours short or long answers differently) but does not pin it to 0.",
      },
    ],
  },
]);
