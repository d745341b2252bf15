import { defineExercises } from "@qkv/quiz";

const WORDS = ["the", "cat", "dog", "sat", "on", "mat", "a", "red"];
const unigramPrecision = (c: string[], r: string[], clip: boolean) => {
  const ref = new Map<string, number>();
  for (const w of r) ref.set(w, (ref.get(w) ?? 0) + 1);
  const cand = new Map<string, number>();
  for (const w of c) cand.set(w, (cand.get(w) ?? 0) + 1);
  let hit = 0;
  for (const [w, k] of cand) hit += clip ? Math.min(k, ref.get(w) ?? 0) : (ref.has(w) ? k : 0);
  return hit / c.length;
};

/** Sentence BLEU-4 with clipped counts and the brevity penalty (no smoothing). */
const sentenceBleu = (c: string[], r: string[]): number => {
  const grams = (w: string[], n: number) => w.slice(0, w.length - n + 1).map((_, i) => w.slice(i, i + n).join(" "));
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  let logSum = 0;
  for (let n = 1; n <= 4; n++) {
    const cand = count(grams(c, n)), ref = count(grams(r, n));
    let clipped = 0, total = 0;
    for (const [g, k] of cand) { clipped += Math.min(k, ref.get(g) ?? 0); total += k; }
    logSum += Math.log(clipped / total) / 4;
  }
  const bp = c.length > r.length ? 1 : Math.exp(1 - r.length / c.length);
  return bp * Math.exp(logSum);
};

export default defineExercises([
  {
    id: "clipped-unigram",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const r = Array.from({ length: 6 }, () => WORDS[rng.int(WORDS.length)]);
      const rep = r[rng.int(6)];
      const c = [...Array.from({ length: 2 + rng.int(3) }, () => rep), ...Array.from({ length: 3 }, () => WORDS[rng.int(WORDS.length)])];
      const expected = unigramPrecision(c, r, true);
      return {
        prompt: `Reference: "${r.join(" ")}". Candidate: "${c.join(" ")}". What is BLEU's modified (clipped) unigram precision $p_1$? (4 decimals)`,
        expected,
        mistakes: [{ name: "forget to clip counts to the reference counts", value: unigramPrecision(c, r, false) }].filter((m) => Math.abs(m.value - expected) > 1e-4),
        explanation: `Each candidate word counts at most as often as it occurs in the reference; matched ${Math.round(expected * c.length)} of ${c.length}.`,
      };
    },
  },
  {
    id: "brevity-penalty",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const r = 20 + rng.int(20);
      const c = r - 2 - rng.int(10);
      const bp = Math.exp(1 - r / c);
      return {
        prompt: `A candidate of ${c} tokens is scored against a reference of ${r} tokens. What is BLEU's brevity penalty? (4 decimals)`,
        expected: bp,
        mistakes: [
          { name: "use the length ratio c/r", value: c / r },
          { name: "swap r and c in the exponent", value: Math.exp(1 - c / r) },
        ],
        explanation: `$c \\le r$, so $\\mathrm{BP} = e^{1 - ${r}/${c}} = ${bp.toFixed(4)}$.`,
      };
    },
  },
  {
    id: "bleu-of-correct-prefix",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const r = Array.from({ length: 10 + rng.int(6) }, () => WORDS[rng.int(WORDS.length)]);
      const c = r.slice(0, 5 + rng.int(4));
      const expected = sentenceBleu(c, r);
      return {
        prompt:
          `Reference: "${r.join(" ")}" (${r.length} words). Candidate: "${c.join(" ")}" (${c.length} words), its first ${c.length} words exactly. ` +
          `What is the (unsmoothed, sentence-level) BLEU-4 score? Reason about the four precisions before computing anything.`,
        expected,
        mistakes: [
          { name: "stop at the precisions (all 1) and forget the brevity penalty", value: 1 },
          { name: "use the length ratio c/r as the brevity penalty", value: c.length / r.length },
        ],
        explanation:
          `Every n-gram of a prefix occurs in the reference, so $p_1 = \\dots = p_4 = 1$ and BLEU is the brevity penalty alone: ` +
          `$e^{1 - ${r.length}/${c.length}} = ${expected.toFixed(4)}$. Precision cannot see missing content; only BP punishes it.`,
      };
    },
  },
]);
