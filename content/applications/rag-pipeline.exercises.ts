import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "recall-at-k",
    kind: "numeric",
    tolerance: { abs: 1e-6 },
    generate(rng) {
      const ranks = Array.from({ length: 8 }, () => (rng.int(5) === 0 ? 0 : 1 + rng.int(12))); // 0 = not retrieved at all
      const k = [3, 5, 10][rng.int(3)];
      const hit = ranks.filter((r) => r > 0 && r <= k).length;
      const mrr = ranks.reduce((acc, r) => acc + (r > 0 ? 1 / r : 0), 0) / ranks.length;
      return {
        prompt:
          `For 8 labelled questions, the rank of the gold chunk in the retriever's list is ${ranks.map((r) => (r === 0 ? "not retrieved" : r)).join(", ")}. What is recall@${k}?`,
        expected: hit / ranks.length,
        mistakes: [{ name: "compute the mean reciprocal rank instead", value: mrr }].filter((m) => Math.abs(m.value - hit / ranks.length) > 1e-6),
        explanation: `${hit} of 8 gold chunks are within the top ${k}: ${(hit / 8).toFixed(3)}. If the gold chunk is not retrieved, no prompt can fix the answer.`,
      };
    },
  },
  {
    id: "debug-stage",
    kind: "multiple-choice",
    prompt: "Users ask for part number \"ZX-4410\" and the RAG bot answers about \"ZX-4401\". The correct chunk exists in the index. Which fix is most likely?",
    choices: [
      { text: "Add keyword (BM25) retrieval in a hybrid with the dense retriever", correct: true, explanation: "Dense embeddings blur exact identifiers; lexical search matches them exactly." },
      { text: "Increase the LLM's temperature", correct: false, explanation: "The generator never saw the right chunk." },
      { text: "Fine-tune the LLM on the part catalogue", correct: false, explanation: "Retrieval is failing; fine-tuning the generator does not fix it." },
    ],
  },
]);
