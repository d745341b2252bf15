// Every count the site shows, derived here from the loaded content, experiments and core (never typed into a page),
// so that no two pages can disagree. Pages show them through components/Count.astro, which marks each one
// (data-count) for test/counts.test.ts.
import { cardsOf, type Question } from "@qkv/quiz";
import { questions } from "./content";
import { coreModuleNames } from "./core-docs";
import { experiments } from "./experiments";

/**
 * What each count counts:
 * - questions: question pages (content/<topic>/<slug>.md).
 * - exercises: the exercises written for the questions (multiple choice, numeric, code, recall).
 * - cards: what is reviewed and scheduled: every exercise, plus one recall card ("can you answer it?") for each
 *   question without exercises. Progress, due counts and the CLI's quiz count cards.
 * - experiments / passing: experiment definitions, and those whose committed full run passes.
 * - modules: public @qkv/core modules (one concept each), as the core pages list them.
 */
export type CountKind = "questions" | "exercises" | "cards" | "experiments" | "passing" | "modules";

/** Which part of the site a count is over: everything, one topic, or one question. */
export interface CountScope {
  topic?: string;
  question?: string;
}

function scoped({ topic, question }: CountScope): Question[] {
  return questions().filter((q) => (topic === undefined || q.topic === topic) && (question === undefined || q.id === question));
}

export function count(kind: CountKind, scope: CountScope = {}): number {
  const qs = scoped(scope);
  switch (kind) {
    case "questions":
      return qs.length;
    case "exercises":
      return qs.reduce((n, q) => n + q.exercises.length, 0);
    case "cards":
      return qs.reduce((n, q) => n + cardsOf(q).length, 0);
    case "experiments":
      return experiments().length;
    case "passing":
      return experiments().filter((e) => e.result.pass).length;
    case "modules":
      return coreModuleNames().length;
  }
}

const NOUNS: Record<CountKind, [string, string]> = {
  questions: ["question", "questions"],
  exercises: ["exercise", "exercises"],
  cards: ["review card", "review cards"],
  experiments: ["experiment", "experiments"],
  passing: ["passing", "passing"],
  modules: ["module", "modules"],
};

/** "1 question", "9 questions", "3 review cards". */
export function countText(kind: CountKind, n: number): string {
  return `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`;
}
