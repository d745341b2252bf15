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
]);
