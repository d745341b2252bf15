import type { Exercise, RecallExercise } from "./exercise.js";
import type { Question } from "./question.js";

/** One schedulable card: an exercise of a question. */
export interface Card {
  /** `<questionId>/<exerciseId>`. */
  id: string;
  question: Question;
  exercise: Exercise;
}

/** Id of the recall card every question without exercises gets (its question and answer as a flash card). */
export const DEFAULT_RECALL_ID = "recall";

/**
 * The cards of a question: one per exercise; a question without exercises gets one recall card showing its
 * question and, on the back, its answer, so every question can be drilled.
 */
export function cardsOf(question: Question): Card[] {
  if (question.exercises.length > 0)
    return question.exercises.map((exercise) => ({ id: `${question.id}/${exercise.id}`, question, exercise }));
  const recall: RecallExercise = {
    kind: "recall",
    id: DEFAULT_RECALL_ID,
    prompt: question.question,
    answer: question.answer,
  };
  return [{ id: `${question.id}/${DEFAULT_RECALL_ID}`, question, exercise: recall }];
}

/** All cards of all questions, in question order. */
export function allCards(questions: readonly Question[]): Card[] {
  return questions.flatMap(cardsOf);
}
