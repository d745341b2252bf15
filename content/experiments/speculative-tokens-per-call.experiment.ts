import { Rng, acceptanceProbability, expectedTokensPerStep, inverseCdf, speculativeDecode, type VerifyRule } from "@qkv/core";
import { check, defineExperiment, fmt, mean, type Row } from "@qkv/experiments";
import { DRAFT_TEMPERATURE, TARGET_CONFIG, speculativePair } from "./speculative-gpt2.js";

type Break = "accept-all" | "inverted-ratio";

const GAMMAS = [1, 2, 3, 4, 5, 6];

/** The exact rule with one change each: what the experiment must catch. */
const BROKEN: Record<Break, VerifyRule> = {
  "accept-all": (p, _q, draft, rng) => ({ tokens: [...draft, inverseCdf(Array.from(p.data.subarray(draft.length * p.shape[1])), rng.uniform())], accepted: draft.length }),
  "inverted-ratio": (p, q, draft, rng) => {
    const V = p.shape[1];
    for (let i = 0; i < draft.length; i++) {
      const pi = p.data.subarray(i * V, (i + 1) * V);
      const qi = q.data.subarray(i * V, (i + 1) * V);
      if (rng.uniform() >= acceptanceProbability(qi, pi, draft[i])) {
        const resid = Array.from(pi, (v, j) => Math.max(0, v - qi[j]));
        const s = resid.reduce((a, b) => a + b, 0);
        return { tokens: [...draft.slice(0, i), inverseCdf(resid.map((v) => v / s), rng.uniform())], accepted: i };
      }
    }
    return { tokens: [...draft, inverseCdf(Array.from(p.data.subarray(draft.length * V)), rng.uniform())], accepted: draft.length };
  },
};

export default defineExperiment<Break>({
  id: "speculative-tokens-per-call",
  title: "Speculative decoding's acceptance rate and tokens per target call follow the theory",
  claim:
    "Each draft token is accepted with probability α = Σ min(p, q) of its position, a verification emits on average 1 plus the chance that each prefix of the draft survives, and the closed form (1 − α^{γ+1}) / (1 − α) at the mean α approximates the tokens per target call within 5 % for γ = 1…6.",
  method: `The pair of the distribution experiment: a seeded GPT-2 target (V = ${TARGET_CONFIG.vocabSize}) and the same model at
temperature ${DRAFT_TEMPERATURE} as the draft. For each $\\gamma = 1…6$, \`speculativeDecode\` runs one verification step
from each of many prompts (4 seeded prompts of 4 tokens, cycled), recording the drafts, how many were accepted and the
exact $\\alpha_i = \\sum_x \\min(p_i(x), q_i(x))$ of every proposed position (its step statistics).

Acceptance: over the positions actually verified (up to and including the first rejection), the fraction accepted
must equal the mean of their $\\alpha_i$ within $\\sqrt{\\ln(2/\\delta)/(2N)}$ (Azuma–Hoeffding, $\\delta = 10^{-4}$, $N$ positions).
Tokens per call: the measured mean must match the exact conditional expectation of each step,
$1 + \\sum_{k=1}^{\\gamma} \\prod_{i \\le k} \\min(1, p_i(x_i)/q_i(x_i))$ over its drafts $x_i$, within 4 standard errors, and the
closed form $(1 - \\bar\\alpha^{\\gamma+1})/(1 - \\bar\\alpha)$ with the mean $\\bar\\alpha$ of all proposed positions within 4 standard
errors plus 5 %: the closed form assumes one α for every position, while here α varies with the context (and, the
formula being convex in α, the closed form slightly underestimates).

PASS when all three hold for every $\\gamma$.`,
  breaks: {
    "accept-all": "every draft token is accepted",
    "inverted-ratio": "drafts are accepted with probability min(1, q/p) instead of min(1, p/q)",
  },
  run({ mode, broken, progress }) {
    const stepsPerGamma = mode === "full" ? 4000 : 300;
    const pair = speculativePair();
    const V = TARGET_CONFIG.vocabSize;
    const promptRng = new Rng(3);
    const prompts = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => promptRng.int(V)));
    const rng = new Rng(4);
    const verify = broken ? BROKEN[broken] : undefined;
    const rows: Row[] = [];
    let acceptanceOk = true;
    let tokensOk = true;
    let closedOk = true;
    const failures = { rate: [] as string[], tokens: [] as string[], closed: [] as string[] };
    GAMMAS.forEach((gamma, gi) => {
      let verified = 0;
      let acceptedTotal = 0;
      let alphaVerified = 0;
      const alphaAll: number[] = [];
      const emitted: number[] = [];
      const conditional: number[] = [];
      for (let s = 0; s < stepsPerGamma; s++) {
        const prompt = prompts[s % prompts.length];
        const step = speculativeDecode(pair.models, prompt, { gamma, maxNewTokens: gamma + 1, rng, verify }).steps[0];
        const reached = Math.min(step.accepted + 1, gamma);
        verified += reached;
        acceptedTotal += step.accepted;
        for (let i = 0; i < reached; i++) alphaVerified += step.acceptanceRates[i];
        alphaAll.push(...step.acceptanceRates);
        emitted.push(step.emitted);
        // E[emitted | drafts] = 1 + Σ_k Π_{i≤k} a_i: the chance the first k drafts all pass, given what was drafted.
        let all = 1;
        let e = 1;
        step.draft.forEach((x, i) => {
          const prefix = [...prompt, ...step.draft.slice(0, i)];
          all *= acceptanceProbability(pair.p(prefix), pair.q(prefix), x);
          e += all;
        });
        conditional.push(e);
      }
      const measuredRate = acceptedTotal / verified;
      const theoryRate = alphaVerified / verified;
      const rateTol = Math.sqrt(Math.log(2 / 1e-4) / (2 * verified)); // indicator − α_i spans a range of 1
      const measured = mean(emitted);
      const exactConditional = mean(conditional);
      const diffs = emitted.map((v, i) => v - conditional[i]);
      const se = Math.sqrt(mean(diffs.map((d) => (d - mean(diffs)) ** 2)) / stepsPerGamma);
      const seMeasured = Math.sqrt(mean(emitted.map((v) => (v - measured) ** 2)) / stepsPerGamma);
      const alphaBar = mean(alphaAll);
      const closed = expectedTokensPerStep(alphaBar, gamma);
      const okRate = Math.abs(measuredRate - theoryRate) <= rateTol;
      const okTokens = Math.abs(measured - exactConditional) <= 4 * se;
      const okClosed = Math.abs(measured - closed) <= 4 * seMeasured + 0.05 * closed;
      if (!okRate) failures.rate.push(`γ=${gamma}: acceptance ${fmt(measuredRate)} vs α ${fmt(theoryRate)} ± ${fmt(rateTol)}`);
      if (!okTokens) failures.tokens.push(`γ=${gamma}: tokens ${fmt(measured)} vs conditional ${fmt(exactConditional)} ± ${fmt(4 * se)}`);
      if (!okClosed) failures.closed.push(`γ=${gamma}: tokens ${fmt(measured)} vs closed form ${fmt(closed)}`);
      acceptanceOk &&= okRate;
      tokensOk &&= okTokens;
      closedOk &&= okClosed;
      rows.push({ gamma, measuredRate, alpha: theoryRate, alphaBar, measured, exact: exactConditional, closed });
      progress((gi + 1) / GAMMAS.length);
    });
    const summary = (key: string) => rows.map((r) => fmt(r[key] as number)).join(", ");
    return {
      figures: [
        { label: "mean α over proposed positions (γ = 1)", value: rows[0].alphaBar as number },
        { label: "tokens per target call at γ = 6, measured", value: rows[5].measured as number },
        { label: "tokens per target call at γ = 6, closed form", value: rows[5].closed as number },
        { label: "GPT-2 forward passes (memoised by prefix)", value: pair.forwards() },
      ],
      checks: [
        check("acceptance rate = mean Σ min(p, q) of the verified positions (Azuma bound) for every γ", acceptanceOk, acceptanceOk ? `measured ${summary("measuredRate")} vs α ${summary("alpha")}` : failures.rate.join("; ")),
        check("tokens per call = the exact conditional expectation (4 standard errors) for every γ", tokensOk, tokensOk ? `measured ${summary("measured")} vs ${summary("exact")}` : failures.tokens.join("; ")),
        check("tokens per call within 4 standard errors + 5 % of (1 − ᾱ^{γ+1}) / (1 − ᾱ) for every γ", closedOk, closedOk ? `closed form ${summary("closed")}` : failures.closed.join("; ")),
      ],
      table: {
        columns: [
          { key: "gamma", label: "draft length γ" },
          { key: "measuredRate", label: "acceptance rate, measured" },
          { key: "alpha", label: "mean α of verified positions" },
          { key: "alphaBar", label: "mean α of all proposed positions" },
          { key: "measured", label: "tokens per target call, measured" },
          { key: "exact", label: "exact conditional expectation" },
          { key: "closed", label: "closed form (1 − ᾱ^{γ+1})/(1 − ᾱ)" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "gamma", label: "draft tokens per step γ" },
        y: { key: "tokens", label: "tokens per target call" },
        series: "source",
        rows: rows.flatMap((r) => [
          { gamma: r.gamma, tokens: r.measured, source: "measured" },
          { gamma: r.gamma, tokens: r.exact, source: "exact expectation" },
          { gamma: r.gamma, tokens: r.closed, source: "closed form at mean α" },
        ]),
        caption: `Tokens emitted per verification pass against the draft length (${stepsPerGamma} steps per γ; draft = target at temperature ${DRAFT_TEMPERATURE}): measured, the exact expectation given the drafts, and (1 − ᾱ^{γ+1})/(1 − ᾱ) at the mean α; the ceiling is γ + 1.`,
      },
    };
  },
});
