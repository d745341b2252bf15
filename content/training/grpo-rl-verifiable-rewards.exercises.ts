import { defineExercises } from "@qkv/quiz";

const stats = (r: number[], sample: boolean) => {
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const v = r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - (sample ? 1 : 0));
  return { mean, std: Math.sqrt(v) };
};

export default defineExercises([
  {
    id: "group-advantage",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const G = [4, 6, 8][rng.int(3)];
      let r = Array.from({ length: G }, () => rng.int(2));
      if (r.every((x) => x === r[0])) r = r.map((x, i) => (i === 0 ? 1 - x : x));
      const i = rng.int(G);
      const { mean, std } = stats(r, false);
      const expected = (r[i] - mean) / std;
      return {
        prompt: `GRPO samples ${G} answers to one prompt; the verifier's rewards are $[${r.join(", ")}]$. What advantage does answer ${i + 1} get (group mean and population standard deviation)? (3 decimals)`,
        expected,
        mistakes: [
          { name: "subtract the mean but not divide by the standard deviation", value: r[i] - mean },
          { name: "use the raw reward as the advantage (no baseline)", value: r[i] },
          { name: "divide by the sample (n − 1) standard deviation", value: (r[i] - stats(r, true).mean) / stats(r, true).std },
        ].filter((m) => Math.abs(m.value - expected) > 1e-3),
        explanation: `Mean ${mean.toFixed(3)}, std ${std.toFixed(3)}: $(${r[i]} - ${mean.toFixed(3)})/${std.toFixed(3)} = ${expected.toFixed(3)}$.`,
      };
    },
  },
  {
    id: "clipped-term",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const rho = [0.6, 0.85, 1.1, 1.35, 1.6][rng.int(5)];
      const A = [-1.5, -0.5, 0.7, 2][rng.int(4)];
      const eps = 0.2;
      const clipped = Math.min(Math.max(rho, 1 - eps), 1 + eps);
      const expected = Math.min(rho * A, clipped * A);
      return {
        prompt: `A token has probability ratio $\\rho = ${rho}$ (new/old policy) and advantage $\\hat A = ${A}$. With $\\epsilon = ${eps}$, what is its clipped surrogate term $\\min(\\rho \\hat A, \\mathrm{clip}(\\rho, 1-\\epsilon, 1+\\epsilon)\\hat A)$?`,
        expected,
        mistakes: [
          { name: "always use the clipped ratio", value: clipped * A },
          { name: "never clip", value: rho * A },
        ].filter((m) => Math.abs(m.value - expected) > 1e-6),
        explanation: `$\\rho\\hat A = ${(rho * A).toFixed(3)}$, clipped $${clipped}\\cdot${A} = ${(clipped * A).toFixed(3)}$; the min is ${expected.toFixed(3)} (the pessimistic bound: no gain from moving the ratio beyond the clip range).`,
      };
    },
  },
  {
    id: "no-signal",
    kind: "multiple-choice",
    prompt: "In GRPO, all 16 sampled answers to a prompt are verified correct. What does this prompt contribute to the policy gradient (ignoring the KL term)?",
    choices: [
      { text: "Nothing: every advantage is zero, so such prompts are often filtered out", correct: true, explanation: "The group baseline equals every reward." },
      { text: "A strong positive update, since all answers earned reward 1", correct: false, explanation: "Advantages are relative to the group mean, which is 1." },
      { text: "Division by zero makes the loss NaN, which is the intended stop signal", correct: false, explanation: "Implementations add a small ε to the std (or skip the group); a NaN would be a bug." },
    ],
  },
]);
