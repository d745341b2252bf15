// Scheduling for an interview date: aim at the highest recall on that day instead of FSRS's steady 90 %.
//
// - Priority: the predicted recall on the date (FSRS retrievability at 00:00 UTC of that day) decides. Each candidate
//   is ranked by how much one review now is expected to raise it: E[R_date after the review] − R_date now, where the
//   review is recalled with probability R_now (FIRST_SIGHT for a new card) and rated good, else again. A session
//   cut short has then done the reviews that matter most for the date.
// - Capped intervals: a card whose next FSRS review falls after the start of the final pass (FINAL_PASS_DAYS before
//   the date) comes due at that start instead, unless it was already reviewed inside the pass. Every card seen
//   before is thus reviewed once more shortly before the date.
// - Pacing: each day allows ceil(NEW_PACE · remaining / days left before the final pass) new cards. With
//   NEW_PACE = 2 the material is covered by about halfway, leaving time for spaced reviews of every card (the
//   seeded simulation in docs/interview-date.md compared paces 1, 1.5, 2 and unlimited; 2 was best throughout).
import { createEmptyCard, type Card as FsrsCard } from "ts-fsrs";
import { cardsOf } from "./cards.js";
import type { Question } from "./question.js";
import { dueCards, fsrsCards, scheduler, TO_FSRS, type Progress } from "./schedule.js";

const DAY = 86_400_000;
/** Length of the final pass in days: every card not reviewed in it comes due at its start. */
export const FINAL_PASS_DAYS = 3;
/** New cards per day, as a multiple of the even pace over the days before the final pass. */
export const NEW_PACE = 2;
/** Chance assumed for answering a card right on first sight (the answer is read afterwards either way). */
export const FIRST_SIGHT = 0.5;

/** The interview day as the instant recall is predicted for: 00:00 UTC of that day. */
export function interviewInstant(date: string): Date {
  const t = new Date(`${date}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== date)
    throw new Error(`interview date must be a real day written YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return t;
}

/** The learner's reviewed cards (FSRS state) and when each was first reviewed (ms). */
export interface Deck {
  cards: ReadonlyMap<string, FsrsCard>;
  introduced: ReadonlyMap<string, number>;
}

export function deckOf(progress: Progress): Deck {
  const introduced = new Map<string, number>();
  for (const r of progress.reviews) if (!introduced.has(r.card)) introduced.set(r.card, Date.parse(r.at));
  return { cards: fsrsCards(progress), introduced };
}

/** When a reviewed card is due when planning for the instant `at` (ms): FSRS's due, capped at the final pass. */
export function dueForDate(card: FsrsCard, at: number): number {
  const due = card.due.getTime();
  const passStart = at - FINAL_PASS_DAYS * DAY;
  const last = card.last_review?.getTime() ?? -Infinity;
  return last >= passStart ? due : Math.min(due, passStart);
}

/** When a reviewed card is next due under the plan for `date` (YYYY-MM-DD); undefined for a card never reviewed. */
export function dueDateForDate(progress: Progress, card: string, date: string): Date | undefined {
  const c = fsrsCards(progress).get(card);
  return c ? new Date(dueForDate(c, interviewInstant(date).getTime())) : undefined;
}

/** Predicted recall of a card at `at` if it is not reviewed again (0 for a card never reviewed). */
export function recallAt(card: FsrsCard | undefined, at: number): number {
  return card ? scheduler.get_retrievability(card, new Date(at), false) : 0;
}

/** How many new cards to introduce at `now` so the rest are all seen before the final pass starts. */
export function newCardsAllowed(deck: Deck, cardIds: readonly string[], now: Date, at: number): number {
  const today = Math.floor(now.getTime() / DAY);
  let fresh = 0;
  let introducedToday = 0;
  for (const id of new Set(cardIds)) {
    const first = deck.introduced.get(id);
    if (first === undefined) fresh++;
    else if (Math.floor(first / DAY) === today) introducedToday++;
  }
  const passStartDay = Math.floor((at - FINAL_PASS_DAYS * DAY) / DAY);
  if (today >= passStartDay) return fresh;
  const pace = Math.ceil((NEW_PACE * (fresh + introducedToday)) / (passStartDay - today));
  return Math.max(0, pace - introducedToday);
}

/** Expected rise of a card's recall on the date (instant `at`) from one review at `now`. */
export function reviewGain(card: FsrsCard | undefined, now: Date, at: number): number {
  const p = card ? scheduler.get_retrievability(card, now, false) : FIRST_SIGHT;
  const c: FsrsCard = card ?? createEmptyCard(now);
  const good = recallAt(scheduler.next(c, now, TO_FSRS.good).card, at);
  const again = recallAt(scheduler.next(c, now, TO_FSRS.again).card, at);
  return p * good + (1 - p) * again - recallAt(card, at);
}

/**
 * Cards to ask at `now` when planning for the instant `at`: the due reviews (capped intervals) and the paced new
 * cards (in the order given), all ranked by `reviewGain`, largest first.
 */
export function cardsForDate(deck: Deck, cardIds: readonly string[], now: Date, at: number): string[] {
  const candidates: { id: string; gain: number }[] = [];
  const fresh: string[] = [];
  for (const id of new Set(cardIds)) {
    const c = deck.cards.get(id);
    if (!c) fresh.push(id);
    else if (dueForDate(c, at) <= now.getTime()) candidates.push({ id, gain: reviewGain(c, now, at) });
  }
  const newGain = reviewGain(undefined, now, at);
  for (const id of fresh.slice(0, newCardsAllowed(deck, cardIds, now, at))) candidates.push({ id, gain: newGain });
  // Stable for equal gains: new cards keep their study order.
  return candidates
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => b.gain - a.gain || a.i - b.i)
    .map((c) => c.id);
}

/** `cardsForDate` over a progress value and a `YYYY-MM-DD` date. */
export function dueCardsForDate(progress: Progress, cardIds: readonly string[], now: Date, date: string): string[] {
  return cardsForDate(deckOf(progress), cardIds, now, interviewInstant(date).getTime());
}

/**
 * The reviews to work through now (`qkv quiz --due`, the site's "Review due cards"): cards seen before and due, never
 * new ones. With an interview date still ahead (`date`, by default the one saved in progress), in the order of the
 * interview plan (dueCardsForDate); otherwise most overdue first (dueCards).
 */
export function reviewQueue(
  progress: Progress,
  cardIds: readonly string[],
  now: Date,
  date: string | undefined = progress.interview?.date ?? undefined,
): string[] {
  if (date !== undefined && interviewInstant(date).getTime() > now.getTime()) {
    const seen = fsrsCards(progress);
    return dueCardsForDate(progress, cardIds, now, date).filter((id) => seen.has(id));
  }
  return dueCards(progress, cardIds, now, { includeNew: false });
}

export interface TopicReadiness {
  topic: string;
  cards: number;
  /** Never reviewed. */
  new: number;
  /** Mean predicted recall on the date over the topic's cards as things stand (new cards count 0), 0..1. */
  recall: number;
}

export interface Readiness {
  date: string;
  /** Whole days from now until the date (0 on the day or after). */
  daysLeft: number;
  topics: TopicReadiness[];
  /** Mean predicted recall on the date over all cards. */
  recall: number;
  /**
   * Reviews per day the plan needs until the date, assuming every answer is right: each card's future reviews
   * under capped FSRS intervals (new cards introduced now), divided by the days left.
   */
  reviewsPerDay: number;
  /** Reviewed cards whose (capped) due time has passed, most overdue first. */
  overdue: { card: string; days: number }[];
}

/** Readiness for the interview per topic, the daily review load of the plan and what is overdue. */
export function readiness(progress: Progress, questions: readonly Question[], now: Date, date: string): Readiness {
  const at = interviewInstant(date).getTime();
  const deck = deckOf(progress);
  const byTopic = new Map<string, TopicReadiness>();
  const overdue: { card: string; days: number }[] = [];
  let planned = 0;
  let total = 0;
  let recallSum = 0;
  for (const q of questions) {
    let t = byTopic.get(q.topic);
    if (!t) byTopic.set(q.topic, (t = { topic: q.topic, cards: 0, new: 0, recall: 0 }));
    for (const { id } of cardsOf(q)) {
      const c = deck.cards.get(id);
      const r = recallAt(c, at);
      t.cards++;
      t.recall += r;
      total++;
      recallSum += r;
      if (!c) t.new++;
      else {
        const due = dueForDate(c, at);
        if (due < now.getTime()) overdue.push({ card: id, days: (now.getTime() - due) / DAY });
      }
      planned += plannedReviews(c, now.getTime(), at);
    }
  }
  const daysLeft = Math.max(0, Math.ceil((at - now.getTime()) / DAY));
  overdue.sort((a, b) => b.days - a.days || (a.card < b.card ? -1 : 1));
  return {
    date,
    daysLeft,
    topics: [...byTopic.values()].map((t) => ({ ...t, recall: t.cards ? t.recall / t.cards : 0 })),
    recall: total ? recallSum / total : 0,
    reviewsPerDay: daysLeft > 0 ? planned / daysLeft : planned,
    overdue,
  };
}

/** Reviews of one card from `now` until `at` under capped intervals if every answer is "good" (a new card starts now). */
function plannedReviews(card: FsrsCard | undefined, now: number, at: number): number {
  let c = card;
  let t = c ? Math.max(now, dueForDate(c, at)) : now;
  let n = 0;
  // Bounded: learning steps are minutes apart, then intervals grow; 50 covers any schedule up to a date.
  while (t < at && n < 50) {
    c = scheduler.next(c ?? createEmptyCard(new Date(t)), new Date(t), TO_FSRS.good).card;
    n++;
    t = Math.max(t + 60_000, dueForDate(c, at));
  }
  return n;
}
