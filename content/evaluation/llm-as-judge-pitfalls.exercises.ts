import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "kappa",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const n = 100;
      const bothP = 50 + rng.int(25), bothF = 3 + rng.int(10), judgeOnlyP = 2 + rng.int(12);
      const humanOnlyP = n - bothP - bothF - judgeOnlyP;
      const po = (bothP + bothF) / n;
      const pJ = (bothP + judgeOnlyP) / n, pH = (bothP + humanOnlyP) / n;
      const pe = pJ * pH + (1 - pJ) * (1 - pH);
      const kappa = (po - pe) / (1 - pe);
      return {
        prompt:
          `On ${n} outputs an LLM judge and a human both say PASS ${bothP} times and both FAIL ${bothF} times; the judge alone says PASS ${judgeOnlyP} times and the human alone ${humanOnlyP} times. ` +
          `What is Cohen's $\\kappa$? (3 decimals)`,
        expected: kappa,
        mistakes: [{ name: "report the raw agreement", value: po }],
        explanation: `$p_o = ${po.toFixed(3)}$; chance $p_e = ${pJ.toFixed(2)}\\cdot${pH.toFixed(2)} + ${(1 - pJ).toFixed(2)}\\cdot${(1 - pH).toFixed(2)} = ${pe.toFixed(3)}$; $\\kappa = (p_o - p_e)/(1 - p_e) = ${kappa.toFixed(3)}$.`,
      };
    },
  },
  {
    id: "position-bias",
    kind: "multiple-choice",
    prompt: "Your pairwise LLM judge says model B beats model A 70 % of the time, always with B's answer shown first. What do you do first?",
    choices: [
      { text: "Re-run every comparison with the order swapped and count only verdicts that agree in both orders", correct: true, explanation: "Position bias alone can produce such a margin." },
      { text: "Ship B: 70 % is a clear win", correct: false, explanation: "The result is confounded with position." },
      { text: "Ask the judge for a 1–10 score instead", correct: false, explanation: "Absolute scores are worse calibrated and do not remove the bias." },
    ],
  },
  {
    id: "debias-position",
    kind: "numeric",
    tolerance: { abs: 2e-3 },
    generate(rng) {
      const bias = [0.2, 0.3, 0.4][rng.int(3)]; // probability the judge just picks the answer shown first
      const truth = [0.3, 0.4, 0.5, 0.6][rng.int(4)]; // how often B is really better, by the judge's own reading
      // Judge model: with probability `bias` pick the first-shown answer, otherwise pick B with probability `truth`.
      const bFirst = bias + (1 - bias) * truth;
      const bSecond = (1 - bias) * truth;
      return {
        prompt:
          `A pairwise LLM judge compares models A and B on the same prompts in both orders. With B's answer shown first, B wins ` +
          `${(bFirst * 100).toFixed(0)}% of the verdicts; with B shown second, ${(bSecond * 100).toFixed(0)}%. Assume the judge either (with some ` +
          `probability) just picks the first answer, or else judges on content. Among content-based verdicts, how often does B win?`,
        expected: truth,
        mistakes: [
          { name: "average the two orders", value: (bFirst + bSecond) / 2 },
          { name: "trust the B-first order", value: bFirst },
        ].filter((m) => Math.abs(m.value - truth) > 2e-3),
        explanation:
          `B-first: $b + (1-b)w$; B-second: $(1-b)w$. The difference is the position bias $b = ${bias.toFixed(2)}$, and ` +
          `$w = ${bSecond.toFixed(2)}/(1 - ${bias.toFixed(2)}) = ${truth.toFixed(3)}$. Averaging the orders cancels the bias in the mean but ` +
          `still mixes the random first-picks into the score, pulling it toward 0.5.`,
      };
    },
  },
]);
