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

  test("Windows-1252 text that is not valid UTF-8 is read as Windows-1252 (property)", () => {
    // cp1252 bytes written out here, independent of the decoder: Latin-1 for 0xA0..0xFF, the table for 0x80..0x9F.
    const specials = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";
    const specialBytes = [0x80, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8a, 0x8b, 0x8c, 0x8e, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0x9b, 0x9c, 0x9e, 0x9f];
    const latin1 = Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i));
    const byteOf = (c: string) => (specials.includes(c) ? specialBytes[[...specials].indexOf(c)] : c.charCodeAt(0));
    const high = [...specials, ...latin1];
    // As in prose, a non-ASCII character is followed by an ASCII one ("café au", "naïve").
    const chars = fc.oneof(fc.constantFrom(..."abc XYZ 09#?*\n"), fc.tuple(fc.constantFrom(...high), fc.constantFrom(..."ae .\n")).map(([h, a]) => h + a));
    fc.assert(
      fc.property(fc.array(chars, { minLength: 1, maxLength: 80 }), (tokens) => {
        const cs = [...tokens.join("")];
        const bytes = new Uint8Array(cs.map(byteOf));
        fc.pre(!decodesAsUtf8(bytes));
        expect(decodeDocument(bytes)).toEqual({ text: cs.join(""), encoding: "windows-1252" });
      }),
      { numRuns: 300 },
    );
  });

  test("UTF-8 text with a few stray Windows-1252 bytes keeps its UTF-8 and reads the strays as Windows-1252 (property)", () => {
    const utf8 = fc.constantFrom("café", "naïve", "√d_k", "≈", "—", "中文", "📌", "x", "y = 1");
    const stray = fc.constantFrom(["’", 0x92], ["“", 0x93], ["”", 0x94], ["–", 0x96], ["€", 0x80]);
    fc.assert(
      fc.property(fc.array(utf8, { minLength: 3, maxLength: 20 }), stray, fc.nat(), (words, [ch, byte], at) => {
        const k = at % words.length;
        const before = words.slice(0, k).join(" ") + " ";
        const after = " " + words.slice(k).join(" ");
        fc.pre([...before + after].filter((c) => c.charCodeAt(0) > 0x7f).length >= 2);
        const bytes = new Uint8Array([...Buffer.from(before, "utf8"), byte as number, ...Buffer.from(after, "utf8")]);
        expect(decodeDocument(bytes)).toEqual({ text: before + ch + after, encoding: "utf-8 and windows-1252" });
      }),
      { numRuns: 300 },
    );
  });

  test("bytes without a BOM decode without a replacement character, unless they spell one in UTF-8 (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        // A UTF-16 BOM is obeyed even when what follows is broken: the importer then reports the � it leaves.
        fc.pre(!(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff));
        fc.pre(!Buffer.from(bytes).includes(Buffer.from("\uFFFD", "utf8")));
        expect(decodeDocument(bytes).text).not.toContain("\uFFFD");
      }),
      { numRuns: 500 },
    );
  });
});

function decodesAsUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
