import { describe, expect, it } from "vitest";
import { loadEngine } from "./engine.js";
import { parseReply } from "./quiz-json.js";
import { choiceOrder, filterQuestions, seedFor, selectCards } from "./session.js";
import { FIXTURES } from "./testing/io.js";

const engine = await loadEngine();
const { questions } = await engine.loadContentDir(FIXTURES);
const now = new Date("2026-03-01T12:00:00Z");

describe("filterQuestions", () => {
  it("filters by topics and difficulty", () => {
    expect(filterQuestions(engine, questions, { topics: ["decoding"] }).map((q) => q.id)).toEqual(["fx-greedy"]);
    expect(filterQuestions(engine, questions, { topics: [], difficulty: "intermediate" }).map((q) => q.id)).toEqual(["fx-softmax-vector"]);
    expect(filterQuestions(engine, questions, { topics: ["attention", "decoding"] })).toHaveLength(3);
  });
  it("rejects an unknown topic, listing the valid ones", () => {
    expect(() => filterQuestions(engine, questions, { topics: ["atention"] })).toThrow(/unknown topic "atention"; topics: tokens, embeddings, attention/);
  });
});

describe("selectCards", () => {
  const ids = (cards: { id: string }[]) => cards.map((c) => c.id);
  it("leaves code exercises to practice and honours --count", () => {
    const all = selectCards(engine, questions, engine.emptyProgress(), now, { mode: "mixed" });
    expect(ids(all).sort()).toEqual(["fx-greedy/pick", "fx-softmax-first/p1", "fx-softmax-vector/vec"]);
    expect(selectCards(engine, questions, engine.emptyProgress(), now, { mode: "mixed", count: 2 })).toHaveLength(2);
  });
  it("puts due reviews before new cards; --due and --new select only those", () => {
    const day = 86_400_000;
    // Reviewed (failed) two days ago: due again now. The other two cards are new.
    const progress = engine.recordReview(engine.emptyProgress(), "fx-greedy/pick", "again", new Date(now.getTime() - 2 * day));
    expect(ids(selectCards(engine, questions, progress, now, { mode: "mixed" }))[0]).toBe("fx-greedy/pick");
    expect(ids(selectCards(engine, questions, progress, now, { mode: "due" }))).toEqual(["fx-greedy/pick"]);
    expect(ids(selectCards(engine, questions, progress, now, { mode: "new" })).sort()).toEqual(["fx-softmax-first/p1", "fx-softmax-vector/vec"]);
  });
  it("--due asks the site's review queue (reviewQueue), with or without an interview date", () => {
    const day = 86_400_000;
    let progress = engine.recordReview(engine.emptyProgress(), "fx-greedy/pick", "again", new Date(now.getTime() - 3 * day));
    progress = engine.recordReview(progress, "fx-softmax-first/p1", "hard", new Date(now.getTime() - 20 * day));
    const cardIds = engine.allCards(questions).map((c) => c.id);
    const due = ids(selectCards(engine, questions, progress, now, { mode: "due" }));
    expect(due.sort()).toEqual(["fx-greedy/pick", "fx-softmax-first/p1"]);
    expect(ids(selectCards(engine, questions, progress, now, { mode: "due" }))).toEqual(engine.reviewQueue(progress, cardIds, now));
    const dated = engine.setInterviewDate(progress, "2026-03-05", now);
    const planned = ids(selectCards(engine, questions, dated, now, { mode: "due" }, "2026-03-05"));
    expect(planned).toEqual(engine.reviewQueue(dated, cardIds, now));
    expect(planned).not.toContain("fx-softmax-vector/vec"); // new cards wait for the other modes
  });
  it("does not ask a card that was just answered well and is not due", () => {
    const progress = engine.recordReview(engine.emptyProgress(), "fx-greedy/pick", "good", now);
    expect(ids(selectCards(engine, questions, progress, now, { mode: "due" }))).toEqual([]);
  });
});

describe("seedFor", () => {
  it("is deterministic, differs between cards and sessions, and fits in 32 bits", () => {
    expect(seedFor(1, "a/b")).toBe(seedFor(1, "a/b"));
    expect(seedFor(1, "a/b")).not.toBe(seedFor(2, "a/b"));
    expect(seedFor(1, "a/b")).not.toBe(seedFor(1, "a/c"));
    for (const s of [0, 1, 2 ** 32 - 1]) {
      const v = seedFor(s, "x/y");
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
  });
});

describe("choiceOrder", () => {
  it("is a permutation fixed by the seed that does not always keep the authored order", () => {
    const orders = Array.from({ length: 20 }, (_, seed) => choiceOrder(4, seed));
    for (const o of orders) expect([...o].sort()).toEqual([0, 1, 2, 3]);
    expect(choiceOrder(4, 5)).toEqual(choiceOrder(4, 5));
    expect(orders.filter((o) => o[0] !== 0).length).toBeGreaterThan(5);
  });
  it("reaches every order (24 of 24 for 4 choices, 120 of 120 for 5), each about equally often", () => {
    for (const [n, total] of [[4, 24], [5, 120]] as const) {
      const counts = new Map<string, number>();
      const draws = total * 100;
      for (let seed = 0; seed < draws; seed++) {
        const key = choiceOrder(n, seed).join("");
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      expect(counts.size).toBe(total);
      // 100 expected per order; a fair shuffle stays well within ±50 % of that.
      for (const c of counts.values()) {
        expect(c).toBeGreaterThan(50);
        expect(c).toBeLessThan(150);
      }
    }
  });
});

describe("parseReply (quiz --json)", () => {
  const numeric = { kind: "numeric" as const };
  const choice = { kind: "multiple-choice" as const, choices: ["c", "a", "b"], choiceOrder: [2, 0, 1] };
  const recall = { kind: "recall" as const };
  it("accepts answers of the right kind", () => {
    expect(parseReply('{"answer":"1/2"}', numeric, engine)).toEqual({ reply: { kind: "numeric", input: "1/2" } });
    expect(parseReply('{"answer":[1,2]}', numeric, engine)).toEqual({ reply: { kind: "numeric", input: "[1,2]" } });
    // Choices are numbered as displayed; the reply carries the authored index.
    expect(parseReply('{"choice":3}', choice, engine)).toEqual({ reply: { kind: "multiple-choice", choice: 1 } });
    expect(parseReply('{"choice":1}', choice, engine)).toEqual({ reply: { kind: "multiple-choice", choice: 2 } });
    expect(parseReply('{"grade":"easy"}', recall, engine)).toEqual({ reply: { kind: "recall", rating: "easy" } });
    expect(parseReply('{"hint":true}', numeric, engine)).toEqual({ hint: true });
    expect(parseReply('{"skip":true}', recall, engine)).toEqual({ skip: true });
  });
  it("says what was expected for anything else", () => {
    expect(parseReply("1/2", numeric, engine)).toEqual({ error: expect.stringContaining("not a JSON line") });
    expect(parseReply('{"choice":1}', numeric, engine)).toEqual({ error: expect.stringContaining('send {"answer"') });
    expect(parseReply('{"answer":"2*"}', numeric, engine)).toEqual({ error: expect.stringContaining("could not read the answer") });
    expect(parseReply('{"choice":4}', choice, engine)).toEqual({ error: expect.stringContaining("k from 1 to 3, got 4") });
    expect(parseReply('{"grade":"meh"}', recall, engine)).toEqual({ error: expect.stringContaining('"again" | "hard" | "good" | "easy"') });
    expect(parseReply("[1]", numeric, engine)).toEqual({ error: expect.stringContaining("JSON object") });
  });
});
