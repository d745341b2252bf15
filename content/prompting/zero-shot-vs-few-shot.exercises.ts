import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "in-context-learning",
    kind: "multiple-choice",
    prompt: "What happens to the model's weights during few-shot (in-context) learning?",
    choices: [
      {
        text: "Nothing: the demonstrations only condition the next-token distribution through attention.",
        correct: true,
        explanation: "In-context learning uses no gradient updates; remove the examples and the behaviour disappears.",
      },
      {
        text: "They are fine-tuned on the demonstrations for one step.",
        correct: false,
        explanation: "That would be fine-tuning; few-shot prompting changes only the input.",
      },
      {
        text: "The embeddings of the example tokens are updated.",
        correct: false,
        explanation: "Embeddings are weights too; nothing is updated at inference time.",
      },
      {
        text: "The KV cache stores the learned task permanently for later requests.",
        correct: false,
        explanation: "A cache can be reused for the same prefix, but it holds activations of that prompt, not a learned task.",
      },
    ],
  },
  {
    id: "few-shot-sensitivities",
    kind: "recall",
    prompt: "Name three factors that make few-shot prompts brittle, and one mitigation for each.",
    answer:
      "Order of the examples (recency bias: shuffle or put the most relevant last and test several orders); choice of examples " +
      "(retrieve examples similar to the input, cover the label space); label words and label balance (majority-label bias: balance " +
      "labels, calibrate the output probabilities). Also format consistency: use one unambiguous template.",
  },
  {
    id: "demonstration-budget",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const ctx = [4096, 8192][rng.int(2)];
      const instruction = [150, 300][rng.int(2)];
      const maxInput = [1000, 1500, 2500][rng.int(3)]; // the longest real input you must handle
      const reserve = [256, 512, 1024][rng.int(3)]; // room for the answer
      const perDemo = [180, 250, 400][rng.int(3)]; // one input–output demonstration
      const k = Math.floor((ctx - instruction - maxInput - reserve) / perDemo);
      return {
        prompt:
          `A model with a ${ctx}-token context must answer with up to ${reserve} tokens. The prompt has a ${instruction}-token instruction, then $k$ demonstrations ` +
          `of ${perDemo} tokens each, then the real input, which can be as long as ${maxInput} tokens. What is the largest $k$ that never overflows the context?`,
        expected: k,
        mistakes: [
          { name: "forget to reserve room for the answer", value: Math.floor((ctx - instruction - maxInput) / perDemo) },
          { name: "size the prompt for a typical input instead of the longest", value: Math.floor((ctx - instruction - maxInput / 2 - reserve) / perDemo) },
        ].filter((m) => m.value !== k),
        explanation:
          `Context = instruction + $k$·demo + input + answer: $${instruction} + ${perDemo}k + ${maxInput} + ${reserve} \\le ${ctx}$, so $k \\le ${k}$. ` +
          `Past a handful of good examples, returns diminish, and every demonstration is paid for on every call.`,
      };
    },
  },
]);
