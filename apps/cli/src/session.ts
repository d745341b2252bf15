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
 * The cards of a session, in the order to ask them, at most `count`. Without an interview date: due reviews first
 * (most overdue first, FSRS), then new cards in study order. With one (`date`, YYYY-MM-DD, still ahead): the
 * interview plan of @qkv/quiz (ranked by recall on the date, capped intervals, paced new cards).
 */
export function selectCards(
  engine: Engine,
  questions: readonly Question[],
  progress: Progress,
  now: Date,
  args: Pick<QuizArgs, "mode" | "count">,
  date?: string,
): QuizCard[] {
  const cards = quizCards(engine, questions);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const ids = [...byId.keys()];
  // `--due` is the site's "Review due cards" queue; the other modes add new cards to it.
  const queue =
    args.mode === "due"
      ? engine.reviewQueue(progress, ids, now, date)
      : date !== undefined
        ? engine.dueCardsForDate(progress, ids, now, date)
        : engine.dueCards(progress, ids, now);
  const chosen = args.mode === "new" ? queue.filter((id) => engine.cardState(progress, id, now).isNew) : queue;
  return chosen.slice(0, args.count ?? DEFAULT_COUNT).map((id) => byId.get(id)!);
}

/** The cards `qkv quiz` asks (every kind but code, which `qkv practice` runs). */
export function quizCards(engine: Engine, questions: readonly Question[]): QuizCard[] {
  return engine.allCards(questions).filter((c): c is QuizCard => c.exercise.kind !== "code");
}

/**
 * `qkv quiz ID`: every quiz card of question ID, or the one card ID (question-id/exercise-id), whatever its due date.
 * An unknown id is an error naming the near matches.
 */
export function drillCards(engine: Engine, questions: readonly Question[], id: string): QuizCard[] {
  const [questionId, exerciseId] = id.split("/");
  const q = questions.find((x) => x.id === questionId);
  if (!q) {
    const near = questions.filter((x) => x.id.includes(questionId)).map((x) => x.id).slice(0, 8);
    throw new CliError(`no question "${questionId}"${near.length ? `; did you mean: ${near.join(", ")}` : ' (see "qkv list")'}`);
  }
  const cards = quizCards(engine, [q]);
  const chosen = exerciseId === undefined ? cards : cards.filter((c) => c.id === id);
  if (chosen.length === 0) {
    const code = engine.cardsOf(q).some((c) => c.id === id && c.exercise.kind === "code");
    throw new CliError(
      code
        ? `"${id}" is a code exercise: run "qkv practice ${id}"`
        : `question "${questionId}" has no exercise "${exerciseId}"; its exercises: ${engine.cardsOf(q).map((c) => c.id).join(", ")}`,
    );
  }
  return chosen;
}

/** Code exercises (of these questions) due for review now: reviewed before, due again. */
export function dueCodeCards(engine: Engine, questions: readonly Question[], progress: Progress, now: Date): string[] {
  const ids = engine.allCards(questions).filter((c) => c.exercise.kind === "code").map((c) => c.id);
  return ids.filter((id) => !engine.cardState(progress, id, now).isNew && engine.isDue(progress, id, now));
}

/** The earliest time after `now` one of `ids` (already reviewed) is due, or undefined when none is scheduled. */
export function nextDue(engine: Engine, progress: Progress, ids: readonly string[], now: Date): Date | undefined {
  let best: Date | undefined;
  for (const id of ids) {
    const s = engine.cardState(progress, id, now);
    if (s.isNew || s.due.getTime() <= now.getTime()) continue;
    if (!best || s.due < best) best = s.due;
  }
  return best;
}

/** "in 10 min", "in 3 h", "tomorrow", "in 4 days" (plus the UTC time), for the end screen. */
export function formatDue(due: Date, now: Date): string {
  const min = Math.round((due.getTime() - now.getTime()) / 60_000);
  const when = min < 60 ? `in ${Math.max(1, min)} min` : min < 36 * 60 ? `in ${Math.round(min / 60)} h` : `in ${Math.round(min / 1440)} days`;
  return `${when} (${due.toISOString().slice(0, 16).replace("T", " ")} UTC)`;
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
 * Fisher–Yates driven by a mulberry32 stream seeded with the seed's hash, so every order is reachable (sorting by
 * per-index hashes of nearby strings reached only 8 of the 24 orders of 4 choices).
 */
export function choiceOrder(n: number, seed: number): number[] {
  const next = mulberry32(seedFor(seed, "choices"));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** mulberry32: a small 32-bit PRNG, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
