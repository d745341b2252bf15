import { ArgumentError } from "./errors.js";

/** What `encode` does with a character outside the vocabulary. */
export type UnknownCharPolicy = "error" | "skip";

/**
 * Character-level tokenizer: token id i is the i-th character of the vocabulary (Unicode code points, not UTF-16
 * units, so "é" or "≤" is one token). Built from a training text it covers exactly the characters seen there.
 */
export class CharTokenizer {
  /** The vocabulary, id → character. */
  readonly chars: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  constructor(chars: readonly string[]) {
    const ids = new Map<string, number>();
    chars.forEach((c, i) => {
      if (typeof c !== "string" || [...c].length !== 1) throw new ArgumentError("CharTokenizer", "chars", `must hold single characters, got ${JSON.stringify(c)} at ${i}`);
      if (ids.has(c)) throw new ArgumentError("CharTokenizer", "chars", `must not repeat a character, got ${JSON.stringify(c)} twice`);
      ids.set(c, i);
    });
    this.chars = Object.freeze([...chars]);
    this.ids = ids;
  }

  /** The sorted set of characters in `text` (code-point order, so the same text always gives the same ids). */
  static fromText(text: string): CharTokenizer {
    return new CharTokenizer([...new Set(text)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  }

  get vocabSize(): number {
    return this.chars.length;
  }

  encode(text: string, onUnknown: UnknownCharPolicy = "error"): number[] {
    const out: number[] = [];
    for (const c of text) {
      const id = this.ids.get(c);
      if (id !== undefined) out.push(id);
      else if (onUnknown === "error") {
        throw new ArgumentError("CharTokenizer.encode", "text", `contains ${JSON.stringify(c)} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}), which is not in the vocabulary`);
      }
    }
    return out;
  }

  decode(ids: readonly number[]): string {
    return ids
      .map((id, i) => {
        const c = this.chars[id];
        if (c === undefined) throw new ArgumentError("CharTokenizer.decode", "ids", `must hold ids in [0, ${this.vocabSize}), got ${id} at ${i}`);
        return c;
      })
      .join("");
  }
}
