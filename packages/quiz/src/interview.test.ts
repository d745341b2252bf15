import { describe, expect, test } from "vitest";
import {
  cardsForDate,
  deckOf,
  dueCardsForDate,
  dueDateForDate,
  dueForDate,
  FINAL_PASS_DAYS,
  interviewInstant,
  newCardsAllowed,
  NEW_PACE,
  readiness,
  recallAt,
  reviewQueue,
} from "./interview.js";
import type { Question } from "./question.js";
import { dueCards, emptyProgress, fsrsCards, mergeProgress, parseProgress, recordReview, serializeProgress, setInterviewDate } from "./schedule.js";
import { simulate } from "./simulate.js";

const DAY = 86_400_000;
const t = (s: string) => new Date(s);

describe("interview date in progress", () => {
  test("set, saved, read back; files without it still load", () => {
    const p = setInterviewDate(
      recordReview(emptyProgress(), "a/x", "good", t("2026-11-01T10:00:00Z")),
      "2026-12-15",
      t("2026-11-02T00:00:00Z"),
    );
    const back = parseProgress(serializeProgress(p));
    expect(back).toEqual({ progress: p, skipped: [] });
    expect(parseProgress('{"version":1,"reviews":[]}')).toEqual({ progress: emptyProgress(), skipped: [] });
    // Reviews recorded later keep the date.
    expect(recordReview(p, "a/y", "good", t("2026-11-03T00:00:00Z")).interview).toEqual(p.interview);
  });
  test("a bad setting is skipped and named, like a bad review entry; the reviews are kept", () => {
    const review = '{"card":"a/x","rating":"good","at":"2026-11-01T10:00:00.000Z"}';
    const bad = parseProgress(
      `{"version":1,"reviews":[${review}],"interview":{"date":"15.12.2026","setAt":"2026-11-02T00:00:00.000Z"}}`,
    );
    expect(bad).toEqual({
      progress: { version: 1, reviews: [JSON.parse(review)] },
      skipped: ['interview.date must be a date like 2026-12-15 or null, got "15.12.2026"'],
    });
    expect(parseProgress('{"version":1,"reviews":[],"interview":{"date":"2026-12-15"}}')).toMatchObject({
      skipped: [expect.stringMatching(/^interview.setAt must be an ISO time/)],
    });
    expect(() => setInterviewDate(emptyProgress(), "tomorrow", new Date())).toThrow(/YYYY-MM-DD/);
    expect(() => interviewInstant("2026-02-30")).toThrow(/real day/);
  });
  test("merging keeps the setting made last, whichever side it is on; clearing merges too", () => {
    const a = setInterviewDate(emptyProgress(), "2026-12-15", t("2026-11-01T00:00:00Z"));
    const b = setInterviewDate(emptyProgress(), "2027-01-10", t("2026-11-05T00:00:00Z"));
    expect(mergeProgress(a, b).interview?.date).toBe("2027-01-10");
    expect(mergeProgress(b, a).interview?.date).toBe("2027-01-10");
    const cleared = setInterviewDate(b, null, t("2026-11-06T00:00:00Z"));
    expect(mergeProgress(a, cleared).interview).toEqual({ date: null, setAt: "2026-11-06T00:00:00.000Z" });
  });
});

describe("reviewQueue", () => {
  // Three cards seen on Nov 1 with different ratings, one never seen.
  let p = emptyProgress();
  p = recordReview(p, "q/hard", "again", t("2026-11-01T09:00:00Z"));
  p = recordReview(p, "q/good", "good", t("2026-11-01T09:00:00Z"));
  p = recordReview(p, "q/easy", "easy", t("2026-11-01T09:00:00Z"));
  const ids = ["q/new", "q/easy", "q/good", "q/hard"];
  const now = t("2026-11-03T09:00:00Z");

  test("without a date: the due reviews, most overdue first, never new cards", () => {
    const q = reviewQueue(p, ids, now);
    expect(q).not.toContain("q/new");
    expect(q.length).toBeGreaterThan(0);
    expect(q).toEqual(dueCards(p, ids, now, { includeNew: false }));
    expect(q[0]).toBe("q/hard");
  });

  test("with a date ahead: the interview plan minus new cards; a past date is ignored", () => {
    const ahead = setInterviewDate(p, "2026-11-10", now);
    expect(reviewQueue(ahead, ids, now)).toEqual(dueCardsForDate(ahead, ids, now, "2026-11-10").filter((id) => id !== "q/new"));
    const past = setInterviewDate(p, "2026-11-02", now);
    expect(reviewQueue(past, ids, now)).toEqual(reviewQueue(p, ids, now));
  });
});

describe("planning for the date", () => {
  const date = "2026-12-15";
  const at = interviewInstant(date).getTime();
  const passStart = at - FINAL_PASS_DAYS * DAY;

  test("intervals are capped at the final pass unless the card was reviewed inside it", () => {
    let p = emptyProgress();
    for (const day of ["2026-11-01", "2026-11-02", "2026-11-06", "2026-11-20"])
      p = recordReview(p, "q/a", "easy", t(`${day}T09:00:00Z`));
    const card = fsrsCards(p).get("q/a")!;
    expect(card.due.getTime()).toBeGreaterThan(at); // FSRS alone would skip the interview
    expect(dueForDate(card, at)).toBe(passStart);
    expect(dueDateForDate(p, "q/a", date)).toEqual(new Date(passStart));
    expect(dueDateForDate(p, "q/never", date)).toBeUndefined();
    const again = fsrsCards(recordReview(p, "q/a", "good", new Date(passStart + DAY))).get("q/a")!;
    expect(dueForDate(again, at)).toBe(again.due.getTime());
  });

  test("new cards are paced so the material is covered before the final pass", () => {
    const ids = Array.from({ length: 100 }, (_, i) => `q${i}/r`);
    const now = new Date(at - 23 * DAY + 9 * 3600_000); // 20 days before the pass
    expect(newCardsAllowed(deckOf(emptyProgress()), ids, now, at)).toBe(Math.ceil((NEW_PACE * 100) / 20));
    // Cards introduced today count against today's allowance.
    let p = emptyProgress();
    for (const id of ids.slice(0, 4)) p = recordReview(p, id, "good", now);
    expect(newCardsAllowed(deckOf(p), ids, now, at)).toBe(Math.ceil((NEW_PACE * 100) / 20) - 4);
    // In the final pass every remaining card is allowed.
    expect(newCardsAllowed(deckOf(p), ids, new Date(passStart + 3600_000), at)).toBe(96);
  });

  test("a card that would be forgotten by the date comes before one that is safe", () => {
    let p = emptyProgress();
    // "weak" failed once a while ago; "strong" was answered well several times.
    p = recordReview(p, "q/weak", "again", t("2026-12-01T09:00:00Z"));
    for (const day of ["2026-11-01", "2026-11-03", "2026-11-08"])
      p = recordReview(p, "q/strong", "good", t(`${day}T09:00:00Z`));
    const now = t("2026-12-13T09:00:00Z"); // inside the final pass: both are due
    const deck = deckOf(p);
    expect(recallAt(deck.cards.get("q/weak"), at)).toBeLessThan(recallAt(deck.cards.get("q/strong"), at));
    expect(cardsForDate(deck, ["q/strong", "q/weak"], now, at)).toEqual(["q/weak", "q/strong"]);
    expect(dueCardsForDate(p, ["q/strong", "q/weak", "q/new"], now, date)).toContain("q/new");
  });

  test("readiness per topic, the daily load and what is overdue", () => {
    const q = (id: string, topic: string, n: number) =>
      ({
        id,
        topic,
        exercises: Array.from({ length: n }, (_, i) => ({ id: `e${i}`, kind: "recall" })),
      }) as unknown as Question;
    const questions = [q("att", "attention", 2), q("dec", "decoding", 3)];
    let p = emptyProgress();
    p = recordReview(p, "att/e0", "good", t("2026-11-01T09:00:00Z"));
    p = recordReview(p, "att/e1", "good", t("2026-11-01T09:00:00Z"));
    const now = t("2026-11-20T09:00:00Z");
    const r = readiness(p, questions, now, date);
    expect(r.daysLeft).toBe(25);
    const att = r.topics.find((x) => x.topic === "attention")!;
    expect(att).toMatchObject({ cards: 2, new: 0 });
    expect(att.recall).toBeCloseTo(recallAt(deckOf(p).cards.get("att/e0"), at), 12);
    expect(r.topics.find((x) => x.topic === "decoding")).toEqual({ topic: "decoding", cards: 3, new: 3, recall: 0 });
    expect(r.overdue.map((o) => o.card).sort()).toEqual(["att/e0", "att/e1"]);
    expect(r.overdue[0].days).toBeGreaterThan(0);
    // Three new cards need at least a first review each; the reviewed ones at least the final pass.
    expect(r.reviewsPerDay * r.daysLeft).toBeGreaterThanOrEqual(5);
  });
});

describe("seeded simulation of learners", () => {
  const scenario = { cards: 120, days: 10, budget: 30, learners: 4, seed: 3 };
  test("is deterministic in the seed", () => {
    expect(simulate(scenario, { kind: "interview" })).toEqual(simulate(scenario, { kind: "interview" }));
  });
  test("with little time, the interview mode predicts higher recall on the date than plain FSRS", () => {
    const plain = simulate(scenario, { kind: "standard", newPerDay: 20 });
    const mode = simulate(scenario, { kind: "interview" });
    expect(mode.unseen).toBe(0);
    expect(plain.unseen).toBeGreaterThan(0);
    expect(mode.recall).toBeGreaterThan(plain.recall);
    // Learner by learner, not just on average.
    mode.perLearner.forEach((r, k) => expect(r).toBeGreaterThan(plain.perLearner[k]));
  });
});
