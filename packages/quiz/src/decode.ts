// Decodes an imported document's bytes: UTF-8 or UTF-16 (little or big endian), with or without a byte-order mark,
// and single-byte Windows-1252 (Latin-1 is its subset for printable text) when the bytes are not valid UTF-8.
// Without a BOM, UTF-16 is recognised by its zero bytes: text that is mostly ASCII has a zero in every other byte,
// which UTF-8 text never has; CJK or Cyrillic UTF-16 has fewer zeros (spaces, newlines, Markdown marks), but still
// only at one parity, and it is never valid UTF-8.
import { decodeCodePage } from "./mojibake.js";

export type DocumentEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

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

/** The document's text (BOM removed) and the encoding it was read as. */
export function decodeDocument(bytes: Uint8Array): { text: string; encoding: DocumentEncoding } {
  const encoding = detectEncoding(bytes);
  // TextDecoder removes a matching BOM itself (ignoreBOM: false). Node's own "windows-1252" decoder gives C1
  // controls for 0x80..0x9F (no curly quotes, dashes or €), so that code page is decoded from our table.
  const text = encoding === "windows-1252" ? decodeCodePage(bytes, "cp1252") : new TextDecoder(encoding).decode(bytes);
  return { text, encoding };
}
