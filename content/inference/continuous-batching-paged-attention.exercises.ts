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
  {
    id: "requests-that-fit",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const slots = 1024 * [32, 64, 128][rng.int(3)]; // KV-cache capacity in tokens
      const maxLen = [2048, 4096, 8192][rng.int(3)]; // prompt + max_new_tokens
      const typical = 100 * (3 + rng.int(10)) + 1 + rng.int(15); // tokens a request actually ends with
      const block = 16;
      const paged = Math.floor(slots / (Math.ceil(typical / block) * block));
      return {
        prompt:
          `A GPU's free memory holds KV caches for ${slots} tokens. Requests may reach ${maxLen} tokens (prompt + max_new_tokens) but all of them ` +
          `end at ${typical} tokens. With PagedAttention (blocks of ${block} tokens, allocated on demand), how many such requests can run at once?`,
        expected: paged,
        mistakes: [
          { name: "reserve the maximum length for each request, as a contiguous allocator must", value: Math.floor(slots / maxLen) },
          { name: "ignore the rounding up to whole blocks", value: Math.floor(slots / typical) },
        ].filter((m) => m.value !== paged),
        explanation:
          `Each request holds ⌈${typical}/${block}⌉ = ${Math.ceil(typical / block)} blocks = ${Math.ceil(typical / block) * block} slots, so ` +
          `⌊${slots}/${Math.ceil(typical / block) * block}⌋ = ${paged} fit, against ⌊${slots}/${maxLen}⌋ = ${Math.floor(slots / maxLen)} with ` +
          `max-length reservation: the batch, and with it throughput, grows about ${(paged / Math.max(1, Math.floor(slots / maxLen))).toFixed(1)}×.`,
      };
    },
  },
]);
