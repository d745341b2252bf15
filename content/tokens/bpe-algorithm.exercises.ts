import { defineExercises } from "@qkv/quiz";
import { bpeEncode, learnBpe, type BpeTokenizer } from "@qkv/core";

export default defineExercises([
  {
    id: "first-merge-count",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const words = ["ab", "abc", "bc", "ca", "bca", "cab"];
      const counts = words.map(() => 1 + rng.int(6));
      // One chunk (no pre-tokenisation): the newline separators are ordinary bytes and pairs may include them.
      const text = words.map((w, i) => Array(counts[i]).fill(w).join("\n")).join("\n");
      const tok = learnBpe(text, { numMerges: 1, minFrequency: 1, pretokenizer: "none" });
      const m = tok.merges[0];
      return {
        prompt:
          `A corpus holds these words with counts: ${words.map((w, i) => `"${w}"×${counts[i]}`).join(", ")}, written one word per line ` +
          `(the newline is an ordinary symbol). Counting adjacent symbol pairs over the whole text, how often does the most frequent pair occur?`,
        expected: m.count,
        explanation: `The most frequent pair is ${JSON.stringify(m.display)} with ${m.count} occurrences; BPE's first merge creates that token. Pairs with the newline count too, which is why real tokenizers pre-tokenize so merges never cross word boundaries.`,
      };
    },
  },
  {
    id: "encode-order",
    kind: "multiple-choice",
    prompt: "A trained BPE tokenizer encodes a new word. In which order are merges applied?",
    choices: [
      { text: "In the order they were learned (lowest rank first), repeatedly, until none applies", correct: true, explanation: "Encoding replays the training procedure deterministically." },
      { text: "Longest vocabulary match from the left", correct: false, explanation: "That is WordPiece's greedy encoding, not BPE's." },
      { text: "The segmentation with the highest unigram probability", correct: false, explanation: "That is the Unigram LM tokenizer (Viterbi decoding)." },
      { text: "Most frequent pair in the new word first", correct: false, explanation: "Frequencies in the new text are irrelevant; only the learned merge ranks matter." },
    ],
  },
  {
    id: "vocab-size",
    kind: "numeric",
    tolerance: { abs: 0 },
    generate(rng) {
      const merges = 3 + rng.int(18);
      const tok = learnBpe("the cat sat on the mat and the rat ate the hat ".repeat(20), { numMerges: merges, minFrequency: 1 });
      return {
        prompt: `A byte-level BPE tokenizer (256 base bytes, no special tokens) learned ${tok.merges.length} merges. How large is its vocabulary?`,
        expected: tok.vocab.length,
        mistakes: [
          { name: "forget the 256 base bytes (count only the merges)", value: tok.merges.length },
        ],
        explanation: `Each merge adds exactly one token: $256 + ${tok.merges.length} = ${tok.vocab.length}$.`,
      };
    },
  },
  {
    id: "recall-bpe",
    kind: "recall",
    prompt: "State the BPE training loop in two lines and what the tokenizer stores.",
    answer: "Start from characters/bytes; repeatedly count adjacent pairs (weighted by word frequency) and merge the most frequent into a new symbol. It stores the vocabulary and the ordered merge list.",
  },
  {
    id: "implement-bpe-encode",
    kind: "code",
    prompt:
      "Implement `encodeWord(bytes: number[], merges: number[][]): number[]`. `merges[r] = [left, right, newId]` is the merge " +
      "of rank `r` (learned `r`-th, `newId = 256 + r`). Return the token ids BPE produces for the byte sequence. Careful: when " +
      "several merges apply, which one goes first?",
    functionName: "encodeWord",
    starter: `export function encodeWord(bytes: number[], merges: number[][]): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function encodeWord(bytes: number[], merges: number[][]): number[] {
  let ids = bytes.slice();
  // Lowest rank first: a merge can only need tokens made by earlier merges, so one pass in rank order suffices.
  for (const [left, right, id] of merges) {
    const out: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) {
        out.push(id);
        i++;
      } else out.push(ids[i]);
    }
    ids = out;
  }
  return ids;
}
`,
    tests(rng) {
      const cases: unknown[][] = [];
      // The case that separates rank order from position order: "abc" with merges b+c, a+b, ab+c.
      const [a, b, c] = [97, 98, 99];
      cases.push([[a, b, c], [[b, c, 256], [a, b, 257], [257, c, 258]]]);
      for (let k = 0; k < 8; k++) {
        const word = () => Array.from({ length: 2 + rng.int(4) }, () => "abcd"[rng.int(4)]).join("");
        const corpus = Array.from({ length: 12 }, word).join("");
        const tok = learnBpe(corpus, { numMerges: 3 + rng.int(5), minFrequency: 1, pretokenizer: "none" });
        const merges = tok.merges.map((m) => [m.left, m.right, m.id]);
        cases.push([Array.from(word() + word(), (ch) => ch.charCodeAt(0)), merges]);
      }
      return cases.map((args) => ({ args }));
    },
    reference(bytes, merges) {
      const list = merges as number[][];
      const tok: BpeTokenizer = {
        pretokenizer: "none",
        merges: list.map(([left, right, id], rank) => ({ rank, left, right, id, count: 0, display: "" })),
        vocab: [],
      };
      return bpeEncode(tok, String.fromCharCode(...(bytes as number[])));
    },
    tolerance: { abs: 0 },
    wrongSolutions: [
      {
        label: "scans left to right and applies the first merge that matches at each position (position order, not rank order)",
        code: `export function encodeWord(bytes: number[], merges: number[][]): number[] {
  let ids = bytes.slice();
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i + 1 < ids.length && !changed; i++) {
      const m = merges.find(([l, r]) => l === ids[i] && r === ids[i + 1]);
      if (m) {
        ids = [...ids.slice(0, i), m[2], ...ids.slice(i + 2)];
        changed = true;
      }
    }
  }
  return ids;
}
`,
      },
      {
        label: "applies the merges in reverse order (latest learned first)",
        code: `export function encodeWord(bytes: number[], merges: number[][]): number[] {
  let ids = bytes.slice();
  for (const [left, right, id] of merges.slice().reverse()) {
    const out: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (i + 1 < ids.length && ids[i] === left && ids[i + 1] === right) {
        out.push(id);
        i++;
      } else out.push(ids[i]);
    }
    ids = out;
  }
  return ids;
}
`,
      },
    ],
  },
]);
