import { defineExercises } from "@qkv/quiz";

const WORDS = ["a", "b", "c", "d", "e", "f"];
const lcs = (a: string[], b: string[]) => {
  const dp = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++)
    dp[i][j] = a[i - 1] === b[j - 1] ? dp[i - 1][j - 1] + 1 : Math.max(dp[i - 1][j], dp[i][j - 1]);
  return dp[a.length][b.length];
};
const longestCommonSubstring = (a: string[], b: string[]) => {
  let best = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) {
    let k = 0;
    while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
    best = Math.max(best, k);
  }
  return best;
};

export default defineExercises([
  {
    id: "rouge-l-recall",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const ref = Array.from({ length: 7 }, () => WORDS[rng.int(WORDS.length)]);
      const cand = Array.from({ length: 6 }, () => WORDS[rng.int(WORDS.length)]);
      const l = lcs(cand, ref);
      return {
        prompt: `Reference tokens: ${ref.join(" ")}. Candidate tokens: ${cand.join(" ")}. What is the ROUGE-L **recall** (LCS length / reference length)? (4 decimals)`,
        expected: l / ref.length,
        mistakes: [
          { name: "divide by the candidate length (that is precision)", value: l / cand.length },
          { name: "use the longest common contiguous substring instead of subsequence", value: longestCommonSubstring(cand, ref) / ref.length },
        ].filter((m) => Math.abs(m.value - l / ref.length) > 1e-4),
        explanation: `The longest common subsequence has ${l} tokens; recall $= ${l}/${ref.length} = ${(l / ref.length).toFixed(4)}$.`,
      };
    },
  },
  {
    id: "rouge-vs-bleu",
    kind: "multiple-choice",
    prompt: "Why was ROUGE designed around recall while BLEU is built on precision?",
    choices: [
      { text: "A summary should not miss the reference's content (recall); a translation should not add words the reference lacks (precision)", correct: true, explanation: "BLEU then needs a brevity penalty against short outputs; ROUGE-recall would reward long ones, hence F1 today." },
      { text: "ROUGE compares meanings, BLEU compares words", correct: false, explanation: "Both compare surface n-grams." },
      { text: "Recall is cheaper to compute", correct: false, explanation: "Both are the same counts divided by different lengths." },
    ],
  },
  {
    id: "negation-rouge-l",
    kind: "numeric",
    tolerance: { abs: 1e-4 },
    generate(rng) {
      const subjects = ["the model", "the new drug", "the policy", "the patch"];
      const claims = ["accurate on", "effective in", "safe in", "reliable in"];
      const objects = ["the main benchmark", "all three trials", "the pilot study", "the final review"];
      const ref = `${subjects[rng.int(4)]} was ${claims[rng.int(4)]} ${objects[rng.int(4)]}`.split(" ");
      // The summary copies the reference and inserts "not" after "was": the claim is inverted.
      const at = ref.indexOf("was") + 1;
      const cand = [...ref.slice(0, at), "not", ...ref.slice(at)];
      const l = lcs(cand, ref);
      const p = l / cand.length, r = l / ref.length;
      const expected = (2 * p * r) / (p + r);
      return {
        prompt:
          `Reference: "${ref.join(" ")}". A summary reads "${cand.join(" ")}", the opposite claim. ` +
          `What ROUGE-L F1 does it get (LCS-based, whitespace tokens)? Predict before computing: how much does one "not" cost?`,
        expected,
        mistakes: [
          { name: "give ROUGE-L recall (LCS / reference length)", value: r },
          { name: "give ROUGE-L precision (LCS / candidate length)", value: p },
        ],
        explanation:
          `Every reference word appears in order in the summary, so LCS = ${l} = |ref|: recall 1, precision ${l}/${cand.length}, ` +
          `F1 = ${expected.toFixed(4)}. An inverted claim scores almost perfectly; overlap metrics cannot see meaning.`,
      };
    },
  },
]);
