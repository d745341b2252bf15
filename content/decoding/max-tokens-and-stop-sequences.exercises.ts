import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "generation-budget",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const ctx = [4096, 8192, 32768][rng.int(3)];
      const prompt = Math.floor(ctx * (0.5 + rng.uniform() * 0.45));
      const maxTokens = [256, 1024, 4096][rng.int(3)];
      return {
        prompt: `Context window ${ctx} tokens, prompt ${prompt} tokens, \`max_tokens = ${maxTokens}\`, and the model never emits EOS. How many tokens are generated at most?`,
        expected: Math.min(maxTokens, ctx - prompt),
        mistakes: [
          { name: "ignore the context window (give max_tokens)", value: maxTokens },
          { name: "give the room left in the context, ignoring max_tokens", value: ctx - prompt },
        ],
        explanation: `Generation stops at whichever comes first: the cap of ${maxTokens} or the ${ctx - prompt} tokens left in the window.`,
      };
    },
  },
  {
    id: "stop-sequence-pitfall",
    kind: "multiple-choice",
    prompt: "Why is matching stop sequences harder than checking each generated token id?",
    choices: [
      {
        text: "Stop strings are matched on decoded text, and a string may span several tokens or end inside one, so the server must check the detokenised tail.",
        correct: true,
        explanation: "While streaming it must also hold back text that could be the beginning of a stop string.",
      },
      {
        text: "Stop sequences change the probabilities of the tokens they contain.",
        correct: false,
        explanation: "They act after sampling; the distribution is untouched.",
      },
      {
        text: "The model must be fine-tuned on each stop sequence first.",
        correct: false,
        explanation: "Stop sequences are an inference-time string check; no training is involved.",
      },
      {
        text: "Stop sequences count against the context window twice.",
        correct: false,
        explanation: "They are not inserted into the context at all.",
      },
    ],
  },
  {
    id: "max-length-confusion",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const promptLen = 100 * (2 + rng.int(8));
      const maxLength = promptLen + 20 * (1 + rng.int(10));
      return {
        prompt:
          `A user calls Hugging Face \`generate(..., max_length=${maxLength})\` on a ${promptLen}-token prompt with a decoder-only model, ` +
          `expecting "${maxLength} tokens of output", and complains the answers are cut short. At most how many new tokens can this call generate?`,
        expected: maxLength - promptLen,
        mistakes: [{ name: "read max_length as the number of new tokens (that is max_new_tokens)", value: maxLength }],
        explanation:
          `For a decoder-only model \`max_length\` caps prompt + generated tokens, so only ${maxLength} − ${promptLen} = ${maxLength - promptLen} are new. ` +
          `The fix is \`max_new_tokens=${maxLength}\`, which counts generated tokens only.`,
      };
    },
  },
]);
