import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "paged-waste",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const block = [8, 16, 32][rng.int(3)];
      const lens = Array.from({ length: 4 }, () => 20 + rng.int(500));
      const slots = lens.reduce((acc, n) => acc + Math.ceil(n / block) * block, 0);
      const used = lens.reduce((a, b) => a + b, 0);
      return {
        prompt: `Four sequences hold ${lens.join(", ")} tokens in a paged KV cache with blocks of ${block} tokens. How many token slots are allocated but unused?`,
        expected: slots - used,
        mistakes: [{ name: "count a whole spare block per sequence", value: lens.length * block }],
        explanation: `Each sequence rounds up to whole blocks: ${slots} slots for ${used} tokens, so ${slots - used} unused (< one block each).`,
      };
    },
  },
  {
    id: "which-waste",
    kind: "multiple-choice",
    prompt: "Which waste does PagedAttention remove (as opposed to continuous batching)?",
    choices: [
      { text: "KV-cache memory reserved for the maximum length but never filled, and fragmentation between requests", correct: true, explanation: "Blocks are allocated on demand and need not be contiguous." },
      { text: "Decode slots idling until the longest sequence of a batch finishes", correct: false, explanation: "That is what continuous (iteration-level) batching removes." },
      { text: "The quadratic cost of attention over long prompts", correct: false, explanation: "Attention still reads every cached key; paging changes where they live, not how many are read." },
    ],
  },
]);
