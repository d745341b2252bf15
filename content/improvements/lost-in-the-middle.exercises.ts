import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "ordering",
    kind: "multiple-choice",
    prompt: "A reranker has scored 10 chunks for a RAG prompt. Given the lost-in-the-middle effect, how should you place them?",
    choices: [
      { text: "Best chunks at the beginning and the end of the context, weakest in the middle, question after the documents", correct: true, explanation: "Edges get the most attention; the middle is where information is most often ignored." },
      { text: "In random order, so no chunk is systematically disadvantaged", correct: false, explanation: "Randomising puts the best chunk in the middle most of the time." },
      { text: "Best chunk exactly in the middle, where the model integrates context", correct: false, explanation: "That is the position with the lowest accuracy." },
    ],
  },
  {
    id: "effective-length",
    kind: "multiple-choice",
    prompt: "A model passes a single-needle \"needle in a haystack\" test at 128k tokens. What can you conclude?",
    choices: [
      { text: "Only that it can retrieve one distinctive fact; multi-fact, multi-hop and aggregation tasks often fail at far shorter lengths", correct: true, explanation: "Benchmarks such as RULER show effective lengths below the nominal window." },
      { text: "That it uses all 128k tokens as well as the first 4k", correct: false, explanation: "Single-needle retrieval is the easiest long-context task." },
      { text: "Nothing, because needle tests are always contaminated", correct: false, explanation: "They are synthetic; the issue is that they are too easy, not contaminated." },
    ],
  },
  {
    id: "u-shape",
    kind: "recall",
    prompt: "Sketch accuracy versus position of the relevant document in a long context (Liu et al., 2023), and give two likely causes.",
    answer: "A U shape: best at the start (primacy) and end (recency), worst in the middle. Causes: training data puts key information at the beginning/end (instructions, questions); causal attention favours early tokens (attention sinks) and RoPE's decay favours nearby/recent tokens.",
  },
]);
