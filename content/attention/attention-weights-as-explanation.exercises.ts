import { defineExercises } from "@qkv/quiz";
import { Rng, randn, scaledDotProductAttention } from "@qkv/core";

export default defineExercises([
  {
    id: "largest-contribution",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Keep drawing until the most-attended key is not the largest contributor (the interesting case)
      for (let attempt = 0; ; attempt++) {
        const seed = rng.int(1e6);
        const q = randn([1, 2], new Rng(seed), 1.5), K = randn([4, 2], new Rng(seed + 1), 1.5);
        const scales = [0.05, 1, 3, 0.5].map((s, j) => s * (1 + ((seed + j) % 3)));
        const V = randn([4, 2], new Rng(seed + 2)).data.map((v, i) => v * scales[Math.floor(i / 2)]);
        const { weights } = scaledDotProductAttention(q, K, [[V[0], V[1]], [V[2], V[3]], [V[4], V[5]], [V[6], V[7]]]);
        const w = Array.from(weights.data);
        const contrib = w.map((a, j) => a * Math.hypot(V[2 * j], V[2 * j + 1]));
        const top = contrib.indexOf(Math.max(...contrib)), topW = w.indexOf(Math.max(...w));
        if (top === topW && attempt < 50) continue;
        const fmt = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(", ");
        return {
          prompt:
            `One query attends to 4 keys with weights $[${fmt(w)}]$. The value vectors have norms $[${fmt([0, 1, 2, 3].map((j) => Math.hypot(V[2 * j], V[2 * j + 1])))}]$. ` +
            `Which key (0-based) contributes the largest vector $a_j v_j$ to the output?`,
          expected: top,
          mistakes: top === topW ? [] : [{ name: "pick the key with the largest attention weight", value: topW }],
          explanation: `Contribution norms $a_j\\lVert v_j\\rVert$: ${fmt(contrib)}. The heaviest weight is not necessarily the largest contribution.`,
        };
      }
    },
  },
  {
    id: "faithful-tool",
    kind: "multiple-choice",
    prompt: "You want to test whether head 5.3 *causes* a model's correct answer. Which method gives causal evidence?",
    choices: [
      { text: "Ablate or patch the head's output and measure the change in the answer's probability", correct: true, explanation: "Interventions test causation; looking at weights does not." },
      { text: "Plot the head's attention heatmap on the input", correct: false, explanation: "Weights ignore value norms, later layers and residual paths." },
      { text: "Check that the head's weights sum to 1", correct: false, explanation: "Every softmax row sums to 1." },
    ],
  },
]);
