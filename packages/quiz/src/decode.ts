// Decodes an imported document's bytes: UTF-8 or UTF-16 (little or big endian), with or without a byte-order mark,
// and single-byte Windows-1252 (Latin-1 is its subset for printable text) when the bytes are not valid UTF-8. A file
// pasted together from both (valid UTF-8 sequences and stray Windows-1252 bytes) is decoded sequence by sequence.
// Without a BOM, UTF-16 is recognised by its zero bytes: text that is mostly ASCII has a zero in every other byte,
// which UTF-8 text never has; CJK or Cyrillic UTF-16 has fewer zeros (spaces, newlines, Markdown marks), but still
// only at one parity, and it is never valid UTF-8.
import { decodeCodePage } from "./mojibake.js";

export type DocumentEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252" | "utf-8 and windows-1252";

/** Zero bytes at even and odd offsets among the first 8 KiB, as shares of the byte pairs. */
function zeroShares(bytes: Uint8Array): { even: number; odd: number } {
  const n = Math.min(bytes.length - (bytes.length % 2), 8192);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = Math.max(n / 2, 1);
  return { even: even / pairs, odd: odd / pairs };
}

function decodes(bytes: Uint8Array, label: string): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Which encoding `bytes` are in: a BOM decides; then mostly-ASCII UTF-16 (zeros at one parity); then valid UTF-8;
 * then UTF-16 with fewer zeros, still at one parity only, that decodes without error; else Windows-1252.
 */
export function detectEncoding(bytes: Uint8Array): DocumentEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  const zeros = zeroShares(bytes);
  const even = bytes.length % 2 === 0;
  if (zeros.odd > 0.3 && zeros.even < 0.05 && decodes(bytes, "utf-16le")) return "utf-16le";
  if (zeros.even > 0.3 && zeros.odd < 0.05 && decodes(bytes, "utf-16be")) return "utf-16be";
  if (decodes(bytes, "utf-8")) return "utf-8";
  if (even) {
    if (zeros.odd > 0.02 && zeros.even === 0 && decodes(bytes, "utf-16le")) return "utf-16le";
    if (zeros.even > 0.02 && zeros.odd === 0 && decodes(bytes, "utf-16be")) return "utf-16be";
  }
  return "windows-1252";
}

/** Length of the valid UTF-8 multi-byte sequence at `i`, or 0 (overlong forms and surrogates are not valid). */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const n = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  const second = bytes[i + 1];
  if (b === 0xe0 && second < 0xa0) return 0;
  if (b === 0xed && second > 0x9f) return 0;
  if (b === 0xf0 && second < 0x90) return 0;
  if (b === 0xf4 && second > 0x8f) return 0;
  return n;
}

/**
 * Not valid UTF-8. A mostly-UTF-8 file (more valid multi-byte sequences than stray bytes) with a few Windows-1252
 * bytes pasted in is decoded sequence by sequence: UTF-8 where valid, Windows-1252 for the strays. Otherwise it is
 * a Windows-1252 file, whose rare accidental UTF-8 pairs ("Ü–" is the bytes of "і") must stay Windows-1252.
 */
function decodeMixed(bytes: Uint8Array): { text: string; encoding: DocumentEncoding } {
  let valid = 0;
  let stray = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = bytes[i] < 0x80 ? 0 : utf8SequenceAt(bytes, i);
    if (n > 0) valid++;
    else if (bytes[i] >= 0x80) stray++;
    i += Math.max(n, 1);
  }
  if (valid <= stray) return { text: decodeCodePage(bytes, "cp1252"), encoding: "windows-1252" };
  let text = "";
  let from = 0; // start of the pending run of single bytes
  const flush = (to: number) => {
    if (to > from) text += decodeCodePage(bytes.subarray(from, to), "cp1252");
  };
  for (let i = 0; i < bytes.length; ) {
    const n = bytes[i] < 0x80 ? 0 : utf8SequenceAt(bytes, i);
    if (n === 0) {
      i++;
      continue;
    }
    flush(i);
    text += new TextDecoder("utf-8").decode(bytes.subarray(i, i + n));
    i += n;
    from = i;
  }
  flush(bytes.length);
  return { text, encoding: "utf-8 and windows-1252" };
}

/** The document's text (BOM removed) and the encoding it was read as. */
export function decodeDocument(bytes: Uint8Array): { text: string; encoding: DocumentEncoding } {
  const encoding = detectEncoding(bytes);
  // TextDecoder removes a matching BOM itself (ignoreBOM: false). Node's own "windows-1252" decoder gives C1
  // controls for 0x80..0x9F (no curly quotes, dashes or €), so that code page is decoded from our table.
  if (encoding === "windows-1252") return decodeMixed(bytes);
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}
