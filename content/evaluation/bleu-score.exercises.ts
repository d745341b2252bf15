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
]);
