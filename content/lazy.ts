// Exercises modules for browser code, one chunk each, loaded when a question's exercise is graded.
import type { Exercise } from "@qkv/quiz";

const modules = import.meta.glob<{ default: Exercise[] }>("./*/*.exercises.ts");

/** The exercises of `content/<topic>/<question>.exercises.ts`, or undefined when there is no such module. */
export function loadExercises(topic: string, question: string): Promise<Exercise[]> | undefined {
  return modules[`./${topic}/${question}.exercises.ts`]?.().then((m) => m.default);
}
