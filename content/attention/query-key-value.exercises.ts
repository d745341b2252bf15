import { defineExercises } from "@qkv/quiz";
import { linear, scaledDotProductAttention } from "@qkv/core";

export default defineExercises([
  {
    id: "projected-score",
    kind: "numeric",
    tolerance: { abs: 1e-9 },
    generate(rng) {
      const small = () => rng.int(5) - 2;
      const X = [[small(), small()], [small(), small()]];
      const WQ = [[small(), small()], [small(), small()]];
      const WK = [[small(), small()], [small(), small()]];
      const Q = linear(X, WQ), K = linear(X, WK);
      const scores = scaledDotProductAttention(Q, K, K, { scale: 1 }).scores;
      return {
        prompt:
          `Tokens $x_0 = [${X[0].join(", ")}]$, $x_1 = [${X[1].join(", ")}]$; $W_Q = ${JSON.stringify(WQ)}$, $W_K = ${JSON.stringify(WK)}$ ` +
          `(rows are inputs, $q = xW_Q$). What is the *unscaled* score $q_0\\cdot k_1$?`,
        expected: scores.data[1],
        mistakes: [
          { name: "scale by 1/\u221ad_k although the unscaled score was asked", value: scores.data[1] / Math.SQRT2 },
          { name: "compute q\u2081\u00b7k\u2080 instead of q\u2080\u00b7k\u2081", value: scores.data[2] },
        ],
        explanation: `$q_0 = x_0W_Q = [${Array.from(Q.data.slice(0, 2)).join(", ")}]$, $k_1 = x_1W_K = [${Array.from(K.data.slice(2, 4)).join(", ")}]$, dot product ${scores.data[1]}.`,
      };
    },
  },
  {
    id: "why-separate",
    kind: "multiple-choice",
    prompt: "Why do queries and keys use *different* projection matrices?",
    choices: [
      { text: "So the score $x_i^\\top W_QW_K^\\top x_j$ can be asymmetric and not dominated by self-similarity", correct: true, explanation: "With a shared projection, $s_{ij} = s_{ji}$ and each token tends to match itself most." },
      { text: "Because $Q$ and $K$ must have different dimensions", correct: false, explanation: "They must have the *same* dimension $d_k$ for the dot product." },
      { text: "To reduce the parameter count", correct: false, explanation: "Two matrices have more parameters than one." },
      { text: "Because the keys come from a different sequence in self-attention", correct: false, explanation: "In self-attention all three come from the same sequence." },
    ],
  },
  {
    id: "recall-roles",
    kind: "recall",
    prompt: "One sentence each: the role of a query, a key and a value.",
    answer: "Query: what this position is looking for. Key: what each position offers to be matched against. Value: the content a position contributes when it is attended to.",
  },
  {
    id: "tied-projections-symmetric",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      // Predict a consequence of a bug (W_K accidentally set to W_Q), then check it with core's attention scores.
      const T = 4, d = 4;
      const X = Array.from({ length: T }, () => Array.from({ length: d }, () => Math.round((rng.uniform() * 4 - 2) * 10) / 10));
      const W = Array.from({ length: d }, () => Array.from({ length: d }, () => Math.round((rng.uniform() * 2 - 1) * 10) / 10));
      const WK = Array.from({ length: d }, () => Array.from({ length: d }, () => Math.round((rng.uniform() * 2 - 1) * 10) / 10));
      const scoresWith = (wk: number[][]) => {
        const Q = linear(X, W), K = linear(X, wk);
        return scaledDotProductAttention(Q, K, K, { scale: 1 }).scores.toArray() as number[][];
      };
      const tied = scoresWith(W), separate = scoresWith(WK);
      const i = rng.int(T);
      let j = rng.int(T - 1);
      if (j >= i) j++;
      return {
        prompt:
          `A bug sets $W_K = W_Q$ in a self-attention layer. With that bug the unscaled score of query token ${i + 1} against key token ${j + 1} ` +
          `is $s_{${i + 1}${j + 1}} = ${tied[i][j].toFixed(4)}$. Without computing anything else, what is the score of query token ${j + 1} ` +
          `against key token ${i + 1}? (4 decimals)`,
        expected: tied[j][i],
        mistakes: [{ name: "use the score of separate $W_Q$, $W_K$ (the bug makes the score matrix symmetric)", value: separate[j][i] }].filter(
          (m) => Math.abs(m.value - tied[j][i]) > 5e-4,
        ),
        explanation:
          `With $W_K = W_Q = W$ the score is $x_i^\\top W W^\\top x_j$, and $WW^\\top$ is symmetric, so $s_{ji} = s_{ij} = ${tied[j][i].toFixed(4)}$ ` +
          `(core's scores agree). Attention can then no longer express "$i$ looks for $j$" without "$j$ looks for $i$": the reason for separate projections.`,
      };
    },
  },
]);
