import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "react-observation",
    kind: "multiple-choice",
    prompt: "In a ReAct agent loop, who writes the `Observation:` lines?",
    choices: [
      {
        text: "The orchestrating code: generation stops before `Observation:`, the tool is executed, and its real output is appended.",
        correct: true,
        explanation: "A stop sequence ends generation after the Action; if the model wrote observations itself it would invent tool results.",
      },
      {
        text: "The model, predicting what the tool would return.",
        correct: false,
        explanation: "That is exactly the failure mode to avoid: hallucinated tool outputs.",
      },
      {
        text: "The user, after reading each Thought.",
        correct: false,
        explanation: "ReAct is automatic; a human may approve risky actions, but observations come from the tools.",
      },
      {
        text: "Nobody: ReAct only interleaves Thoughts and Actions.",
        correct: false,
        explanation: "The observations are what ground the next Thought in external information.",
      },
    ],
  },
  {
    id: "react-why-interleave",
    kind: "recall",
    prompt: "Why does ReAct interleave reasoning and actions instead of using chain-of-thought alone or tool calls alone?",
    answer:
      "Reasoning alone cannot fetch new information, so it hallucinates facts and cannot recover; acting alone has no plan and does not " +
      "track what was learned. Thoughts plan the next action and interpret observations, actions ground the reasoning in real data.",
  },
  {
    id: "react-step-budget",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const base = [600, 800, 1200][rng.int(3)]; // tools, instructions, examples, question
      const perStep = [150, 200, 300][rng.int(3)]; // thought + action + observation appended per step
      const budget = [10000, 20000, 30000][rng.int(3)]; // prompt tokens for the whole task
      // Step s (1-based) re-sends base + (s − 1)·perStep tokens, so n steps cost n·base + perStep·n(n − 1)/2.
      const total = (n: number) => n * base + (perStep * n * (n - 1)) / 2;
      let n = 0;
      while (total(n + 1) <= budget) n++;
      let linear = 0;
      while ((linear + 1) * (base + perStep) <= budget) linear++;
      return {
        prompt:
          `A ReAct agent's prompt starts at ${base} tokens, and each step appends ${perStep} tokens (thought, action, observation). Every step re-sends ` +
          `the whole transcript (no prompt caching). With a budget of ${budget} prompt tokens for the task, how many steps can the agent take at most?`,
        expected: n,
        mistakes: [{ name: "charge every step the same (base + one step), missing that the transcript grows", value: linear }].filter((m) => m.value !== n),
        explanation:
          `Step $s$ sends $${base} + (s-1)\\cdot${perStep}$ tokens, so $n$ steps cost $${base}n + ${perStep}\\,n(n-1)/2$: ` +
          `${n} steps cost ${total(n)}, ${n + 1} would cost ${total(n + 1)}. The cost grows quadratically, which is why agents cap steps, ` +
          `truncate observations and rely on prefix caching.`,
      };
    },
  },
]);
