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
]);
