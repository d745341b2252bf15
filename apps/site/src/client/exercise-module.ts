// Finds one exercise in its question's exercises module; shared by the numeric/choice and the code grading chunks.
import type { Exercise } from "@qkv/quiz";

const modules = import.meta.glob<{ default: Exercise[] }>("../../../../content/*/*.exercises.ts");

export async function exercise(topic: string, question: string, id: string): Promise<Exercise> {
  const load = modules[`../../../../content/${topic}/${question}.exercises.ts`];
  if (!load) throw new Error(`no exercises module for ${topic}/${question}`);
  const e = (await load()).default.find((x) => x.id === id);
  if (!e) throw new Error(`exercise ${question}/${id} not found`);
  return e;
}
