import { Rng, inverseCdf, sampleDecode, speculativeDecode, type VerifyRule } from "@qkv/core";
import { check, defineExperiment, fmt, type Row } from "@qkv/experiments";
import { DRAFT_TEMPERATURE, TARGET_CONFIG, speculativePair } from "./speculative-gpt2.js";

type Break = "accept-all" | "no-residual";

const GAMMA = 2;
const L = 3; // generated tokens compared: 12³ = 1728 outcomes
const PROMPT = [3, 7, 1, 0];
/** Failure probability allowed per comparison of an empirical distribution with p. */
const DELTA = 1e-4;

/** Broken verification rules: what the experiment must catch. */
const BROKEN: Record<Break, VerifyRule> = {
  "accept-all": (p, _q, draft, rng) => ({ tokens: [...draft, inverseCdf(Array.from(p.data.subarray(draft.length * p.shape[1])), rng.uniform())], accepted: draft.length }),
  "no-residual": (p, q, draft, rng) => {
    const V = p.shape[1];
    for (let i = 0; i < draft.length; i++) {
      const pi = p.data.subarray(i * V, (i + 1) * V);
      if (rng.uniform() * q.data[i * V + draft[i]] >= pi[draft[i]]) {
        return { tokens: [...draft.slice(0, i), inverseCdf(Array.from(pi), rng.uniform())], accepted: i }; // from p, not the residual
      }
    }
    return { tokens: [...draft, inverseCdf(Array.from(p.data.subarray(draft.length * V)), rng.uniform())], accepted: draft.length };
  },
};

/** Upper bound on TV(empirical of n draws, p) that holds with probability ≥ 1 − δ (see the method). */
function noiseBound(p: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.sqrt(p[i] * (1 - p[i]));
  return (0.5 * s) / Math.sqrt(n) + Math.sqrt(Math.log(1 / DELTA) / (2 * n));
}

function tv(counts: ArrayLike<number>, n: number, p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.abs(counts[i] / n - p[i]);
  return s / 2;
}

export default defineExperiment<Break>({
  id: "speculative-sampling-distribution",
  title: "Speculative sampling leaves the output distribution unchanged",
  claim:
    "Tokens produced by speculative sampling follow the target model's distribution exactly: their empirical distribution is as close to the target's as plain sampling's, within the Monte Carlo noise bound.",
  method: `Target: a seeded GPT-2 (\`initGpt2\`, ${TARGET_CONFIG.numLayers} layers, d = ${TARGET_CONFIG.dModel}, V = ${TARGET_CONFIG.vocabSize}); draft: the same model at
temperature ${DRAFT_TEMPERATURE}. The exact target distribution of the first ${L} tokens after a fixed prompt, $p(x_1 x_2 x_3)$ over
${TARGET_CONFIG.vocabSize ** L} outcomes, is enumerated from the model. Then $n$ continuations are drawn (a) with core's
\`speculativeDecode\` ($\\gamma = ${GAMMA}$: two drafts and the bonus token in one verification) and (b) with plain
\`sampleDecode\`, and the total-variation distance $\\mathrm{TV} = \\tfrac12 \\sum |\\hat p - p|$ of each empirical
distribution to $p$ is measured as $n$ grows.

Noise bound: $\\mathbb E[\\mathrm{TV}] \\le \\tfrac12 \\sum_x \\sqrt{p(x)(1-p(x))/n}$ (Jensen), and one draw moves TV by at most
$1/n$, so by McDiarmid TV exceeds that mean by $\\sqrt{\\ln(1/\\delta)/(2n)}$ with probability at most $\\delta = 10^{-4}$.

PASS when at every $n$ both samplers are within the bound, and speculative sampling drafted tokens (acceptance rate
between 0 and 1, so both the acceptance and the residual path were taken).`,
  breaks: {
    "accept-all": "every draft token is accepted (the output follows the draft)",
    "no-residual": "after a rejection the replacement is drawn from p instead of the residual max(0, p − q)",
  },
  run({ mode, broken, progress }) {
    const checkpoints = mode === "full" ? [1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 200_000] : [1000, 2000, 5000, 10_000];
    const pair = speculativePair();
    const V = TARGET_CONFIG.vocabSize;
    // Exact p(x1 x2 x3): (V³,), index x1·V² + x2·V + x3.
    const exact = new Float64Array(V ** L);
    for (let a = 0; a < V; a++) {
      const pa = pair.p(PROMPT)[a];
      for (let b = 0; b < V; b++) {
        const pab = pa * pair.p([...PROMPT, a])[b];
        const pc = pair.p([...PROMPT, a, b]);
        for (let c = 0; c < V; c++) exact[(a * V + b) * V + c] = pab * pc[c];
      }
    }
    const index = (t: number[]) => (t[0] * V + t[1]) * V + t[2];
    const specCounts = new Float64Array(V ** L);
    const plainCounts = new Float64Array(V ** L);
    const specRng = new Rng(1);
    const plainRng = new Rng(2);
    const verify = broken ? BROKEN[broken] : undefined;
    const plainNext = (tokens: readonly number[]) => Array.from(pair.p(tokens), Math.log); // log p: softmax gives p back
    let proposed = 0;
    let accepted = 0;
    let drawn = 0;
    const rows: Row[] = [];
    const last = checkpoints[checkpoints.length - 1];
    for (const n of checkpoints) {
      for (; drawn < n; drawn++) {
        const spec = speculativeDecode(pair.models, PROMPT, { gamma: GAMMA, maxNewTokens: L, rng: specRng, verify });
        specCounts[index(spec.tokens)]++;
        proposed += spec.proposed;
        accepted += spec.accepted;
        plainCounts[index(sampleDecode(plainNext, PROMPT, { rng: plainRng }, { maxNewTokens: L }).tokens)]++;
        if (drawn % 1000 === 0) progress(drawn / last);
      }
      rows.push({ n, speculative: tv(specCounts, n, exact), plain: tv(plainCounts, n, exact), bound: noiseBound(exact, n) });
    }
    const specOk = rows.every((r) => (r.speculative as number) <= (r.bound as number));
    const plainOk = rows.every((r) => (r.plain as number) <= (r.bound as number));
    const final = rows[rows.length - 1];
    const rate = accepted / proposed;
    return {
      figures: [
        { label: `TV(speculative, p) at n = ${last}`, value: final.speculative as number },
        { label: `TV(plain sampling, p) at n = ${last}`, value: final.plain as number },
        { label: `noise bound at n = ${last}`, value: final.bound as number },
        { label: "acceptance rate of the draft tokens", value: rate },
        { label: "GPT-2 forward passes (memoised by prefix)", value: pair.forwards() },
      ],
      checks: [
        check("speculative sampling is within the noise bound of p at every n", specOk, rows.map((r) => `${fmt(r.speculative as number)} ≤ ${fmt(r.bound as number)}`).join(", ")),
        check("plain sampling is within the noise bound of p at every n (the bound is calibrated)", plainOk, rows.map((r) => fmt(r.plain as number)).join(", ")),
        check("drafts were both accepted and rejected (0 < acceptance rate < 1)", rate > 0 && rate < 1, `${accepted} of ${proposed} accepted (${fmt(rate)})`),
      ],
      table: {
        columns: [
          { key: "n", label: "continuations drawn n" },
          { key: "speculative", label: "TV(speculative, p)" },
          { key: "plain", label: "TV(plain sampling, p)" },
          { key: "bound", label: "noise bound (δ = 1e-4)" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "n", label: "continuations drawn", scale: "log" },
        y: { key: "tv", label: "total-variation distance to the target", scale: "log" },
        series: "sampler",
        rows: rows.flatMap((r) => [
          { n: r.n, tv: r.speculative, sampler: "speculative sampling" },
          { n: r.n, tv: r.plain, sampler: "plain sampling" },
          { n: r.n, tv: r.bound, sampler: "noise bound" },
        ]),
        caption: `TV distance of the first ${L} generated tokens (${V ** L} outcomes) to the exact target distribution; below the noise bound means indistinguishable from p.`,
      },
    };
  },
});
