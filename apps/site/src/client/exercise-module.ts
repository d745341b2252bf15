// Finds one exercise in its question's exercises module; shared by the numeric/choice and the code grading chunks.
import type { Exercise } from "@qkv/quiz";
import { loadExercises } from "@qkv/content/lazy";

export async function exercise(topic: string, question: string, id: string): Promise<Exercise> {
  const exercises = await loadExercises(topic, question);
  if (!exercises) throw new Error(`no exercises module for ${topic}/${question}`);
  const e = exercises.find((x) => x.id === id);
  if (!e) throw new Error(`exercise ${question}/${id} not found`);
  return e;
}
