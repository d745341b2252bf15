// Loaded on the first numeric or multiple-choice answer: the question's exercises module and @qkv/quiz's graders
// (never re-implemented here). Code grading lives in ./code-grading so that these answers never load sucrase.
import { checkChoice, checkNumeric, ratingFrom } from "@qkv/quiz";
import { exercise } from "./exercise-module";

export { ratingFrom };

export async function gradeNumeric(topic: string, question: string, id: string, seed: number, input: string) {
  const e = await exercise(topic, question, id);
  if (e.kind !== "numeric") throw new Error(`${question}/${id} is ${e.kind}, not numeric`);
  return checkNumeric(e, seed, input);
}

export async function gradeChoice(topic: string, question: string, id: string, index: number) {
  const e = await exercise(topic, question, id);
  if (e.kind !== "multiple-choice") throw new Error(`${question}/${id} is ${e.kind}, not multiple-choice`);
  return checkChoice(e, index);
}
