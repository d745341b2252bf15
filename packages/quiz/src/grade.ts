// Numeric and multiple-choice grading. Kept apart from code grading (grade-code.ts), which pulls in sucrase: a
// front end that grades only these kinds must not load it.
import { Rng } from "@qkv/core";
import type { MultipleChoiceExercise, NumericExercise, NumericInstance } from "./exercise.js";
import { parseAnswer } from "./answer.js";
import { compareValues, formatTolerance, formatValueAgainst, formatValuePassing } from "./compare.js";
import type { Rating } from "./schedule.js";

/** Outcome of a numeric, multiple-choice or recall answer. Strings are ready to display. */
export interface Verdict {
  correct: boolean;
  /** The expected answer (formatted value, or the correct choice's text). */
  expected: string;
  /** What the learner gave, formatted (or the raw input when it did not parse). */
  given: string;
  /** Tolerance in words ("±0.001 absolute or ±1% relative"); "" for choices. */
  tolerance: string;
  /** Markdown explaining the answer (numeric: how it is obtained; choice: why the picked choice is right/wrong). */
  explanation: string;
  /** One plain-text sentence: correct, or what is wrong (shape mismatch, unparsable input, differing value). */
  message: string;
  /** Numeric: the common mistake a wrong answer matches (its name completes "you get this when you …"). */
  mistake?: string;
  /** Numeric: the input could not be read as a value. Not a recall attempt, so front ends record no review. */
  unreadable?: true;
}

/** Draws one instance of a numeric exercise; the same seed always gives the same instance. */
export function instantiate(exercise: NumericExercise, seed: number): NumericInstance {
  return exercise.generate(new Rng(seed));
}

/** Grades a typed numeric answer against instance `seed` of the exercise. */
export function checkNumeric(exercise: NumericExercise, seed: number, input: string): Verdict {
  const inst = instantiate(exercise, seed);
  const expected = formatValuePassing(inst.expected, exercise.tolerance);
  const tolerance = formatTolerance(exercise.tolerance);
  const parsed = parseAnswer(input);
  if (!parsed.ok)
    return {
      correct: false,
      expected,
      given: input.trim(),
      tolerance,
      explanation: inst.explanation,
      message: `Could not read your answer: ${parsed.reason}.`,
      unreadable: true,
    };
  const given = formatValueAgainst(parsed.value, inst.expected, exercise.tolerance);
  const cmp = compareValues(inst.expected, parsed.value, exercise.tolerance);
  if (cmp.equal)
    return {
      correct: true,
      expected,
      given,
      tolerance,
      explanation: inst.explanation,
      message: `Correct (within ${tolerance}).`,
    };
  const mistake = (inst.mistakes ?? []).find((m) => compareValues(m.value, parsed.value, exercise.tolerance).equal);
  return {
    correct: false,
    expected,
    given,
    tolerance,
    explanation: inst.explanation,
    message: `Not quite: ${cmp.reason}.${mistake ? ` That is what you get when you ${mistake.name}.` : ""}`,
    ...(mistake ? { mistake: mistake.name } : {}),
  };
}

/** Grades the choice at `choiceIndex` (0-based). */
export function checkChoice(exercise: MultipleChoiceExercise, choiceIndex: number): Verdict {
  const correctChoices = exercise.choices.filter((c) => c.correct);
  const expected = correctChoices.map((c) => c.text).join(" / ");
  const picked = exercise.choices[choiceIndex];
  if (!Number.isInteger(choiceIndex) || picked === undefined)
    return {
      correct: false,
      expected,
      given: String(choiceIndex),
      tolerance: "",
      explanation: correctChoices
        .map((c) => c.explanation)
        .filter(Boolean)
        .join("\n\n"),
      message: `There is no choice ${choiceIndex + 1}: pick 1 to ${exercise.choices.length}.`,
    };
  return {
    correct: picked.correct,
    expected,
    given: picked.text,
    tolerance: "",
    explanation: picked.correct
      ? picked.explanation
      : [picked.explanation, ...correctChoices.map((c) => c.explanation)].filter(Boolean).join("\n\n"),
    message: picked.correct ? "Correct." : "Not this one.",
  };
}

/** Maps a verdict to an FSRS rating: wrong → again; right with hints → hard; right unaided → good. */
export function ratingFrom(verdict: { correct: boolean }, hintsUsed = 0): Rating {
  if (!verdict.correct) return "again";
  return hintsUsed > 0 ? "hard" : "good";
}
