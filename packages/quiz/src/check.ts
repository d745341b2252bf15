// The one entry point over every exercise kind. It reaches code grading (and so sucrase); front ends that must stay
// light call checkChoice / checkNumeric (grade.ts) and checkCode (grade-code.ts) directly.
import type { Exercise } from "./exercise.js";
import { checkChoice, checkNumeric, type Verdict } from "./grade.js";
import type { Rating } from "./schedule.js";
import { checkCode, type CodeVerdict } from "./grade-code.js";
import type { CodeRunner } from "./sandbox.js";

/** A learner's answer to any exercise kind. */
export type Answer =
  | { kind: "multiple-choice"; choice: number }
  | { kind: "numeric"; input: string; seed: number }
  | { kind: "code"; code: string; seed: number }
  | { kind: "recall"; rating: Rating };

export interface CheckContext {
  /** Needed for code exercises (`createNodeRunner` from "@qkv/quiz/node", `createBrowserRunner` from "@qkv/quiz/browser"). */
  runner?: CodeRunner;
  timeoutMs?: number;
}

/** One entry point over every exercise kind; dispatches to checkChoice / checkNumeric / checkCode. */
export async function check(
  exercise: Exercise,
  answer: Answer,
  ctx: CheckContext = {},
): Promise<Verdict | CodeVerdict> {
  if (exercise.kind !== answer.kind)
    throw new Error(`answer kind "${answer.kind}" does not fit exercise "${exercise.id}" of kind "${exercise.kind}"`);
  switch (exercise.kind) {
    case "multiple-choice":
      return checkChoice(exercise, (answer as { choice: number }).choice);
    case "numeric": {
      const a = answer as { input: string; seed: number };
      return checkNumeric(exercise, a.seed, a.input);
    }
    case "code": {
      if (!ctx.runner) throw new Error("check: a code exercise needs ctx.runner");
      const a = answer as { code: string; seed: number };
      return checkCode(exercise, a.code, ctx.runner, { seed: a.seed, timeoutMs: ctx.timeoutMs });
    }
    case "recall": {
      const rating = (answer as { rating: Rating }).rating;
      return {
        correct: rating !== "again",
        expected: "",
        given: rating,
        tolerance: "",
        explanation: exercise.answer,
        message: `Self-graded: ${rating}.`,
      };
    }
  }
}
