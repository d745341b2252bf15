import { describe, expect, it } from "vitest";
import { embed, learnedPositions } from "./embedding.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { Rng, randn } from "./random.js";

describe("embed", () => {
  const table = randn([5, 4], new Rng(3));
  it("looks up rows for any ids shape and scales by √d or a factor", () => {
    const e = embed(table, [[4, 0, 4]]);
    expect(e.shape).toEqual([1, 3, 4]);
    for (let j = 0; j < 4; j++) expect(e.get(0, 2, j)).toBe(table.get(4, j));
    const s = embed(table, [1], { scale: true });
    for (let j = 0; j < 4; j++) expect(s.get(0, j)).toBe(table.get(1, j) * 2);
    expect(embed(table, [1], { scale: 0.5 }).get(0, 0)).toBe(table.get(1, 0) * 0.5);
  });

  it("embeds the padding index to zero (negative index counts from the end)", () => {
    expect(Array.from(embed(table, [2, 1], { paddingIdx: 2 }).data.slice(0, 4))).toEqual([0, 0, 0, 0]);
    expect(Array.from(embed(table, [4], { paddingIdx: -1 }).data)).toEqual([0, 0, 0, 0]);
  });

  it("rejects ids outside the vocabulary and bad options", () => {
    expect(() => embed(table, [5])).toThrow('embed: argument "ids" must hold integers in [0, 5), got 5 at flat index 0');
    expect(() => embed(table, [1.5])).toThrow(ArgumentError);
    expect(() => embed(table, [1], { paddingIdx: 9 })).toThrow(/paddingIdx/);
    expect(() => embed([1, 2], [0])).toThrow(ShapeError);
  });
});

describe("learnedPositions", () => {
  it("takes rows start … start+T−1 and refuses to run past the context", () => {
    const wpe = randn([8, 3], new Rng(1));
    const p = learnedPositions(wpe, 3, 2);
    expect(p.shape).toEqual([3, 3]);
    expect(p.get(0, 1)).toBe(wpe.get(2, 1));
    expect(() => learnedPositions(wpe, 7, 2)).toThrow('learnedPositions: argument "table" must have shape (ctx ≥ start + T = 9, d), got (8, 3)');
  });
});
