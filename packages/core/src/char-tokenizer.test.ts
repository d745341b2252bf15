import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CharTokenizer } from "./char-tokenizer.js";

describe("CharTokenizer", () => {
  it("round-trips any text it was built from, one id per code point", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), (text) => {
        const tok = CharTokenizer.fromText(text);
        const ids = tok.encode(text);
        expect(ids).toHaveLength([...text].length);
        expect(tok.decode(ids)).toBe(text);
      }),
    );
  });

  it("orders the vocabulary by code point, independent of the text's order", () => {
    expect(CharTokenizer.fromText("cab≤a").chars).toEqual(["a", "b", "c", "≤"]);
    expect(CharTokenizer.fromText("≤bca").chars).toEqual(CharTokenizer.fromText("cab≤a").chars);
  });

  it("names an unknown character, or skips it when asked", () => {
    const tok = CharTokenizer.fromText("ab");
    expect(() => tok.encode("abz")).toThrow(/contains "z" \(U\+007A\), which is not in the vocabulary/);
    expect(tok.encode("azb", "skip")).toEqual([0, 1]);
    expect(() => tok.decode([2])).toThrow(/must hold ids in \[0, 2\), got 2 at 0/);
    expect(() => new CharTokenizer(["a", "a"])).toThrow(/must not repeat a character/);
  });
});
