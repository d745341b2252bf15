import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "qkv-projection-parameters",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const d = [256, 512, 768, 1024][rng.int(4)];
      const h = [4, 8, 16][rng.int(3)];
      const bias = rng.uniform() < 0.5;
      const dk = d / h;
      return {
        prompt: `A layer with $d_{\\text{model}} = ${d}$ has ${h} heads with $d_k = d_v = ${dk}$. How many parameters do the query, key and value projections of all heads hold together ${bias ? "(with biases)" : "(no biases)"}?`,
        expected: 3 * d * h * dk + (bias ? 3 * h * dk : 0),
        mistakes: [
          { name: "count only one of the three projections", value: d * h * dk + (bias ? h * dk : 0) },
          { name: "include the output projection W_O too", value: 4 * d * h * dk + (bias ? 3 * h * dk + d : 0) },
        ],
        explanation: `Each of $W_Q, W_K, W_V$ is $d_{\\text{model}} \\times h\\,d_k = ${d} \\times ${h * dk}$${bias ? `, plus a bias of ${h * dk} each` : ""}; the output projection $W_O$ is not included.`,
      };
    },
  },
  {
    id: "why-separate-projections",
    kind: "multiple-choice",
    prompt: "Why does attention use separate learned query and key projections instead of scoring with $x_i \\cdot x_j$ directly?",
    choices: [
      {
        text: "The bilinear score $x_i^\\top W_Q W_K^\\top x_j$ can be asymmetric and focus on learned features; raw dot products are symmetric and fixed.",
        correct: true,
        explanation: "With $W_Q \\ne W_K$, token $i$ can attend to $j$ without $j$ attending to $i$, and what is matched is learned.",
      },
      {
        text: "Because raw embeddings cannot be multiplied with each other.",
        correct: false,
        explanation: "They can; the issue is expressiveness (symmetry, no learned matching), not feasibility.",
      },
      {
        text: "The projections add positional information to the tokens.",
        correct: false,
        explanation: "The projections are the same at every position; positions come from embeddings or RoPE.",
      },
      {
        text: "The projections mix information between tokens.",
        correct: false,
        explanation: "They act on each token independently; mixing happens only in the weighted sum of step 5.",
      },
    ],
  },
]);
