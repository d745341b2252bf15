import { createEmptyCard, fsrs, Rating as FsrsRating, State, type Card, type Grade } from "ts-fsrs";
import type { Question } from "./question.js";
import { cardsOf } from "./cards.js";

/** FSRS rating of one review, as stored in progress records. */
export type Rating = "again" | "hard" | "good" | "easy";
export const RATINGS: readonly Rating[] = ["again", "hard", "good", "easy"];

/** One review: which card, how it went, when (ISO 8601 UTC). */
export interface ReviewEntry {
  card: string;
  rating: Rating;
  at: string;
}

/**
 * A learner's progress: only the review log. Card states are derived by replaying it through FSRS, so merging two
 * devices' progress is a union of logs and can never lose a review.
 */
export interface Progress {
  version: 1;
  reviews: ReviewEntry[];
  /** The interview date the learner plans for, if any (see interview.ts). */
  interview?: InterviewSetting;
}

/**
 * An interview date (`YYYY-MM-DD`, or null once cleared) and when it was set: merging two devices' progress keeps
 * the setting made last.
 */
export interface InterviewSetting {
  date: string | null;
  setAt: string;
}

/** `progress` with the interview date set (or cleared with null) at `now`. */
export function setInterviewDate(progress: Progress, date: string | null, now: Date): Progress {
  if (date !== null && !DAY_TEXT.test(date))
    throw new Error(`setInterviewDate: date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return { ...progress, interview: { date, setAt: now.toISOString() } };
}

/** The later of two interview settings (by setAt, then by date text so the result does not depend on order). */
function laterSetting(a?: InterviewSetting, b?: InterviewSetting): InterviewSetting | undefined {
  if (!a || !b) return a ?? b;
  if (a.setAt !== b.setAt) return a.setAt > b.setAt ? a : b;
  return String(a.date) >= String(b.date) ? a : b;
}

/** Adds the interview setting to a progress value when there is one. */
function withInterview(progress: Progress, interview: InterviewSetting | undefined): Progress {
  return interview ? { ...progress, interview } : progress;
}

/** Derived scheduling state of one card. */
export interface CardState {
  card: string;
  /** Never reviewed. */
  isNew: boolean;
  due: Date;
  /** FSRS stability in days (0 when new). */
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  lastReview: Date | null;
  state: "new" | "learning" | "review" | "relearning";
}

/** The one FSRS scheduler (no fuzz, so schedules replay exactly); interview.ts plans with it too. */
export const scheduler = fsrs({ enable_fuzz: false, enable_short_term: true });
export const TO_FSRS: Record<Rating, Grade> = {
  again: FsrsRating.Again,
  hard: FsrsRating.Hard,
  good: FsrsRating.Good,
  easy: FsrsRating.Easy,
};
const STATE_NAMES: Record<State, CardState["state"]> = {
  [State.New]: "new",
  [State.Learning]: "learning",
  [State.Review]: "review",
  [State.Relearning]: "relearning",
};

export function emptyProgress(): Progress {
  return { version: 1, reviews: [] };
}

/** Card id of an exercise: `<questionId>/<exerciseId>`. */
export function cardId(questionId: string, exerciseId: string): string {
  return `${questionId}/${exerciseId}`;
}

function compareEntries(a: ReviewEntry, b: ReviewEntry): number {
  return a.at < b.at
    ? -1
    : a.at > b.at
      ? 1
      : a.card < b.card
        ? -1
        : a.card > b.card
          ? 1
          : a.rating < b.rating
            ? -1
            : a.rating > b.rating
              ? 1
              : 0;
}

/** Returns a new progress with one more review (the input is not modified). */
export function recordReview(progress: Progress, card: string, rating: Rating, now: Date): Progress {
  if (!(rating in TO_FSRS))
    throw new Error(`recordReview: rating must be one of ${RATINGS.join("|")}, got ${JSON.stringify(rating)}`);
  if (Number.isNaN(now.getTime())) throw new Error("recordReview: now is an invalid Date");
  const entry: ReviewEntry = { card, rating, at: now.toISOString() };
  const reviews = [...progress.reviews, entry];
  // Keep the log sorted; appending in time order is the common case.
  if (progress.reviews.length > 0 && compareEntries(progress.reviews[progress.reviews.length - 1], entry) > 0)
    reviews.sort(compareEntries);
  return withInterview({ version: 1, reviews }, progress.interview);
}

/** Union of two review logs (duplicates removed), sorted by time: deterministic and order-independent. */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const seen = new Set<string>();
  const reviews: ReviewEntry[] = [];
  for (const r of [...a.reviews, ...b.reviews].sort(compareEntries)) {
    const key = `${r.at}\u0000${r.card}\u0000${r.rating}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reviews.push({ card: r.card, rating: r.rating, at: r.at });
  }
  return withInterview({ version: 1, reviews }, laterSetting(a.interview, b.interview));
}

// Replaying is linear in the log; cache the derived states per progress object (progress values are immutable).
const stateCache = new WeakMap<Progress, Map<string, Card>>();
/** FSRS state of every reviewed card, replayed from the log (cached per progress value). */
export function fsrsCards(progress: Progress): Map<string, Card> {
  let cards = stateCache.get(progress);
  if (cards) return cards;
  cards = new Map();
  for (const r of progress.reviews) {
    const at = new Date(r.at);
    const card: Card = cards.get(r.card) ?? createEmptyCard(at);
    cards.set(r.card, scheduler.next(card, at, TO_FSRS[r.rating]).card);
  }
  stateCache.set(progress, cards);
  return cards;
}

/** Scheduling state of a card (a new card is due at `now`). */
export function cardState(progress: Progress, card: string, now: Date): CardState {
  const c = fsrsCards(progress).get(card);
  if (!c)
    return {
      card,
      isNew: true,
      due: now,
      stability: 0,
      difficulty: 0,
      reps: 0,
      lapses: 0,
      lastReview: null,
      state: "new",
    };
  return {
    card,
    isNew: false,
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    reps: c.reps,
    lapses: c.lapses,
    lastReview: c.last_review ?? null,
    state: STATE_NAMES[c.state],
  };
}

/** Whether a card should be reviewed at `now` (new cards are due). */
export function isDue(progress: Progress, card: string, now: Date): boolean {
  const c = fsrsCards(progress).get(card);
  return !c || c.due.getTime() <= now.getTime();
}

/** Probability of recalling a reviewed card at `now` (FSRS retrievability); 0 for new cards. */
export function retrievability(progress: Progress, card: string, now: Date): number {
  const c = fsrsCards(progress).get(card);
  return c ? scheduler.get_retrievability(c, now, false) : 0;
}

export interface DueOptions {
  /** Include never-reviewed cards (after the due reviews); default true. */
  includeNew?: boolean;
  /** At most this many new cards; default unlimited. */
  newLimit?: number;
}

/**
 * Cards due at `now`, in review order: reviewed cards first, most overdue first; then new cards in the order given.
 */
export function dueCards(
  progress: Progress,
  cardIds: readonly string[],
  now: Date,
  options: DueOptions = {},
): string[] {
  const cards = fsrsCards(progress);
  const reviewed: { id: string; due: number }[] = [];
  const fresh: string[] = [];
  for (const id of new Set(cardIds)) {
    const c = cards.get(id);
    if (!c) fresh.push(id);
    else if (c.due.getTime() <= now.getTime()) reviewed.push({ id, due: c.due.getTime() });
  }
  reviewed.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1));
  const includeNew = options.includeNew ?? true;
  const newOnes = includeNew ? fresh.slice(0, options.newLimit ?? fresh.length) : [];
  return [...reviewed.map((r) => r.id), ...newOnes];
}

/** The progress format version this code reads and writes. */
export const PROGRESS_VERSION = 1;

export function serializeProgress(progress: Progress): string {
  const { interview } = progress;
  return JSON.stringify(
    { version: PROGRESS_VERSION, reviews: progress.reviews, ...(interview ? { interview } : {}) },
    null,
    1,
  );
}

const RATING_SET = new Set<string>(RATINGS);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DAY_TEXT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * What parseProgress made of a file. `skipped` names each review entry that was invalid and left out (every other
 * entry is kept). `newerVersion` is set when the file says it was written by a newer format: its entries are read
 * where they have this version's shape, and the caller must not write over it or move it.
 */
export type ParsedProgress =
  { progress: Progress; skipped: string[]; newerVersion?: number } | { error: string; newerVersion?: number };

/** Why review entry `i` is invalid, or undefined when it is a valid entry. */
function invalidEntry(r: unknown, i: number): string | undefined {
  if (typeof r !== "object" || r === null || Array.isArray(r)) return `reviews[${i}] must be an object`;
  const e = r as Record<string, unknown>;
  if (typeof e.card !== "string" || e.card === "") return `reviews[${i}].card must be a non-empty string`;
  if (typeof e.rating !== "string" || !RATING_SET.has(e.rating))
    return `reviews[${i}].rating must be again, hard, good or easy, got ${JSON.stringify(e.rating)}`;
  if (typeof e.at !== "string" || !ISO.test(e.at) || Number.isNaN(Date.parse(e.at)))
    return `reviews[${i}].at must be an ISO time like 2026-01-31T12:00:00.000Z, got ${JSON.stringify(e.at)}`;
  return undefined;
}

/** Why a stored interview setting is invalid, or undefined when it is valid. */
function invalidInterview(iv: unknown): string | undefined {
  const o = iv as { date?: unknown; setAt?: unknown } | null;
  if (
    typeof o !== "object" ||
    o === null ||
    !(o.date === null || (typeof o.date === "string" && DAY_TEXT.test(o.date)))
  )
    return `interview.date must be a date like 2026-12-15 or null, got ${JSON.stringify(o?.date)}`;
  if (typeof o.setAt !== "string" || !ISO.test(o.setAt) || Number.isNaN(Date.parse(o.setAt)))
    return `interview.setAt must be an ISO time like 2026-01-31T12:00:00.000Z, got ${JSON.stringify(o.setAt)}`;
  return undefined;
}

/**
 * Validates stored progress. Never throws: a file that is not a progress file at all yields `{ error }`; an invalid
 * review entry is skipped and named in `skipped`, so one bad entry never costs the rest of the history.
 */
export function parseProgress(json: string): ParsedProgress {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return { error: `progress is not valid JSON: ${(err as Error).message}` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return { error: "progress must be a JSON object { version, reviews }" };
  const d = data as { version?: unknown; reviews?: unknown };
  if (typeof d.version !== "number" || !Number.isInteger(d.version) || d.version < 1)
    return { error: `unsupported progress version ${JSON.stringify(d.version)} (expected ${PROGRESS_VERSION})` };
  const newer = d.version > PROGRESS_VERSION ? { newerVersion: d.version } : {};
  if (!Array.isArray(d.reviews))
    return {
      error:
        d.version > PROGRESS_VERSION
          ? `progress version ${d.version} has no reviews list this version (${PROGRESS_VERSION}) can read`
          : "progress.reviews must be an array",
      ...newer,
    };
  const reviews: ReviewEntry[] = [];
  const skipped: string[] = [];
  d.reviews.forEach((r: unknown, i) => {
    const why = invalidEntry(r, i);
    if (why !== undefined) return void skipped.push(why);
    const e = r as { card: string; rating: Rating; at: string };
    reviews.push({ card: e.card, rating: e.rating, at: new Date(e.at).toISOString() });
  });
  // Optional, added later: files without it stay valid; an invalid one is skipped like an invalid review.
  const iv = (data as { interview?: unknown }).interview;
  let interview: InterviewSetting | undefined;
  if (iv !== undefined) {
    const why = invalidInterview(iv);
    if (why !== undefined) skipped.push(why);
    else {
      const o = iv as InterviewSetting;
      interview = { date: o.date, setAt: new Date(o.setAt).toISOString() };
    }
  }
  return {
    progress: mergeProgress(emptyProgress(), withInterview({ version: 1, reviews }, interview)),
    skipped,
    ...newer,
  };
}

export interface TopicStat {
  topic: string;
  questions: number;
  cards: number;
  /** Cards reviewed at least once. */
  reviewed: number;
  /** Mean recall probability over all cards (new cards count 0), 0..1. */
  mastery: number;
  /** Reviewed cards due by the end of today (UTC) / within 7 days. */
  dueToday: number;
  dueThisWeek: number;
  /** Never-reviewed cards. */
  new: number;
}

export interface Stats {
  topics: TopicStat[];
  /** Consecutive days (UTC) with at least one review, ending today (or yesterday when nothing yet today). */
  streakDays: number;
  reviewsToday: number;
  dueToday: number;
  dueThisWeek: number;
}

const DAY = 86_400_000;

/** Mastery per topic, due counts and the review streak. Cards are those of `cardsOf(question)`. */
export function topicStats(progress: Progress, questions: readonly Question[], now: Date): Stats {
  const endOfToday = Math.floor(now.getTime() / DAY) * DAY + DAY;
  const endOfWeek = endOfToday + 6 * DAY;
  const byTopic = new Map<string, TopicStat>();
  const cards = fsrsCards(progress);
  for (const q of questions) {
    let s = byTopic.get(q.topic);
    if (!s) {
      s = { topic: q.topic, questions: 0, cards: 0, reviewed: 0, mastery: 0, dueToday: 0, dueThisWeek: 0, new: 0 };
      byTopic.set(q.topic, s);
    }
    s.questions++;
    for (const { id } of cardsOf(q)) {
      s.cards++;
      const c = cards.get(id);
      if (!c) {
        s.new++;
        continue;
      }
      s.reviewed++;
      s.mastery += scheduler.get_retrievability(c, now, false);
      const due = c.due.getTime();
      if (due < endOfToday) s.dueToday++;
      if (due < endOfWeek) s.dueThisWeek++;
    }
  }
  const topics = [...byTopic.values()].map((s) => ({ ...s, mastery: s.cards ? s.mastery / s.cards : 0 }));
  const days = new Set(progress.reviews.map((r) => Math.floor(Date.parse(r.at) / DAY)));
  const today = Math.floor(now.getTime() / DAY);
  let day = days.has(today) ? today : today - 1;
  let streakDays = 0;
  while (days.has(day)) {
    streakDays++;
    day--;
  }
  return {
    topics,
    streakDays,
    reviewsToday: progress.reviews.filter((r) => Math.floor(Date.parse(r.at) / DAY) === today).length,
    dueToday: topics.reduce((n, t) => n + t.dueToday, 0),
    dueThisWeek: topics.reduce((n, t) => n + t.dueThisWeek, 0),
  };
}
