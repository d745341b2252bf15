// Loaded on the first answer to a code exercise only: @qkv/quiz's code grader (sucrase strips the learner's types)
// and the Web Worker sandbox.
import { checkCode, ratingFrom } from "@qkv/quiz";
import { createBrowserRunner } from "@qkv/quiz/browser";
import { exercise } from "./exercise-module";

export { ratingFrom };

export async function gradeCode(topic: string, question: string, id: string, code: string, seed: number) {
  const e = await exercise(topic, question, id);
  if (e.kind !== "code") throw new Error(`${question}/${id} is ${e.kind}, not code`);
  return checkCode(e, code, createBrowserRunner(), { seed, timeoutMs: 3000 });
}
