// Loaded on the first answer: the question's exercises module and @qkv/quiz's graders (never re-implemented here).
import { checkChoice, checkCode, checkNumeric, ratingFrom, type Exercise } from "@qkv/quiz";
import { createBrowserRunner } from "@qkv/quiz/browser";

export { ratingFrom };

const modules = import.meta.glob<{ default: Exercise[] }>("../../../../content/*/*.exercises.ts");

async function exercise(topic: string, question: string, id: string): Promise<Exercise> {
  const load = modules[`../../../../content/${topic}/${question}.exercises.ts`];
  if (!load) throw new Error(`no exercises module for ${topic}/${question}`);
  const e = (await load()).default.find((x) => x.id === id);
  if (!e) throw new Error(`exercise ${question}/${id} not found`);
  return e;
}

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

export async function gradeCode(topic: string, question: string, id: string, code: string, seed: number) {
  const e = await exercise(topic, question, id);
  if (e.kind !== "code") throw new Error(`${question}/${id} is ${e.kind}, not code`);
  return checkCode(e, code, createBrowserRunner(), { seed, timeoutMs: 3000 });
}
