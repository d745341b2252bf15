// Session logic shared by the interactive and the JSON quiz: which cards to ask, what to show, how to grade. All
// grading and scheduling is delegated to @qkv/quiz; this file only selects and formats.
import type { Card, Progress, Question, Rating, Verdict } from "@qkv/quiz";
import type { QuizArgs } from "./args.js";
import type { Engine } from "./engine.js";
import { CliError } from "./errors.js";

export const DEFAULT_COUNT = 10;

/** Kinds a quiz session asks; code exercises are run by `qkv practice`. */
export type QuizCard = Card & { exercise: Exclude<Card["exercise"], { kind: "code" }> };

export interface Filter {
  topics: string[];
  difficulty?: string;
}

/** Questions matching the filter; an unknown topic is an error that lists the valid ones. */
export function filterQuestions(engine: Engine, questions: readonly Question[], filter: Filter): Question[] {
  const known = new Set<string>([...engine.TOPICS, ...questions.map((q) => q.topic)]);
  for (const t of filter.topics) {
    if (!known.has(t)) throw new CliError(`unknown topic "${t}"; topics: ${[...known].join(", ")}`, 2);
  }
  return questions.filter(
    (q) =>
      (filter.topics.length === 0 || filter.topics.includes(q.topic)) &&
      (filter.difficulty === undefined || q.difficulty === filter.difficulty),
  );
}

/**
 * The cards of a session, in the order to ask them: due reviews first (most overdue first, FSRS), then new cards in
 * study order, at most `count`.
 */
export function selectCards(engine: Engine, questions: readonly Question[], progress: Progress, now: Date, args: Pick<QuizArgs, "mode" | "count">): QuizCard[] {
  const cards = engine.allCards(questions).filter((c): c is QuizCard => c.exercise.kind !== "code");
  const byId = new Map(cards.map((c) => [c.id, c]));
  const ids = engine.dueCards(progress, [...byId.keys()], now, { includeNew: args.mode !== "due" });
  const chosen = args.mode === "new" ? ids.filter((id) => engine.cardState(progress, id, now).isNew) : ids;
  return chosen.slice(0, args.count ?? DEFAULT_COUNT).map((id) => byId.get(id)!);
}

/** Seed of a card's numbers in a session: FNV-1a of "<sessionSeed>:<cardId>", so each card differs but replays. */
export function seedFor(sessionSeed: number, cardId: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${sessionSeed}:${cardId}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Display order of `n` choices for a card instance: a permutation fixed by the seed, so the right answer is not
 * always where the author wrote it and a replay shows the same order. `order[k]` is the authored index shown at k.
 */
export function choiceOrder(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => seedFor(seed, String(a)) - seedFor(seed, String(b)));
}

/** What is shown for a card, formulas already turned into plain text. */
export interface QuestionView {
  id: string;
  kind: QuizCard["exercise"]["kind"];
  title: string;
  topic: string;
  difficulty: string;
  prompt: string;
  /** Multiple choice: the choices in display order, and the authored index of each. */
  choices?: string[];
  choiceOrder?: number[];
  hints: string[];
  seed: number;
}

export function viewOf(engine: Engine, card: QuizCard, seed: number): QuestionView {
  const ex = card.exercise;
  const base = {
    id: card.id,
    kind: ex.kind,
    title: card.question.title,
    topic: card.question.topic,
    difficulty: card.question.difficulty,
    hints: (ex.hints ?? []).map((h) => engine.renderPlainText(h).trim()),
    seed,
  };
  const text = (md: string) => engine.renderPlainText(md).trim();
  switch (ex.kind) {
    case "numeric":
      return { ...base, prompt: text(engine.instantiate(ex, seed).prompt) };
    case "multiple-choice": {
      const order = choiceOrder(ex.choices.length, seed);
      return { ...base, prompt: text(ex.prompt), choices: order.map((i) => text(ex.choices[i].text)), choiceOrder: order };
    }
    case "recall":
      return { ...base, prompt: text(ex.prompt) };
  }
}

/** The learner's answer to one card, before grading. */
export type Reply =
  | { kind: "numeric"; input: string }
  | { kind: "multiple-choice"; /** authored (not displayed) index */ choice: number }
  | { kind: "recall"; rating: Rating };

export interface Graded {
  verdict: Verdict;
  rating: Rating;
}

/**
 * Whether a typed numeric answer can be read; the reason otherwise. Asked before grading so an unreadable answer
 * is asked again instead of being recorded as wrong.
 */
export function unreadable(engine: Engine, input: string): string | undefined {
  const parsed = engine.parseAnswer(input);
  return parsed.ok ? undefined : parsed.reason;
}

/** Grades a reply with the engine's `check` and maps it to an FSRS rating (recall: the learner's own rating). */
export async function grade(engine: Engine, card: QuizCard, seed: number, reply: Reply, hintsUsed: number): Promise<Graded> {
  const answer = reply.kind === "numeric" ? { ...reply, seed } : reply;
  const verdict = (await engine.check(card.exercise, answer)) as Verdict;
  const rating = reply.kind === "recall" ? reply.rating : engine.ratingFrom(verdict, hintsUsed);
  return { verdict, rating };
}

export interface Summary {
  answered: number;
  correct: number;
  skipped: number;
}
