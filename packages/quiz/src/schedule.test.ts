import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Rating } from "./schedule.js";
import type { Question } from "./question.js";
import {
  cardState,
  dueCards,
  emptyProgress,
  isDue,
  mergeProgress,
  parseProgress,
  recordReview,
  serializeProgress,
  topicStats,
  type Progress,
  type ReviewEntry,
} from "./schedule.js";

const DAY = 86_400_000;
const t0 = new Date("2026-03-01T09:00:00.000Z");
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe("recordReview / dueCards / isDue", () => {
  test("a new card is due; after a good review it is not, until its FSRS due date", () => {
    const p0 = emptyProgress();
    expect(isDue(p0, "q/a", t0)).toBe(true);
    const p1 = recordReview(p0, "q/a", "good", t0);
    expect(p0.reviews).toEqual([]); // input untouched
    expect(p1.reviews).toEqual([{ card: "q/a", rating: "good", at: "2026-03-01T09:00:00.000Z" }]);
    const s = cardState(p1, "q/a", t0);
    expect(s.isNew).toBe(false);
    expect(s.due.getTime()).toBeGreaterThan(t0.getTime());
    expect(isDue(p1, "q/a", t0)).toBe(false);
    expect(isDue(p1, "q/a", new Date(s.due.getTime() + 1))).toBe(true);
  });

  test("easy schedules further out than good, again sooner than good", () => {
    const due = (r: Rating) =>
      cardState(recordReview(recordReview(emptyProgress(), "c", "good", t0), "c", r, at(3)), "c", at(3)).due.getTime();
    expect(due("again")).toBeLessThan(due("good"));
    expect(due("good")).toBeLessThan(due("easy"));
  });

  test("dueCards: overdue reviewed cards first (most overdue first), then new cards, newLimit respected", () => {
    let p = emptyProgress();
    p = recordReview(p, "a", "again", t0);
    p = recordReview(p, "b", "again", at(0.001));
    const ids = ["n1", "b", "a", "n2"];
    expect(dueCards(p, ids, at(30))).toEqual(["a", "b", "n1", "n2"]);
    expect(dueCards(p, ids, at(30), { newLimit: 1 })).toEqual(["a", "b", "n1"]);
    expect(dueCards(p, ids, at(30), { includeNew: false })).toEqual(["a", "b"]);
    expect(dueCards(p, ids, t0)).toEqual(["n1", "n2"]);
  });

  test("invalid ratings and dates are refused", () => {
    expect(() => recordReview(emptyProgress(), "c", "great" as Rating, t0)).toThrow(/again\|hard\|good\|easy/);
    expect(() => recordReview(emptyProgress(), "c", "good", new Date("nope"))).toThrow(/invalid Date/);
  });
});

describe("mergeProgress", () => {
  test("two sessions never lose each other's reviews; the merged state equals the interleaved history", () => {
    const base = recordReview(emptyProgress(), "c1", "good", t0);
    const laptop = recordReview(recordReview(base, "c1", "hard", at(2)), "c2", "good", at(2.5));
    const phone = recordReview(base, "c1", "again", at(1));
    const merged = mergeProgress(laptop, phone);
    expect(merged.reviews.map((r) => r.rating)).toEqual(["good", "again", "hard", "good"]);
    const interleaved = [
      ["c1", "good", t0],
      ["c1", "again", at(1)],
      ["c1", "hard", at(2)],
      ["c2", "good", at(2.5)],
    ] as const;
    const replayed = interleaved.reduce<Progress>((p, [c, r, d]) => recordReview(p, c, r, d), emptyProgress());
    expect(cardState(merged, "c1", at(3))).toEqual(cardState(replayed, "c1", at(3)));
    expect(mergeProgress(phone, laptop)).toEqual(merged);
  });

  const entry = fc.record({
    card: fc.constantFrom("a/x", "a/y", "b/z"),
    rating: fc.constantFrom<Rating>("again", "hard", "good", "easy"),
    at: fc.integer({ min: 0, max: 60 * DAY }).map((ms) => new Date(t0.getTime() + ms).toISOString()),
  });
  const progress = fc
    .array(entry, { maxLength: 25 })
    .map((reviews) => mergeProgress(emptyProgress(), { version: 1, reviews }));

  test("is commutative, associative, idempotent and keeps every review (property)", () => {
    fc.assert(
      fc.property(progress, progress, progress, (a, b, c) => {
        expect(mergeProgress(a, b)).toEqual(mergeProgress(b, a));
        expect(mergeProgress(mergeProgress(a, b), c)).toEqual(mergeProgress(a, mergeProgress(b, c)));
        expect(mergeProgress(a, a)).toEqual(a);
        const m = mergeProgress(a, b);
        const key = (r: { card: string; rating: string; at: string }) => `${r.at}|${r.card}|${r.rating}`;
        const keys = new Set(m.reviews.map(key));
        for (const r of [...a.reviews, ...b.reviews]) expect(keys.has(key(r))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("serialize → parse round-trips (property)", () => {
    fc.assert(
      fc.property(progress, (p) => {
        const r = parseProgress(serializeProgress(p));
        expect(r).toEqual({ progress: p, skipped: [] });
      }),
      { numRuns: 200 },
    );
  });
});

describe("parseProgress", () => {
  test("a file that is not progress at all gives an error, never a throw", () => {
    const bad: [string, RegExp][] = [
      ["", /not valid JSON/],
      ['{"version":1,"reviews":[', /not valid JSON/],
      ["null", /JSON object/],
      ["[]", /JSON object/],
      ['{"reviews":[]}', /unsupported progress version undefined/],
      ['{"version":0,"reviews":[]}', /unsupported progress version 0/],
      ['{"version":"1","reviews":[]}', /unsupported progress version "1"/],
      ['{"version":1.5,"reviews":[]}', /unsupported progress version 1.5/],
      ['{"version":1}', /reviews must be an array/],
    ];
    for (const [json, re] of bad) {
      const r = parseProgress(json);
      expect("error" in r && r.error).toMatch(re);
      expect("error" in r && r.newerVersion).toBeUndefined();
    }
  });

  const good = (card: string, at: string) => ({ card, rating: "good", at });
  const iso = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString();

  test("an invalid entry is skipped and named; every other entry is kept", () => {
    const cases: [unknown, RegExp][] = [
      [null, /reviews\[2\] must be an object/],
      [[1], /reviews\[2\] must be an object/],
      [{ card: "a", rating: "meh", at: iso(9) }, /reviews\[2\]\.rating must be again.*got "meh"/],
      [{ card: "a", rating: "good", at: "yesterday" }, /reviews\[2\]\.at must be an ISO time.*got "yesterday"/],
      [{ card: "", rating: "good", at: iso(9) }, /reviews\[2\]\.card must be a non-empty string/],
    ];
    for (const [entry, re] of cases) {
      const valid = [0, 1, 3, 4].map((i) => good(`q${i}/recall`, iso(i)));
      const reviews = [valid[0], valid[1], entry, valid[2], valid[3]];
      const r = parseProgress(JSON.stringify({ version: 1, reviews }));
      if ("error" in r) throw new Error(r.error);
      expect(r.skipped).toHaveLength(1);
      expect(r.skipped[0]).toMatch(re);
      expect(r.progress.reviews).toEqual(valid);
      expect(r.newerVersion).toBeUndefined();
    }
  });

  test("valid entries survive any number of invalid ones in any place (property)", () => {
    const entry = fc.record({
      card: fc.constantFrom("a/recall", "b/x", "c/recall"),
      rating: fc.constantFrom("again", "hard", "good", "easy"),
      at: fc.integer({ min: 0, max: 1e12 }).map((t) => new Date(1.7e12 + t).toISOString()),
    });
    const junk = fc.oneof(fc.constant(null), fc.integer(), fc.record({ card: fc.constant("a/recall"), rating: fc.string() }));
    fc.assert(
      fc.property(fc.array(fc.oneof(entry.map((e) => ({ e })), junk.map((j) => ({ j })))), (mixed) => {
        const r = parseProgress(JSON.stringify({ version: 1, reviews: mixed.map((m) => ("e" in m ? m.e : m.j)) }));
        if ("error" in r) throw new Error(r.error);
        const valid = mixed.flatMap((m) => ("e" in m ? [m.e] : []));
        expect(r.progress).toEqual(mergeProgress(emptyProgress(), { version: 1, reviews: valid as ReviewEntry[] }));
        expect(r.skipped).toHaveLength(mixed.length - valid.length);
      }),
      { numRuns: 200 },
    );
  });

  test("a newer version is read where it has this version's shape, and says so", () => {
    const r = parseProgress(JSON.stringify({ version: 2, reviews: [good("a/recall", iso(1)), { card: "b", v2: true }], more: 1 }));
    if ("error" in r) throw new Error(r.error);
    expect(r.newerVersion).toBe(2);
    expect(r.progress.reviews).toEqual([good("a/recall", iso(1))]);
    expect(r.skipped).toEqual([expect.stringMatching(/reviews\[1\]\.rating/)]);
    const unreadable = parseProgress(JSON.stringify({ version: 9, reviews: "x" }));
    expect(unreadable).toEqual({ error: expect.stringMatching(/version 9 has no reviews list/), newerVersion: 9 });
  });

  test("random bytes never throw (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (s) => {
        expect(() => parseProgress(s)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe("topicStats", () => {
  const q = (id: string, topic: string, exerciseIds: string[]): Question => ({
    id,
    title: id,
    titleMarkdown: id,
    topic,
    difficulty: "basic",
    tags: [],
    sources: [],
    core: [],
    experiments: [],
    path: `${topic}/${id}.md`,
    question: "Q?",
    questionLine: 1,
    answer: "A.",
    answerLine: 1,
    examples: [],
    exercises: exerciseIds.map((e) => ({ kind: "recall", id: e, prompt: "p", answer: "a" })),
  });
  const questions = [q("a", "attention", ["x", "y"]), q("b", "attention", []), q("c", "decoding", ["z"])];

  test("mastery, due counts, new cards and the day streak", () => {
    let p = emptyProgress();
    p = recordReview(p, "a/x", "good", at(-2));
    p = recordReview(p, "a/x", "good", at(-1));
    p = recordReview(p, "b/recall", "again", at(0));
    const s = topicStats(p, questions, at(0));
    const attention = s.topics.find((t) => t.topic === "attention")!;
    expect(attention).toMatchObject({ questions: 2, cards: 3, reviewed: 2, new: 1 });
    expect(attention.mastery).toBeGreaterThan(0);
    expect(attention.mastery).toBeLessThan(2 / 3 + 1e-12);
    expect(attention.dueToday).toBe(1); // b/recall after "again" is due within minutes
    expect(s.topics.find((t) => t.topic === "decoding")).toMatchObject({ cards: 1, reviewed: 0, new: 1, mastery: 0 });
    expect(s.streakDays).toBe(3);
    expect(s.reviewsToday).toBe(1);
    expect(topicStats(p, questions, at(1)).streakDays).toBe(3); // nothing yet today: the streak still counts to yesterday
    expect(topicStats(p, questions, at(2)).streakDays).toBe(0);
  });
});
