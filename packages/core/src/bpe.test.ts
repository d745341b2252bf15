import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "./errors.js";
import { bpeDecode, bpeEncode, bpeTokenDisplay, learnBpe, pretokenize, type Pretokenizer } from "./bpe.js";

const corpus = "low lower lowest newer newest wider widest low low lower 🙂🙂 naïve café";

describe("learnBpe", () => {
  it("learns the most frequent pair first and reports it", () => {
    const tok = learnBpe("aaab aaab aab", { numMerges: 1, pretokenizer: "none" });
    // pairs: "aa" occurs 2+2+1 = 5 times (overlaps counted), more than any other.
    expect(tok.merges).toHaveLength(1);
    const m = tok.merges[0];
    expect([m.left, m.right, m.id, m.rank]).toEqual([97, 97, 256, 0]);
    expect(m.count).toBe(5);
    expect(m.display).toBe("aa");
    expect(Array.from(tok.vocab[256])).toEqual([97, 97]);
  });

  it("counts pairs per pre-tokenised chunk, weighted by chunk frequency, and never merges across chunks", () => {
    const tok = learnBpe("ab ab ab", { numMerges: 10, pretokenizer: "gpt2" });
    // chunks: "ab", " ab", " ab" → merges a+b, then " "+ab (each chunk merges to one token); " a" never beats a+b.
    expect(tok.merges.map((m) => m.display)).toEqual(["ab", "Ġab"]);
    expect(tok.merges.map((m) => m.count)).toEqual([3, 2]);
  });

  it("breaks count ties by the smallest (left, right) ids", () => {
    // pairs cd, da, ab each occur once; (97, 98) is the smallest
    const tok = learnBpe("cdab", { numMerges: 1, minFrequency: 1, pretokenizer: "none" });
    expect(tok.merges[0].display).toBe("ab");
  });

  it("stops when no pair reaches minFrequency", () => {
    const tok = learnBpe("abc", { numMerges: 5, pretokenizer: "none" });
    expect(tok.merges).toHaveLength(0);
    expect(tok.vocab).toHaveLength(256);
  });

  it("shortens the encoding of its training text", () => {
    const tok = learnBpe(corpus, { numMerges: 20 });
    const ids = bpeEncode(tok, corpus);
    expect(ids.length).toBeLessThan(new TextEncoder().encode(corpus).length);
    expect(bpeDecode(tok, ids)).toBe(corpus);
    expect(bpeTokenDisplay(tok, tok.merges[0].id)).toBe(tok.merges[0].display);
  });

  it("merges multi-byte characters such as emoji", () => {
    const tok = learnBpe("🙂🙂🙂🙂", { numMerges: 3, pretokenizer: "none" });
    const ids = bpeEncode(tok, "🙂");
    expect(ids).toHaveLength(1);
    expect(bpeDecode(tok, ids)).toBe("🙂");
  });
});

describe("bpeEncode / bpeDecode", () => {
  it("applies merges in learned order, as at training time", () => {
    const tok = learnBpe("aaaa", { numMerges: 2, minFrequency: 1, pretokenizer: "none" });
    // a+a → 256 ("aa"), then 256+256 → 257 ("aaaa")
    expect(bpeEncode(tok, "aaaa")).toEqual([257]);
    expect(bpeEncode(tok, "aaa")).toEqual([256, 97]);
  });

  it("pre-tokenisers cover the whole text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.constantFrom<Pretokenizer>("gpt2", "whitespace", "none"), (s, p) => {
        expect(pretokenize(s, p).join("")).toBe(s);
      }),
    );
  });

  it("round-trips any Unicode string (fullUnicodeString)", () => {
    const pretokenizers: Pretokenizer[] = ["gpt2", "whitespace", "none"];
    const toks = pretokenizers.map((p) => learnBpe(corpus, { numMerges: 30, pretokenizer: p }));
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.nat(2), (s, k) => {
        expect(bpeDecode(toks[k], bpeEncode(toks[k], s))).toBe(s);
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips text through a tokenizer learned on random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary" }), (train, s) => {
        const tok = learnBpe(train, { numMerges: 8, minFrequency: 1 });
        expect(bpeDecode(tok, bpeEncode(tok, s))).toBe(s);
      }),
      { numRuns: 100 },
    );
  });

  it("rejects bad input with the argument name", () => {
    const tok = learnBpe("abab", { numMerges: 1, pretokenizer: "none" });
    expect(() => bpeDecode(tok, [999])).toThrow(ArgumentError);
    expect(() => bpeDecode(tok, [999])).toThrow(/bpeDecode: argument "ids" must hold integer token ids in \[0, 257\), got 999/);
    expect(() => bpeEncode(tok, "a\uD800b")).toThrow(/bpeEncode: argument "text" must be well-formed.*U\+D800 at index 1/);
    expect(() => learnBpe("ab", { numMerges: -1 })).toThrow(/learnBpe: argument "numMerges" must be a non-negative integer, got -1/);
    expect(() => learnBpe("ab", { numMerges: 1, pretokenizer: "bytes" as Pretokenizer })).toThrow(
      /argument "pretokenizer" must be "gpt2", "whitespace" or "none", got "bytes"/,
    );
  });
});
