import { ArgumentError } from "./errors.js";

/**
 * Byte-level byte-pair encoding (Sennrich et al. 2016; byte-level as in GPT-2, Radford et al. 2019).
 *
 * The base vocabulary is the 256 byte values, so every UTF-8 string (emoji included) can be encoded and decoded
 * losslessly; no "unknown" token exists. Learning repeats:
 *
 *   count every adjacent pair (a, b) in the pre-tokenised corpus (weighted by how often each chunk occurs)
 *   pick the most frequent pair (ties: smallest a, then smallest b)
 *   add token n = bytes(a) ++ bytes(b), and replace every (a, b) by n
 *
 * Encoding a text pre-tokenises it the same way, turns each chunk into byte ids and applies the learned merges in
 * the order they were learned (lowest rank first), exactly like GPT-2's `encoder.py`. Merges never cross chunk
 * boundaries, which is why the pre-tokeniser matters.
 */

/** How text is split into chunks before merging: GPT-2's regex, whitespace-prefixed words, or not at all. */
export type Pretokenizer = "gpt2" | "whitespace" | "none";

/** One learned merge. `rank` is its position in the merge list (0 = learned first = applied first). */
export interface BpeMerge {
  readonly rank: number;
  readonly left: number;
  readonly right: number;
  /** The new token's id (256 + rank). */
  readonly id: number;
  /** How often the pair occurred when it was chosen. */
  readonly count: number;
  /** The new token's bytes, shown with GPT-2's printable byte alphabet (a space shows as "Ġ"). */
  readonly display: string;
}

export interface BpeTokenizer {
  readonly pretokenizer: Pretokenizer;
  readonly merges: readonly BpeMerge[];
  /** vocab[id] = the bytes token `id` stands for; ids 0..255 are the single bytes. */
  readonly vocab: readonly Uint8Array[];
}

export interface LearnBpeOptions {
  /** Number of merges to learn (vocabulary = 256 + numMerges); learning stops early when no pair is frequent enough. */
  numMerges: number;
  /** Pairs seen fewer times than this are never merged. Default 2. */
  minFrequency?: number;
  /** Default "gpt2". */
  pretokenizer?: Pretokenizer;
}

// GPT-2's pre-tokenisation regex (contractions, letter runs, digit runs, punctuation runs, whitespace).
const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const WHITESPACE_PATTERN = /\s*\S+|\s+/gu;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

/** Split text into the chunks merges may not cross. Concatenating the chunks gives the text back. */
export function pretokenize(text: string, pretokenizer: Pretokenizer = "gpt2"): string[] {
  checkText("pretokenize", text);
  checkPretokenizer("pretokenize", pretokenizer);
  if (text === "") return [];
  if (pretokenizer === "none") return [text];
  return text.match(pretokenizer === "gpt2" ? GPT2_PATTERN : WHITESPACE_PATTERN) ?? [];
}

/** Learn `numMerges` merges from `text` (see the module comment for the procedure and tie-break). */
export function learnBpe(text: string, options: LearnBpeOptions): BpeTokenizer {
  const fn = "learnBpe";
  checkText(fn, text);
  const { numMerges, minFrequency = 2, pretokenizer = "gpt2" } = options;
  if (!Number.isInteger(numMerges) || numMerges < 0) {
    throw new ArgumentError(fn, "numMerges", `must be a non-negative integer, got ${numMerges}`);
  }
  if (!Number.isInteger(minFrequency) || minFrequency < 1) {
    throw new ArgumentError(fn, "minFrequency", `must be a positive integer, got ${minFrequency}`);
  }
  checkPretokenizer(fn, pretokenizer);

  // Distinct chunks with their counts; each chunk is a sequence of token ids, initially its bytes.
  const counts = new Map<string, number>();
  for (const chunk of pretokenize(text, pretokenizer)) counts.set(chunk, (counts.get(chunk) ?? 0) + 1);
  const words: { ids: number[]; count: number }[] = [...counts].map(([chunk, count]) => ({
    ids: [...encoder.encode(chunk)],
    count,
  }));

  const vocab: Uint8Array[] = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
  const merges: BpeMerge[] = [];
  for (let rank = 0; rank < numMerges; rank++) {
    const pairCounts = new Map<number, number>(); // key = left * 2^21 + right (ids stay far below 2^21)
    for (const { ids, count } of words) {
      for (let i = 0; i + 1 < ids.length; i++) {
        const key = ids[i] * PAIR_BASE + ids[i + 1];
        pairCounts.set(key, (pairCounts.get(key) ?? 0) + count);
      }
    }
    let best = -1;
    let bestCount = 0;
    for (const [key, count] of pairCounts) {
      if (count > bestCount || (count === bestCount && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    if (best < 0 || bestCount < minFrequency) break;
    const left = Math.floor(best / PAIR_BASE);
    const right = best % PAIR_BASE;
    const id = vocab.length;
    const bytes = concatBytes(vocab[left], vocab[right]);
    vocab.push(bytes);
    merges.push({ rank, left, right, id, count: bestCount, display: displayBytes(bytes) });
    for (const word of words) word.ids = mergePair(word.ids, left, right, id);
  }
  return { pretokenizer, merges, vocab };
}

/** Encode text into token ids: pre-tokenise, map each chunk to bytes, apply merges by rank. */
export function bpeEncode(tokenizer: BpeTokenizer, text: string): number[] {
  checkText("bpeEncode", text);
  const ranks = mergeIndex(tokenizer);
  const out: number[] = [];
  for (const chunk of pretokenize(text, tokenizer.pretokenizer)) {
    let ids = [...encoder.encode(chunk)];
    // GPT-2: repeatedly apply the lowest-ranked merge present in the chunk.
    for (;;) {
      let merge: BpeMerge | undefined;
      for (let i = 0; i + 1 < ids.length; i++) {
        const m = ranks.get(ids[i] * PAIR_BASE + ids[i + 1]);
        if (m && (!merge || m.rank < merge.rank)) merge = m;
      }
      if (!merge) break;
      ids = mergePair(ids, merge.left, merge.right, merge.id);
    }
    out.push(...ids);
  }
  return out;
}

/** Decode token ids back to text: concatenate their bytes and read them as UTF-8. */
export function bpeDecode(tokenizer: BpeTokenizer, ids: readonly number[]): string {
  const parts: Uint8Array[] = ids.map((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= tokenizer.vocab.length) {
      throw new ArgumentError(
        "bpeDecode",
        "ids",
        `must hold integer token ids in [0, ${tokenizer.vocab.length}), got ${id} at position ${i}`,
      );
    }
    return tokenizer.vocab[id];
  });
  return decoder.decode(concatBytes(...parts));
}

/** The printable form of one token (GPT-2 byte alphabet), for showing tokenisations. */
export function bpeTokenDisplay(tokenizer: BpeTokenizer, id: number): string {
  if (!Number.isInteger(id) || id < 0 || id >= tokenizer.vocab.length) {
    throw new ArgumentError("bpeTokenDisplay", "id", `must be an integer in [0, ${tokenizer.vocab.length}), got ${id}`);
  }
  return displayBytes(tokenizer.vocab[id]);
}

const PAIR_BASE = 2 ** 21;

// (left, right) → merge, built once per tokenizer.
const mergeIndexes = new WeakMap<BpeTokenizer, Map<number, BpeMerge>>();

function mergeIndex(tokenizer: BpeTokenizer): Map<number, BpeMerge> {
  let index = mergeIndexes.get(tokenizer);
  if (!index) {
    index = new Map(tokenizer.merges.map((m) => [m.left * PAIR_BASE + m.right, m]));
    mergeIndexes.set(tokenizer, index);
  }
  return index;
}

function mergePair(ids: number[], left: number, right: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) {
      out.push(id);
      i++;
    } else {
      out.push(ids[i]);
    }
  }
  return out;
}

function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

// GPT-2's bytes_to_unicode: printable bytes map to themselves, the others to code points 256+, so every byte
// has a visible one-character name (space → "Ġ", newline → "Ċ").
const BYTE_CHARS: string[] = (() => {
  const printable = (b: number): boolean =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let next = 256;
  return Array.from({ length: 256 }, (_, b) => String.fromCodePoint(printable(b) ? b : next++));
})();

function displayBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => BYTE_CHARS[b]).join("");
}

function checkText(fn: string, text: string): void {
  if (typeof text !== "string") throw new ArgumentError(fn, "text", `must be a string, got ${typeof text}`);
  const m = LONE_SURROGATE.exec(text);
  if (m) {
    throw new ArgumentError(
      fn,
      "text",
      `must be well-formed UTF-16 (UTF-8 cannot encode a lone surrogate), got U+${m[0].charCodeAt(0).toString(16).toUpperCase()} at index ${m.index}`,
    );
  }
}

function checkPretokenizer(fn: string, p: string): void {
  if (p !== "gpt2" && p !== "whitespace" && p !== "none") {
    throw new ArgumentError(fn, "pretokenizer", `must be "gpt2", "whitespace" or "none", got ${JSON.stringify(p)}`);
  }
}
