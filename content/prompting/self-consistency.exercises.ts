import { defineExercises } from "@qkv/quiz";

const binom = (n: number, k: number) => {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - i + 1)) / i;
  return c;
};

export default defineExercises([
  {
    id: "majority-vote-accuracy",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const n = [3, 5, 7, 9][rng.int(4)];
      const q = [0.55, 0.6, 0.7, 0.8][rng.int(4)];
      let p = 0;
      for (let k = Math.floor(n / 2) + 1; k <= n; k++) p += binom(n, k) * q ** k * (1 - q) ** (n - k);
      return {
        prompt:
          `Each sampled chain of thought is independently correct with probability $${q}$. With $n = ${n}$ samples and a strict-majority vote, ` +
          `what is the probability that the majority answer is correct (count only wins by more than half)?`,
        expected: p,
        mistakes: [
          { name: "give the accuracy of a single sample", value: q },
        ],
        explanation: `Sum the binomial probabilities of ${Math.floor(n / 2) + 1}…${n} correct chains: $\\sum_k \\binom{${n}}{k} ${q}^k (1-${q})^{${n}-k}$.`,
      };
    },
  },
  {
    id: "scattered-errors-vote",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const n = [3, 5, 7][rng.int(3)];
      const q = [0.3, 0.4, 0.45][rng.int(3)];
      const pk = (k: number) => binom(n, k) * q ** k * (1 - q) ** (n - k);
      let strict = 0;
      for (let k = Math.floor(n / 2) + 1; k <= n; k++) strict += pk(k);
      // Wrong answers never coincide: each gets one vote, so two correct chains win; one correct chain ties all n.
      const expected = 1 - pk(0) - pk(1) + pk(1) / n;
      return {
        prompt:
          `A model answers a question correctly in ${Math.round(q * 100)}% of sampled chains of thought; its wrong answers are all different from each other. ` +
          `You sample $n = ${n}$ independent chains and return the most frequent answer, breaking ties uniformly at random. ` +
          `With what probability is the returned answer correct? (Is voting worth it here, with $q < 0.5$?)`,
        expected,
        mistakes: [
          { name: "require a strict majority, as if every wrong chain gave the same wrong answer", value: strict },
          { name: "give the accuracy of a single sample", value: q },
          { name: "count a one-vote tie as a loss", value: 1 - pk(0) - pk(1) },
        ],
        explanation:
          `Each wrong answer gets exactly one vote, so the correct answer wins as soon as it has 2 votes: $1 - P(0) - P(1)$. ` +
          `With exactly one correct chain all ${n} answers tie, and a random pick is right with probability $1/${n}$, adding $P(1)/${n}$. ` +
          `Voting beats a single sample (${q}) although $q < 0.5$, because the correct answer is still the single most likely one.`,
      };
    },
  },
  {
    id: "self-consistency-procedure",
    kind: "multiple-choice",
    prompt: "Which procedure is self-consistency decoding?",
    choices: [
      {
        text: "Sample several chain-of-thought completions at temperature > 0, extract each final answer, return the most frequent one.",
        correct: true,
        explanation: "It marginalises over reasoning paths: diverse correct paths tend to agree on the answer, errors scatter.",
      },
      {
        text: "Run greedy chain-of-thought several times and return the longest answer.",
        correct: false,
        explanation: "Greedy runs are identical, so there is nothing to vote over; length is not a correctness signal.",
      },
      {
        text: "Ask the model to check whether its answer is consistent with the question and revise it.",
        correct: false,
        explanation: "That is self-critique/self-refine, a different technique.",
      },
      {
        text: "Use beam search to find the single most probable reasoning chain.",
        correct: false,
        explanation: "Self-consistency deliberately samples diverse chains and votes, instead of searching for one mode.",
      },
    ],
  },
  {
    id: "self-consistency-limit",
    kind: "recall",
    prompt: "When does majority voting over sampled reasoning paths fail to help, and what do variants do for open-ended outputs?",
    answer:
      "It fails when the model is systematically wrong (most samples share the same misconception, so voting amplifies it) and when " +
      "answers are not discrete (essays, code). Variants pick among candidates with tests, a verifier/reward model, or ask the LLM to select the most consistent response.",
  },
]);
