// Seeded simulation of learners preparing for an interview date, with and without the interview mode
// (interview.ts). The learner's memory is the FSRS model itself: a card is recalled with probability equal to its
// retrievability at the time of the review, a new card (first exposure, answer then read) with FIRST_RECALL.
// Both modes get the same daily budget of reviews; only the choice of cards differs.
import { Rng } from "@qkv/core";
import { createEmptyCard, type Card as FsrsCard } from "ts-fsrs";
import { cardsForDate, recallAt, type Deck } from "./interview.js";
import { scheduler, TO_FSRS } from "./schedule.js";

const DAY = 86_400_000;
/** Probability of answering a card right on first sight. */
export const FIRST_RECALL = 0.5;

export type Mode =
  /** Plain FSRS as `dueCards` orders it: most overdue first, then `newPerDay` new cards a day. */
  | { kind: "standard"; newPerDay: number }
  /** The interview mode: `cardsForDate`. */
  | { kind: "interview" };

export interface Scenario {
  /** Cards in the material. */
  cards: number;
  /** Days from the first session to the interview. */
  days: number;
  /** Reviews the learner does per day at most. */
  budget: number;
  learners: number;
  seed: number;
}

export interface SimulationResult {
  /** Mean over learners of the mean predicted recall on the date over all cards (unseen cards 0). */
  recall: number;
  /** Per learner, in learner order. */
  perLearner: number[];
  /** Mean over learners of the share of cards never seen by the date. */
  unseen: number;
}

/** Runs `scenario.learners` learners under `mode`; learner k's answers come from Rng(seed·1000 + k). */
export function simulate(scenario: Scenario, mode: Mode): SimulationResult {
  const ids = Array.from({ length: scenario.cards }, (_, i) => `c${String(i).padStart(4, "0")}`);
  const start = Date.UTC(2026, 0, 1);
  const at = start + scenario.days * DAY;
  const perLearner: number[] = [];
  let unseen = 0;
  for (let k = 0; k < scenario.learners; k++) {
    const rng = new Rng(scenario.seed * 1000 + k);
    const cards = new Map<string, FsrsCard>();
    const introduced = new Map<string, number>();
    const deck: Deck = { cards, introduced };
    for (let d = 0; d < scenario.days; d++) {
      const session = start + d * DAY + 9 * 3600_000; // one session a day at 09:00
      const now = new Date(session);
      const order =
        mode.kind === "interview" ? cardsForDate(deck, ids, now, at) : standardOrder(deck, ids, now, mode.newPerDay);
      order.slice(0, scenario.budget).forEach((id, j) => {
        const t = new Date(session + j * 60_000);
        const card = cards.get(id);
        const p = card ? scheduler.get_retrievability(card, t, false) : FIRST_RECALL;
        const rating = rng.uniform() < p ? TO_FSRS.good : TO_FSRS.again;
        cards.set(id, scheduler.next(card ?? createEmptyCard(t), t, rating).card);
        if (!introduced.has(id)) introduced.set(id, t.getTime());
      });
    }
    perLearner.push(ids.reduce((s, id) => s + recallAt(cards.get(id), at), 0) / ids.length);
    unseen += (ids.length - cards.size) / ids.length;
  }
  return {
    recall: perLearner.reduce((a, b) => a + b, 0) / perLearner.length,
    perLearner,
    unseen: unseen / scenario.learners,
  };
}

/** `dueCards`' order on a deck: due reviews most overdue first, then new cards up to `newPerDay` a day. */
function standardOrder(deck: Deck, ids: readonly string[], now: Date, newPerDay: number): string[] {
  const today = Math.floor(now.getTime() / DAY);
  const due: { id: string; due: number }[] = [];
  const fresh: string[] = [];
  let introducedToday = 0;
  for (const id of ids) {
    const c = deck.cards.get(id);
    if (!c) fresh.push(id);
    else if (c.due.getTime() <= now.getTime()) due.push({ id, due: c.due.getTime() });
    const first = deck.introduced.get(id);
    if (first !== undefined && Math.floor(first / DAY) === today) introducedToday++;
  }
  due.sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1));
  return [...due.map((x) => x.id), ...fresh.slice(0, Math.max(0, newPerDay - introducedToday))];
}
