// Repairs mojibake: UTF-8 text whose bytes were decoded with a single-byte code page (Windows-1252, Windows-1254,
// Mac Roman) and saved again, e.g. "📌" → "ğŸ“Œ" (1254), "ðŸ“Œ" (1252), "✅" → "âœ…", "🟢" → "üü¢" (Mac Roman).
// The repair maps characters back to the code page's bytes and re-decodes those bytes as UTF-8 where they form valid
// multi-byte sequences, but only where that is mojibake with high confidence: correct text such as "l’état", "√π",
// "(–∞, ∞)", "„Maß“" or "CAFÉ…" also contains byte patterns that happen to be valid UTF-8 in some code page, and it
// must pass through unchanged. Confident sequences are 3- and 4-byte ones, ones containing a C1 control character,
// the classic Â/Ã pairs, and a re-decoded Latin letter inside a word; the other (weak) sequences are repaired only
// in a text that shows confident mojibake of the same code page.

export type CodePage = "cp1252" | "cp1254" | "mac-roman";

// Characters for bytes 0x80..0xFF. Bytes a code page leaves undefined map to the C1 control character of the same
// value, which is what Latin-1-style decoders produce for them.
const TABLES: Record<CodePage, string> = {
  cp1252:
    "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf\u00d0\u00d1\u00d2\u00d3\u00d4\u00d5\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u00dd\u00de\u00df\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u00ec\u00ed\u00ee\u00ef\u00f0\u00f1\u00f2\u00f3\u00f4\u00f5\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u00fd\u00fe\u00ff",
  cp1254:
    "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u008e\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u009e\u0178\u00a0\u00a1\u00a2\u00a3\u00a4\u00a5\u00a6\u00a7\u00a8\u00a9\u00aa\u00ab\u00ac\u00ad\u00ae\u00af\u00b0\u00b1\u00b2\u00b3\u00b4\u00b5\u00b6\u00b7\u00b8\u00b9\u00ba\u00bb\u00bc\u00bd\u00be\u00bf\u00c0\u00c1\u00c2\u00c3\u00c4\u00c5\u00c6\u00c7\u00c8\u00c9\u00ca\u00cb\u00cc\u00cd\u00ce\u00cf\u011e\u00d1\u00d2\u00d3\u00d4\u00d5\u00d6\u00d7\u00d8\u00d9\u00da\u00db\u00dc\u0130\u015e\u00df\u00e0\u00e1\u00e2\u00e3\u00e4\u00e5\u00e6\u00e7\u00e8\u00e9\u00ea\u00eb\u00ec\u00ed\u00ee\u00ef\u011f\u00f1\u00f2\u00f3\u00f4\u00f5\u00f6\u00f7\u00f8\u00f9\u00fa\u00fb\u00fc\u0131\u015f\u00ff",
  "mac-roman":
    "\u00c4\u00c5\u00c7\u00c9\u00d1\u00d6\u00dc\u00e1\u00e0\u00e2\u00e4\u00e3\u00e5\u00e7\u00e9\u00e8\u00ea\u00eb\u00ed\u00ec\u00ee\u00ef\u00f1\u00f3\u00f2\u00f4\u00f6\u00f5\u00fa\u00f9\u00fb\u00fc\u2020\u00b0\u00a2\u00a3\u00a7\u2022\u00b6\u00df\u00ae\u00a9\u2122\u00b4\u00a8\u2260\u00c6\u00d8\u221e\u00b1\u2264\u2265\u00a5\u00b5\u2202\u2211\u220f\u03c0\u222b\u00aa\u00ba\u03a9\u00e6\u00f8\u00bf\u00a1\u00ac\u221a\u0192\u2248\u2206\u00ab\u00bb\u2026\u00a0\u00c0\u00c3\u00d5\u0152\u0153\u2013\u2014\u201c\u201d\u2018\u2019\u00f7\u25ca\u00ff\u0178\u2044\u20ac\u2039\u203a\ufb01\ufb02\u2021\u00b7\u201a\u201e\u2030\u00c2\u00ca\u00c1\u00cb\u00c8\u00cd\u00ce\u00cf\u00cc\u00d3\u00d4\uf8ff\u00d2\u00da\u00db\u00d9\u0131\u02c6\u02dc\u00af\u02d8\u02d9\u02da\u00b8\u02dd\u02db\u02c7",
};

const REVERSE: Record<CodePage, Map<string, number>> = {} as Record<CodePage, Map<string, number>>;
for (const cp of Object.keys(TABLES) as CodePage[]) {
  const m = new Map<string, number>();
  // Latin-1 decoders (and Node's "windows-1252") turn 0x80..0x9F into C1 controls: accept those as bytes too.
  if (cp !== "mac-roman") for (let b = 0x80; b <= 0x9f; b++) m.set(String.fromCharCode(b), b);
  [...TABLES[cp]].forEach((ch, i) => m.set(ch, 0x80 + i));
  REVERSE[cp] = m;
}

export const CODE_PAGES: readonly CodePage[] = ["cp1252", "cp1254", "mac-roman"];

/** Decodes single-byte text in code page `cp` (bytes it leaves undefined become the C1 control of the same value). */
export function decodeCodePage(bytes: Uint8Array, cp: CodePage): string {
  const table = TABLES[cp];
  let out = "";
  for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : table[b - 0x80];
  return out;
}

/** Byte of `ch` in code page `cp`, or -1 when the character is not in it. ASCII maps to itself. */
function byteOf(cp: CodePage, ch: string): number {
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c < 0x80) return c;
  return REVERSE[cp].get(ch) ?? -1;
}

/** Bytes of a UTF-8 sequence led by `b` (0 when `b` cannot lead a multi-byte sequence). */
function sequenceLength(b: number): number {
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

const isContinuation = (b: number) => b >= 0x80 && b <= 0xbf;

type Step = { kind: "char"; text: string; length: number } | { kind: "broken"; length: number } | null;

/**
 * Tries to decode one UTF-8 sequence from the code-page bytes of `chars` at `i`. Returns the decoded character,
 * a "broken" sequence (a lead byte with some but too few continuation bytes, typical when the code page dropped
 * an undefined byte such as 0x8D), or null.
 */
function decodeAt(cp: CodePage, chars: string[], i: number): Step {
  const lead = byteOf(cp, chars[i]);
  const n = sequenceLength(lead);
  if (n === 0) return null;
  const bytes = [lead];
  for (let k = 1; k < n; k++) {
    const ch = chars[i + k];
    const b = ch === undefined ? -1 : byteOf(cp, ch);
    if (!isContinuation(b)) {
      // Only multi-byte leads with at least one continuation are evidence enough to call it broken mojibake.
      return k >= 2 ? { kind: "broken", length: k } : null;
    }
    bytes.push(b);
  }
  let cpValue: number;
  if (n === 2) cpValue = ((bytes[0] & 0x1f) << 6) | (bytes[1] & 0x3f);
  else if (n === 3) cpValue = ((bytes[0] & 0x0f) << 12) | ((bytes[1] & 0x3f) << 6) | (bytes[2] & 0x3f);
  else cpValue = ((bytes[0] & 0x07) << 18) | ((bytes[1] & 0x3f) << 12) | ((bytes[2] & 0x3f) << 6) | (bytes[3] & 0x3f);
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (cpValue < min || cpValue > 0x10ffff || (cpValue >= 0xd800 && cpValue <= 0xdfff)) return null;
  return { kind: "char", text: String.fromCodePoint(cpValue), length: n };
}

export interface MojibakeRepair {
  text: string;
  /** Multi-byte sequences re-decoded. */
  repaired: number;
  /** Truncated sequences removed (bytes the wrong decoding had dropped). */
  dropped: number;
  /** Code pages applied, in order (more than one for doubly mis-decoded text). */
  codePages: CodePage[];
}

/** One repaired (or removed) sequence: its 1-based line in the input, what it was, what it became ("" if removed). */
export interface MojibakeChange {
  line: number;
  from: string;
  to: string;
}

const isC1 = (ch: string) => ch.length === 1 && ch.charCodeAt(0) >= 0x80 && ch.charCodeAt(0) <= 0x9f;
const isAsciiLetter = (ch: string | undefined) => ch !== undefined && /^[A-Za-z]$/.test(ch);
/** Latin-1 and Latin Extended-A letters (not × and ÷): what mis-decoded accented words contain. */
const isLatinLetter = (cp: number) => cp >= 0xc0 && cp <= 0x17f && cp !== 0xd7 && cp !== 0xf7;
/** Mac Roman characters that follow √, ≈, ∆ … in real mathematical text (√π, ≈∞). */
const MAC_MATH = new Set([..."∞±≤≥∂∑∏π∫≠°"]);
/** Typographic punctuation that follows letters in real text (CAFÉ…, Ä“); in cp1252/1254. */
const TYPOGRAPHIC = new Set([..."…–—’‘“”•„‚‹›«»°·"]);

/**
 * Whether a decoded 2-byte sequence (chars[i], chars[i + 1]) is mojibake with high confidence on its own: it has
 * a C1 control character (never in real text); or it is a Windows-125x Â/Ã pair (é → Ã©, × → Ã—), or an Ä/Å
 * pair not followed by ordinary punctuation (ğ → ÄŸ, while "Ä“" stays); or a Mac Roman ¬/√/ƒ/≈/∆ pair that is not real math (é → √©, but √π stays);
 * or the decoded letter sits inside a word (caf + é).
 */
function confidentPair(cp: CodePage, chars: string[], i: number, decoded: number): boolean {
  const [lead, cont] = [chars[i], chars[i + 1]];
  if (isC1(lead) || isC1(cont)) return true;
  if (cp !== "mac-roman" && ("ÂÃ".includes(lead) || ("ÄÅ".includes(lead) && !TYPOGRAPHIC.has(cont)))) return true;
  if (cp === "mac-roman" && "¬√ƒ≈∆".includes(lead) && !MAC_MATH.has(cont)) return true;
  return isLatinLetter(decoded) && (isAsciiLetter(chars[i - 1]) || isAsciiLetter(chars[i + 2]));
}

interface Found {
  at: number;
  length: number;
  /** Decoded text, or null for a broken sequence (removed). */
  text: string | null;
  confident: boolean;
}

/** Every multi-byte sequence of code page `cp` in `chars`, with its confidence. */
function scan(cp: CodePage, chars: string[]): Found[] {
  const out: Found[] = [];
  for (let i = 0; i < chars.length;) {
    const step = decodeAt(cp, chars, i);
    if (step === null) {
      i++;
      continue;
    }
    if (step.kind === "broken") out.push({ at: i, length: step.length, text: null, confident: false });
    else {
      const confident = step.length >= 3 || confidentPair(cp, chars, i, step.text.codePointAt(0)!);
      out.push({ at: i, length: step.length, text: step.text, confident });
    }
    i += step.length;
  }
  return out;
}

/**
 * Re-decodes mojibake, locally: only the sequences found are replaced, everything else is kept as it was. Picks the
 * code page with the most confident sequences (ties go to Windows-1252); weak sequences of that code page are
 * repaired too, since the text has shown that it was mis-decoded that way. Text without a confident sequence is
 * returned unchanged. Repeats for doubly mis-decoded text.
 */
export function repairMojibakeWithChanges(text: string): MojibakeRepair & { changes: MojibakeChange[] } {
  let current = text;
  let repaired = 0;
  let dropped = 0;
  const codePages: CodePage[] = [];
  const changes: MojibakeChange[] = [];
  for (let round = 0; round < 3; round++) {
    if (!/[\u0080-\uffff]/.test(current)) break;
    const chars = [...current];
    let best: { cp: CodePage; found: Found[]; confident: number } | null = null;
    for (const cp of CODE_PAGES) {
      const found = scan(cp, chars);
      const confident = found.reduce((n, f) => n + (f.confident ? f.length : 0), 0); // longer = stronger evidence
      if (confident > (best?.confident ?? 0)) best = { cp, found, confident };
    }
    if (!best) break;
    // Line of each character, for the report (repairs never touch "\n", so lines are stable across rounds).
    let out = "";
    let line = 1;
    let next = 0;
    for (const f of best.found) {
      for (; next < f.at; next++) {
        out += chars[next];
        if (chars[next] === "\n") line++;
      }
      const from = chars.slice(f.at, f.at + f.length).join("");
      if (f.text === null) dropped++;
      else repaired++;
      out += f.text ?? "";
      changes.push({ line, from, to: f.text ?? "" });
      next = f.at + f.length;
    }
    out += chars.slice(next).join("");
    current = out;
    codePages.push(best.cp);
  }
  return { text: current, repaired, dropped, codePages, changes };
}

/** `repairMojibakeWithChanges` without the list of changes. */
export function repairMojibake(text: string): MojibakeRepair {
  const { changes: _changes, ...rest } = repairMojibakeWithChanges(text);
  return rest;
}
