import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "why-cot-helps",
    kind: "multiple-choice",
    prompt: "What is the best mechanistic explanation of why chain-of-thought prompting improves multi-step reasoning?",
    choices: [
      {
        text: "Each generated token is another forward pass; writing intermediate results gives the model more sequential computation and a scratchpad it can attend to.",
        correct: true,
        explanation: "A single answer token gets a fixed amount of computation; a chain spreads the problem over many easier next-token steps.",
      },
      {
        text: "It updates the model's weights during the conversation.",
        correct: false,
        explanation: "Prompting never changes the weights; all effects are through the context.",
      },
      {
        text: "It guarantees that the written reasoning is what produced the answer.",
        correct: false,
        explanation: "Chains can be unfaithful: the stated steps need not reflect the computation that led to the answer.",
      },
      {
        text: "It helps small models more than large ones.",
        correct: false,
        explanation: "The original results showed gains mainly in large models; small models wrote fluent but wrong chains.",
      },
    ],
  },
  {
    id: "zero-shot-cot-recall",
    kind: "recall",
    prompt: "What is zero-shot chain-of-thought, and how is the final answer usually extracted?",
    answer:
      "Append a trigger such as “Let's think step by step.” instead of giving worked examples (Kojima et al., 2022). " +
      "The final answer is then extracted with a second prompt (“Therefore, the answer is”) or by asking for a fixed final line such as “Answer: …”.",
  },
]);
