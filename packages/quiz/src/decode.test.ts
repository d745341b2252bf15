import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeDocument, detectEncoding } from "./decode.js";
import { importMarkdown } from "./importer.js";

/** UTF-16 bytes of `s`, written independently of the decoder under test (Buffer's utf16le, byte-swapped for BE). */
function utf16(s: string, order: "le" | "be", bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? "\uFEFF" : "") + s, "utf16le");
  if (order === "be") for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return new Uint8Array(le);
}

describe("decodeDocument", () => {
  const doc = "## Q1: What is attention?\n\n### Answer\n\nA weighted average — of values, with weights from softmax(QKᵀ/√d_k).\n";

  test.each([
    ["le", true],
    ["le", false],
    ["be", true],
    ["be", false],
  ] as const)("UTF-16%s (BOM %s) is detected and imported like the UTF-8 document", (order, bom) => {
    const { text, encoding } = decodeDocument(utf16(doc, order, bom));
    expect(encoding).toBe(`utf-16${order}`);
    expect(text).toBe(doc);
    expect(importMarkdown(text).questions.map((q) => q.title)).toEqual(["What is attention?"]);
  });

  test("UTF-8 with and without BOM", () => {
    expect(decodeDocument(new TextEncoder().encode(doc))).toEqual({ text: doc, encoding: "utf-8" });
    expect(decodeDocument(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(doc)]))).toEqual({ text: doc, encoding: "utf-8" });
  });

  test("any UTF-8 text is read as UTF-8, any mostly-ASCII UTF-16 text as UTF-16 (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 200 }), (s) => {
        expect(decodeDocument(new TextEncoder().encode(s)).text).toBe(s);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", minLength: 4, maxLength: 200 }), fc.constantFrom("le", "be") , (s, order) => {
        fc.pre(!s.includes("\u0000"));
        expect(detectEncoding(utf16(s, order, false))).toBe(`utf-16${order}`);
      }),
      { numRuns: 300 },
    );
  });
});
