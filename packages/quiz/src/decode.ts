// Decodes an imported document's bytes: UTF-8 or UTF-16 (little or big endian), with or without a byte-order mark.
// Without a BOM, UTF-16 is recognised by its zero bytes: text that is mostly ASCII has a zero in every other byte,
// which UTF-8 text never has.

export type DocumentEncoding = "utf-8" | "utf-16le" | "utf-16be";

/** Which encoding `bytes` are in: a BOM decides; otherwise the share of zero bytes at even and odd offsets. */
export function detectEncoding(bytes: Uint8Array): DocumentEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  const n = Math.min(bytes.length - (bytes.length % 2), 8192);
  if (n < 2) return "utf-8";
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd > 0.3 * pairs && zeroEven < 0.05 * pairs) return "utf-16le";
  if (zeroEven > 0.3 * pairs && zeroOdd < 0.05 * pairs) return "utf-16be";
  return "utf-8";
}

/** The document's text (BOM removed) and the encoding it was read as. */
export function decodeDocument(bytes: Uint8Array): { text: string; encoding: DocumentEncoding } {
  const encoding = detectEncoding(bytes);
  // TextDecoder removes a matching BOM itself (ignoreBOM: false).
  return { text: new TextDecoder(encoding).decode(bytes), encoding };
}
