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
  {
    id: "end-to-end-accuracy",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const recall = [0.8, 0.9, 0.95][rng.int(3)]; // gold chunk among the retrieved candidates
      const keep = [0.7, 0.8, 0.9][rng.int(3)]; // reranker keeps it in the final context, given it was retrieved
      const withGold = [0.85, 0.9, 0.95][rng.int(3)]; // the model answers right when the gold chunk is in context
      const without = [0.1, 0.2, 0.3][rng.int(3)]; // ... and when it is not (prior knowledge, lucky guess)
      const inContext = recall * keep;
      const expected = inContext * withGold + (1 - inContext) * without;
      return {
        prompt:
          `A RAG system's labelled evaluation shows: the gold chunk is retrieved in ${Math.round(recall * 100)}% of questions; when retrieved, the reranker keeps ` +
          `it in the final context ${Math.round(keep * 100)}% of the time; the model answers correctly ${Math.round(withGold * 100)}% of the time with the gold chunk in context ` +
          `and ${Math.round(without * 100)}% without it. What end-to-end accuracy do you expect?`,
        expected,
        mistakes: [
          { name: "forget the questions answered correctly without the gold chunk", value: inContext * withGold },
          { name: "leave out the reranker stage", value: recall * withGold + (1 - recall) * without },
        ],
        explanation:
          `The gold chunk reaches the model in ${recall} × ${keep} = ${inContext.toFixed(3)} of questions: ` +
          `${inContext.toFixed(3)} × ${withGold} + ${(1 - inContext).toFixed(3)} × ${without} = ${expected.toFixed(3)}. ` +
          `The decomposition also says where to work: here the context misses the gold chunk ${((1 - inContext) * 100).toFixed(1)}% of the time.`,
      };
    },
  },
]);
