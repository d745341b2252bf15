import { ArgumentError, ShapeError } from "./errors.js";
import type { Rng } from "./random.js";
import { inverseCdf } from "./sampling.js";
import { Tensor, asTensor, type TensorData, type TensorLike } from "./tensor.js";

/**
 * Speculative sampling (Leviathan et al. 2023; Chen et al. 2023): a cheap draft model q proposes γ tokens
 * autoregressively, the target p scores all γ + 1 positions in one pass, and the draft is verified left to right:
 *
 *   accept x_i ~ q_i with probability  min(1, p_i(x_i) / q_i(x_i))
 *   on the first rejection emit        y ~ r_i = max(0, p_i − q_i) / Σ_y max(0, p_i(y) − q_i(y))   and stop
 *   if all γ are accepted emit         y ~ p_γ                                      (the bonus token)
 *
 * Every emitted token then follows p exactly, whatever q is: P(emit x) = min(p(x), q(x)) + (1 − α) r(x) = p(x),
 * because the rejected mass 1 − α = 1 − Σ_y min(p(y), q(y)) = Σ_y max(0, p(y) − q(y)). With acceptances treated as
 * independent with rate α, one step (one target call) emits on average 1 + α + … + α^γ = (1 − α^{γ+1}) / (1 − α).
 *
 * The models are seen only as distributions (probabilities, not logits), so any model fits: core's GPT-2 after a
 * softmax, the trained char-gpt, or a table. Everything random is drawn from the Rng given.
 */

/** A draft model: the next-token distribution after every token so far, (V,). Called once per draft token. */
export type NextTokenProbs = (tokens: readonly number[]) => TensorLike;

/**
 * The target's verification pass: row i is p(· | context, draft[0..i)), so (draft.length + 1, V) — one forward
 * pass over context + draft gives every row (the last row is the bonus token's distribution).
 */
export type DraftScorer = (context: readonly number[], draft: readonly number[]) => TensorLike;

export interface SpeculativeModels {
  draft: NextTokenProbs;
  target: DraftScorer;
}

/**
 * A verification rule: given p (γ+1, V), q (γ, V) and the draft tokens (γ,), the tokens to emit (1…γ+1) and how
 * many drafts were accepted. `verifyDraft` is the exact rule; other rules (e.g. to show what breaks) fit here.
 */
export type VerifyRule = (p: Tensor, q: Tensor, draft: readonly number[], rng: Rng) => { tokens: number[]; accepted: number };

/** Rows must sum to 1 within this (float32 models round at ~1e-7). */
const SUM_TOLERANCE = 1e-6;

/**
 * min(1, p(x) / q(x)): the chance a draft token x ~ q is kept. Where q(x) = 0 (reachable only through rounding)
 * it is 1 if p(x) > 0 and 0 otherwise, as the test u·q(x) < p(x) that `verifyDraft` uses.
 */
export function acceptanceProbability(p: ArrayLike<number>, q: ArrayLike<number>, x: number): number {
  return q[x] > 0 ? Math.min(1, p[x] / q[x]) : p[x] > 0 ? 1 : 0;
}

/** α = Σ_x min(p(x), q(x)) = 1 − TV(p, q): the chance one draft token is accepted. */
export function acceptanceRate(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkSameLength("acceptanceRate", p, q);
  let a = 0;
  for (let i = 0; i < p.length; i++) a += Math.min(p[i], q[i]);
  return a;
}

/**
 * The residual r = max(0, p − q) / Σ max(0, p − q) that a rejected draft is replaced from, (V,). When p = q the
 * residual is empty (and no draft is ever rejected); p is returned then so the result is always a distribution.
 */
export function residualDistribution(p: ArrayLike<number>, q: ArrayLike<number>): Float64Array {
  checkSameLength("residualDistribution", p, q);
  const r = new Float64Array(p.length);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += r[i] = Math.max(0, p[i] - q[i]);
  if (s > 0) for (let i = 0; i < r.length; i++) r[i] /= s;
  else r.set(Array.from(p));
  return r;
}

/** Tokens per target call, E = 1 + α + … + α^γ = (1 − α^{γ+1}) / (1 − α) (γ + 1 at α = 1). */
export function expectedTokensPerStep(alpha: number, gamma: number): number {
  const fn = "expectedTokensPerStep";
  if (typeof alpha !== "number" || !(alpha >= 0 && alpha <= 1)) throw new ArgumentError(fn, "alpha", `must be a number in [0, 1], got ${alpha}`);
  checkGamma(fn, gamma);
  return alpha === 1 ? gamma + 1 : (1 - alpha ** (gamma + 1)) / (1 - alpha);
}

/** The exact rule of the module comment. p (γ+1, V), q (γ, V), draft (γ,). Uses γ' + 1 uniforms, γ' = drafts seen. */
export const verifyDraft: VerifyRule = (p, q, draft, rng) => {
  const V = p.shape[1];
  const tokens: number[] = [];
  for (let i = 0; i < draft.length; i++) {
    const pi = p.data.subarray(i * V, (i + 1) * V);
    const qi = q.data.subarray(i * V, (i + 1) * V);
    const x = draft[i];
    if (rng.uniform() * qi[x] < pi[x]) tokens.push(x); // u < p/q without dividing by q(x)
    else return { tokens: [...tokens, sampleRow(residualDistribution(pi, qi), rng)], accepted: i };
  }
  return { tokens: [...tokens, sampleRow(p.data.subarray(draft.length * V), rng)], accepted: draft.length };
};

export interface SpeculativeOptions {
  /** Draft tokens per step, γ ≥ 1 (fewer near maxNewTokens, so no step overshoots it). */
  gamma: number;
  maxNewTokens: number;
  rng: Rng;
  /** Stop once this token is emitted (it is kept; later tokens of the same step are dropped). */
  eosToken?: number;
  /** Default `verifyDraft`. */
  verify?: VerifyRule;
}

export interface SpeculativeStepStats {
  /** The draft tokens proposed (γ',), γ' ≤ γ. */
  draft: number[];
  proposed: number;
  accepted: number;
  /** Tokens this step added to the output (accepted + 1, fewer when cut by maxNewTokens or eosToken). */
  emitted: number;
  /** α_i = Σ min(p_i, q_i) at each proposed position (γ',): the exact chance that draft i would be accepted. */
  acceptanceRates: number[];
}

export interface SpeculativeGeneration {
  /** The generated tokens only. */
  tokens: number[];
  /** Prompt followed by the generated tokens. */
  sequence: number[];
  steps: SpeculativeStepStats[];
  /** One per step: the verification pass. */
  targetCalls: number;
  draftCalls: number;
  proposed: number;
  accepted: number;
}

/** Generate up to maxNewTokens with speculative sampling (module comment); returns the tokens and per-step stats. */
export function speculativeDecode(models: SpeculativeModels, prompt: readonly number[], options: SpeculativeOptions): SpeculativeGeneration {
  const fn = "speculativeDecode";
  const { gamma, maxNewTokens, rng, eosToken, verify = verifyDraft } = options;
  if (!models || typeof models.draft !== "function" || typeof models.target !== "function") {
    throw new ArgumentError(fn, "models", "must be { draft: (tokens) => probs (V,), target: (context, draft) => probs (γ+1, V) }");
  }
  if (!Array.isArray(prompt) || prompt.some((t) => !Number.isInteger(t) || t < 0)) {
    throw new ArgumentError(fn, "prompt", `must be an array of non-negative integer token ids, got ${JSON.stringify(prompt)}`);
  }
  checkGamma(fn, gamma);
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) throw new ArgumentError(fn, "maxNewTokens", `must be a non-negative integer, got ${maxNewTokens}`);
  if (!rng || typeof rng.uniform !== "function") throw new ArgumentError(fn, "rng", "must be an Rng (e.g. new Rng(seed)) so sampling is reproducible");
  if (eosToken !== undefined && (!Number.isInteger(eosToken) || eosToken < 0)) {
    throw new ArgumentError(fn, "eosToken", `must be a non-negative integer token id, got ${eosToken}`);
  }

  const tokens: number[] = [];
  const steps: SpeculativeStepStats[] = [];
  let draftCalls = 0;
  let done = maxNewTokens === 0;
  while (!done) {
    const context = [...prompt, ...tokens];
    const g = Math.min(gamma, maxNewTokens - tokens.length - 1);
    const draft: number[] = [];
    const qRows: Float64Array[] = [];
    let V = -1;
    for (let i = 0; i < g; i++) {
      const q = distribution(fn, `draft(tokens) at draft position ${i}`, models.draft([...context, ...draft]), V);
      V = q.length;
      draftCalls++;
      qRows.push(q);
      draft.push(sampleRow(q, rng));
    }
    const p = asTensor(models.target(context, draft));
    if (p.rank !== 2 || p.shape[0] !== g + 1 || (V >= 0 && p.shape[1] !== V)) {
      throw new ShapeError(fn, "target(context, draft)", `(γ'+1=${g + 1}, V${V >= 0 ? `=${V}` : ""})`, p.shape);
    }
    V = p.shape[1];
    const P = new Tensor(Float64Array.from(p.data), [g + 1, V]);
    for (let i = 0; i <= g; i++) distribution(fn, `target(context, draft) row ${i}`, new Tensor(P.data.subarray(i * V, (i + 1) * V), [V]), V);
    const Q = Tensor.zeros([g, V]); // (γ', V)
    qRows.forEach((q, i) => Q.data.set(q, i * V));

    const { tokens: out, accepted } = verify(P, Q, draft, rng);
    // A rule that emits nothing would loop forever; one that emits more than γ' + 1 tokens skipped a verification.
    if (!Array.isArray(out) || out.length < 1 || out.length > g + 1 || out.some((t) => !Number.isInteger(t) || t < 0 || t >= V)) {
      throw new ArgumentError(fn, "verify", `must return 1…γ'+1=${g + 1} token ids in [0, ${V}), got ${JSON.stringify(out)}`);
    }
    if (!Number.isInteger(accepted) || accepted < 0 || accepted > Math.min(g, out.length)) {
      throw new ArgumentError(fn, "verify", `must return accepted in [0, ${Math.min(g, out.length)}], got ${accepted}`);
    }
    let emitted = 0;
    for (const t of out) {
      tokens.push(t);
      emitted++;
      if (t === eosToken || tokens.length === maxNewTokens) {
        done = true;
        break;
      }
    }
    const acceptanceRates = qRows.map((q, i) => acceptanceRate(P.data.subarray(i * V, (i + 1) * V), q));
    steps.push({ draft, proposed: g, accepted, emitted, acceptanceRates });
  }
  return {
    tokens,
    sequence: [...prompt, ...tokens],
    steps,
    targetCalls: steps.length,
    draftCalls,
    proposed: steps.reduce((s, x) => s + x.proposed, 0),
    accepted: steps.reduce((s, x) => s + x.accepted, 0),
  };
}

/** A DraftScorer from a next-token function, one call per row: for tables and toy models (a real target scores all rows in one pass). */
export function scoreEachPrefix(next: NextTokenProbs): DraftScorer {
  return (context, draft) => {
    const rows = Array.from({ length: draft.length + 1 }, (_, i) => asTensor(next([...context, ...draft.slice(0, i)])).data);
    const V = rows[0].length;
    const out = Tensor.zeros([rows.length, V]); // (γ+1, V)
    rows.forEach((r, i) => {
      if (r.length !== V) throw new ShapeError("scoreEachPrefix", `next(tokens) for row ${i}`, `(V=${V},)`, [r.length]);
      out.data.set(r, i * V);
    });
    return out;
  };
}

function sampleRow(probs: TensorData, rng: Rng): number {
  return inverseCdf(new Tensor(probs, [probs.length]), rng.uniform());
}

/** A probability row: (V,) with V equal to `V` when known, entries finite and ≥ 0, summing to 1 within SUM_TOLERANCE. */
function distribution(fn: string, arg: string, probs: TensorLike, V: number): Float64Array {
  const t = asTensor(probs);
  if (t.size !== t.shape[t.rank - 1] || t.size === 0 || (V >= 0 && t.size !== V)) {
    throw new ShapeError(fn, arg, V >= 0 ? `(V=${V},)` : "(V ≥ 1,)", t.shape);
  }
  const row = Float64Array.from(t.data);
  let s = 0;
  for (let i = 0; i < row.length; i++) {
    if (!(row[i] >= 0) || !Number.isFinite(row[i])) throw new ArgumentError(fn, arg, `must hold probabilities ≥ 0, got ${row[i]} at index ${i}`);
    s += row[i];
  }
  if (Math.abs(s - 1) > SUM_TOLERANCE) {
    throw new ArgumentError(fn, arg, `must sum to 1 (±${SUM_TOLERANCE}), got ${s} (pass probabilities, e.g. softmax(logits), not logits)`);
  }
  return row;
}

function checkSameLength(fn: string, p: ArrayLike<number>, q: ArrayLike<number>): void {
  if (p.length !== q.length) throw new ShapeError(fn, "q", `(V=${p.length},) like p`, [q.length]);
}

function checkGamma(fn: string, gamma: number): void {
  if (!Number.isInteger(gamma) || gamma < 1) throw new ArgumentError(fn, "gamma", `must be an integer ≥ 1 (draft tokens per step), got ${gamma}`);
}
