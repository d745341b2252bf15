import { defineExercises } from "@qkv/quiz";
import { matmul, tensor } from "@qkv/core";

export default defineExercises([
  {
    id: "cosine",
    kind: "numeric",
    tolerance: { abs: 5e-4 },
    generate(rng) {
      const v = () => [0, 1, 2].map(() => rng.int(7) - 3);
      let a = v(), b = v();
      if (a.every((x) => x === 0)) a = [1, 0, 0];
      if (b.every((x) => x === 0)) b = [0, 1, 0];
      const dot = matmul(tensor([a]), tensor(b.map((x) => [x]))).data[0];
      const cos = dot / (Math.hypot(...a) * Math.hypot(...b));
      return {
        prompt: `Cosine similarity of $a = [${a.join(", ")}]$ and $b = [${b.join(", ")}]$? (4 decimals)`,
        expected: cos,
        mistakes: [
          { name: "give the dot product without dividing by the norms", value: dot },
        ],
        explanation: `$a\\cdot b = ${dot}$, $\\lVert a\\rVert = ${Math.hypot(...a).toFixed(4)}$, $\\lVert b\\rVert = ${Math.hypot(...b).toFixed(4)}$, so $\\cos = ${cos.toFixed(4)}$.`,
      };
    },
  },
  {
    id: "unit-vectors",
    kind: "multiple-choice",
    prompt: "All embeddings in an index are L2-normalised. Which statement holds?",
    choices: [
      { text: "Ranking by dot product, cosine similarity or (ascending) Euclidean distance gives the same order", correct: true, explanation: "For unit vectors $a\\cdot b = \\cos\\theta$ and $\\lVert a - b\\rVert^2 = 2 - 2\\cos\\theta$." },
      { text: "Dot products can now exceed 1", correct: false, explanation: "By Cauchy–Schwarz, the dot product of unit vectors lies in $[-1, 1]$." },
      { text: "Euclidean distance ranks in the opposite order from cosine", correct: false, explanation: "Smaller distance corresponds to larger cosine, so the *nearest* neighbours are the same." },
      { text: "Cosine similarity becomes undefined", correct: false, explanation: "It is only undefined for zero vectors, which cannot be normalised anyway." },
    ],
  },
  {
    id: "dot-vs-cosine-winner",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      // Retrieval with unnormalised vectors: predict which document each measure ranks first.
      for (;;) {
        const d = 3;
        const vec = (scale: number) => Array.from({ length: d }, () => Math.round(rng.normal() * scale * 10) / 10);
        const query = vec(1);
        const docs = [vec(1), vec(1), vec(3), vec(0.5)];
        const dots = Array.from(matmul(tensor(docs), tensor(query.map((v) => [v]))).data);
        const norm = (v: number[]) => Math.hypot(...v);
        const cos = dots.map((s, j) => s / (norm(docs[j]) * norm(query)));
        const bestCos = cos.indexOf(Math.max(...cos)), bestDot = dots.indexOf(Math.max(...dots));
        if (bestCos === bestDot || norm(query) === 0 || docs.some((v) => norm(v) === 0)) continue; // only the instructive case
        return {
          prompt:
            `Query $q = [${query.join(", ")}]$ and documents ${docs.map((v, j) => `$d_${j + 1} = [${v.join(", ")}]$`).join(", ")}. ` +
            `The vectors are **not** normalised. Which document (1–4) does cosine similarity rank first?`,
          expected: bestCos + 1,
          mistakes: [{ name: "rank by the raw dot product, which rewards the longest vector", value: bestDot + 1 }],
          explanation:
            `Dot products: ${dots.map((v) => v.toFixed(2)).join(", ")}; norms: ${docs.map((v) => norm(v).toFixed(2)).join(", ")}; cosines: ` +
            `${cos.map((v) => v.toFixed(3)).join(", ")}. Document ${bestDot + 1} wins the dot product through its length, document ${bestCos + 1} ` +
            `points closest to the query's direction. After normalising every vector both rankings agree.`,
        };
      }
    },
  },
]);
