import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "pick-approach",
    kind: "multiple-choice",
    prompt: "Answers must reflect a policy wiki that changes daily, cite the page used, and respect per-user access rights. Which approach fits?",
    choices: [
      { text: "RAG over the wiki, filtering retrieved pages by the user's permissions", correct: true, explanation: "Fresh, attributable, permissioned knowledge is RAG's strength." },
      { text: "Fine-tune nightly on the wiki", correct: false, explanation: "Slow to update, cannot cite, and cannot enforce per-user access to facts baked into weights." },
      { text: "Put the whole wiki in the system prompt", correct: false, explanation: "It rarely fits, costs the whole wiki per request, and ignores permissions." },
    ],
  },
  {
    id: "pick-approach-style",
    kind: "multiple-choice",
    prompt: "A model has all the knowledge needed but must always answer in a strict JSON schema with a house tone, at 10× lower cost. What do you try after prompting?",
    choices: [
      { text: "Fine-tune (e.g. LoRA) a smaller model on examples of the desired outputs", correct: true, explanation: "Behaviour and format are what fine-tuning changes best, and a small tuned model cuts cost." },
      { text: "RAG with more documents", correct: false, explanation: "The problem is the form of the answer, not missing knowledge." },
      { text: "Increase the context length", correct: false, explanation: "Nothing here is limited by context." },
    ],
  },
  {
    id: "monthly-cost",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const req = [1e5, 1e6, 5e6][rng.int(3)];
      const ctx = [2000, 4000, 8000][rng.int(3)];
      const price = [1, 2.5, 5][rng.int(3)];
      const cost = (req * ctx * price) / 1e6;
      return {
        prompt: `A RAG system sends ${ctx} input tokens per request at ${price} USD per million input tokens, ${req.toExponential(0)} requests per month. What does the input cost per month, in USD?`,
        expected: cost,
        mistakes: [{ name: "price per thousand instead of per million tokens", value: cost * 1000 }],
        explanation: `${req} × ${ctx} = ${(req * ctx).toExponential(2)} tokens × ${price} USD / 1e6 = ${cost.toFixed(0)} USD.`,
      };
    },
  },
  {
    id: "break-even-volume",
    kind: "numeric",
    tolerance: { rel: 1e-3 },
    generate(rng) {
      const ragTokens = [4000, 6000, 8000][rng.int(3)];
      const largePrice = [2.5, 5][rng.int(2)]; // USD per million input tokens
      const smallTokens = 1000;
      const smallPrice = [0.2, 0.3][rng.int(2)];
      const fixed = [3000, 5000, 8000][rng.int(3)]; // USD per month: hosting and amortised training
      const perRequestLarge = (ragTokens * largePrice) / 1e6;
      const perRequestSmall = (smallTokens * smallPrice) / 1e6;
      const breakEven = fixed / (perRequestLarge - perRequestSmall);
      return {
        prompt:
          `Option A: a large model with a ${ragTokens}-token RAG prompt at ${largePrice} USD per million input tokens. Option B: a fine-tuned small model ` +
          `with a ${smallTokens}-token prompt at ${smallPrice} USD per million tokens plus ${fixed} USD per month of fixed cost (hosting, amortised training). ` +
          `Counting input tokens only, above how many requests per month is B cheaper?`,
        expected: breakEven,
        mistakes: [
          { name: "forget the small model's own per-request cost", value: fixed / perRequestLarge },
          { name: "price per thousand instead of per million tokens", value: breakEven / 1000 },
        ],
        explanation:
          `A costs ${perRequestLarge.toFixed(4)} USD per request, B ${perRequestSmall.toFixed(4)} USD plus ${fixed} USD a month. They cost the same at ` +
          `$${fixed} / (${perRequestLarge.toFixed(4)} - ${perRequestSmall.toFixed(4)}) \\approx ${Math.round(breakEven)}$ requests. Below that volume the fixed cost ` +
          `dominates and prompting a hosted model is cheaper; above it the shorter prompt pays for the fine-tune (if quality holds).`,
      };
    },
  },
]);
