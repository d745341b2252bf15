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
  {
    id: "cot-latency-budget",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const ttft = [200, 400, 600][rng.int(3)]; // ms
      const tpot = [20, 25, 40][rng.int(3)]; // ms
      const answer = [20, 40, 60][rng.int(3)]; // tokens of the final answer
      const slo = [3, 5, 8][rng.int(3)]; // s, end to end
      // End-to-end latency = TTFT + (n − 1)·TPOT for n output tokens; n = reasoning + answer.
      const nMax = Math.floor((slo * 1000 - ttft) / tpot) + 1;
      const expected = nMax - answer;
      return {
        prompt:
          `A model streams with TTFT ${ttft} ms and TPOT ${tpot} ms. Its final answer takes ${answer} tokens, and you want to add a chain of thought ` +
          `before it without breaking a ${slo} s end-to-end latency target. At most how many reasoning tokens can the chain have?`,
        expected,
        mistakes: [
          { name: "forget the time to first token", value: Math.floor((slo * 1000) / tpot) + 1 - answer },
          { name: "forget that the answer's own tokens also take time", value: nMax },
          { name: "count one TPOT for every token, the first included", value: Math.floor((slo * 1000 - ttft) / tpot) - answer },
        ],
        explanation:
          `$n$ output tokens take $${ttft} + (n - 1)\\cdot${tpot}$ ms $\\le ${slo * 1000}$ ms, so $n \\le ${nMax}$. ` +
          `The answer needs ${answer} of them, leaving ${expected} for reasoning. Longer chains need a faster model, a shorter answer or a looser target.`,
      };
    },
  },
]);
