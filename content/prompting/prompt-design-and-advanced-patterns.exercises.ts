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
  {
    id: "tree-of-thoughts-calls",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const b = [3, 4, 5][rng.int(3)]; // thoughts proposed per kept state
      const keep = [2, 3, 5][rng.int(3)]; // states kept per level (beam of the breadth-first search)
      const depth = [2, 3, 4][rng.int(3)];
      // Each kept state proposes b thoughts (b calls); each proposal is evaluated (one call each); the best `keep` survive.
      let calls = 0, frontier = 1, uncapped = 0, wide = 1;
      for (let d = 0; d < depth; d++) {
        calls += 2 * frontier * b;
        frontier = Math.min(keep, frontier * b);
        uncapped += 2 * wide * b;
        wide *= b;
      }
      return {
        prompt:
          `A Tree-of-Thoughts search runs ${depth} levels. At each level every kept state gets ${b} proposed next thoughts (one model call each), ` +
          `every proposal is scored by one more model call, and the best ${keep} proposals are kept for the next level (the search starts from one state). ` +
          `How many model calls does it make in total (chain-of-thought would make 1)?`,
        expected: calls,
        mistakes: [
          { name: "keep every proposal (no pruning), so the tree grows as b^d", value: uncapped },
          { name: "forget the evaluation calls", value: calls / 2 },
        ].filter((m) => m.value !== calls),
        explanation:
          `Level 1: $1 \\cdot ${b}$ proposals + ${b} evaluations; after that at most ${keep} states each propose and score ${b}. ` +
          `Total ${calls} calls: ToT buys search with a large constant factor over a single chain.`,
      };
    },
  },
]);
