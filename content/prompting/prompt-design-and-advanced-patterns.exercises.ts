import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "technique-for-problem",
    kind: "multiple-choice",
    prompt: "A model answers questions about your company's internal policies with confident but outdated facts. Which technique addresses the root cause?",
    choices: [
      { text: "Retrieval-augmented generation: insert the relevant current documents and ask the model to answer from them with citations.", correct: true, explanation: "The model lacks the information; retrieval supplies it at inference time." },
      { text: "Chain-of-thought prompting", correct: false, explanation: "Reasoning steps do not supply facts the model never saw." },
      { text: "Lowering the temperature to 0", correct: false, explanation: "Greedy decoding makes the output deterministic, not up to date." },
      { text: "Self-consistency voting", correct: false, explanation: "Voting over samples of the same outdated knowledge reproduces the same wrong facts." },
    ],
  },
  {
    id: "tree-of-thoughts-recall",
    kind: "recall",
    prompt: "How does Tree of Thoughts differ from chain-of-thought and self-consistency, and what does it cost?",
    answer:
      "CoT follows one reasoning path; self-consistency samples several independent paths and votes. Tree of Thoughts proposes several candidate next " +
      "steps at each point, has the model evaluate them, and searches (BFS/DFS with backtracking). It helps on search-like puzzles but needs many more model calls.",
  },
]);
