import { withResidentWeights } from "./backend.js";
import { ArgumentError, ShapeError } from "./errors.js";
import { argmax } from "./ops.js";
import type { Rng } from "./random.js";
import { processLogits, sample } from "./sampling.js";
import { logSoftmax } from "./softmax.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * Decoding strategies over any autoregressive model, seen only through a next-token-logits function
 * `next(tokens) → logits (V,)` for the whole sequence so far (prompt + generated). Each step appends one token:
 *
 *   greedy:  t = argmax(logits)                               (first index on ties, as torch.argmax)
 *   sample:  t ~ softmax(filter(logits / T))                  (temperature → top-k → top-p, HF order; seeded Rng)
 *   beam:    keep the `width` best partial sequences by Σ log p; finished ones are ranked by
 *            score = Σ log p / (generated length)^lengthPenalty                        (HF's length_penalty over the generated tokens)
 *
 * Everything is deterministic: greedy and beam have no randomness, sampling draws only from the Rng it is given.
 */

/** Logits for the next token given every token so far; returns (V,). */
export type NextTokenLogits = (tokens: readonly number[]) => TensorLike;

export type DecodingStrategy =
  | { kind: "greedy" }
  | { kind: "sample"; rng: Rng; temperature?: number; topK?: number; topP?: number }
  | { kind: "beam"; width: number; lengthPenalty?: number };

export interface GenerateOptions {
  maxNewTokens: number;
  /** Stop a sequence once it emits this token (the token is kept in the output). */
  eosToken?: number;
}

export interface Generation {
  /** The generated tokens only. */
  tokens: number[];
  /** Prompt followed by the generated tokens. */
  sequence: number[];
  /** Σ log p(token) of the generated tokens under the model's (unfiltered) distribution. */
  logProb: number;
  /** The logits each generated token was chosen from, (n, V). Greedy and sampling only. */
  stepLogits?: Tensor;
}

export interface BeamHypothesis {
  tokens: number[];
  sequence: number[];
  logProb: number;
  /** logProb / tokens.length^lengthPenalty: what hypotheses are ranked by. */
  score: number;
  finished: boolean;
}

export interface BeamSearchResult extends Generation {
  /** Every hypothesis that was finished or still alive at the end, best first. */
  hypotheses: BeamHypothesis[];
  score: number;
}

/** Run one strategy; see the module comment. */
export function generate(
  next: NextTokenLogits,
  prompt: readonly number[],
  strategy: DecodingStrategy,
  options: GenerateOptions,
): Generation {
  switch (strategy.kind) {
    case "greedy":
      return greedyDecode(next, prompt, options);
    case "sample":
      return sampleDecode(next, prompt, strategy, options);
    case "beam":
      return beamSearch(next, prompt, strategy, options);
    default:
      throw new ArgumentError("generate", "strategy", `must have kind "greedy", "sample" or "beam", got ${JSON.stringify(strategy)}`);
  }
}

/** Greedy decoding: always take the most likely next token. */
export function greedyDecode(next: NextTokenLogits, prompt: readonly number[], options: GenerateOptions): Generation {
  return stepwise("greedyDecode", next, prompt, options, (logits) => argmax(logits).data[0]);
}

/** Ancestral sampling from the temperature/top-k/top-p filtered distribution, driven by `strategy.rng`. */
export function sampleDecode(
  next: NextTokenLogits,
  prompt: readonly number[],
  strategy: { rng: Rng; temperature?: number; topK?: number; topP?: number },
  options: GenerateOptions,
): Generation {
  const { rng, temperature, topK, topP } = strategy;
  if (!rng || typeof rng.uniform !== "function") {
    throw new ArgumentError("sampleDecode", "rng", "must be an Rng (e.g. new Rng(seed)) so sampling is reproducible");
  }
  return stepwise("sampleDecode", next, prompt, options, (logits) => {
    const { probs } = processLogits(logits, { temperature, topK, topP });
    return sample(probs, rng);
  });
}

/**
 * Beam search (shrinking beam, as in Koehn's NMT book): at each step every live hypothesis is extended by every
 * token, the candidates are ranked by Σ log p (ties: earlier hypothesis, then smaller token id), and the best
 * `width − (finished so far)` are kept; a candidate ending in `eosToken` is finished and leaves the beam. Stops when
 * no hypothesis is alive or after maxNewTokens; the result is the best by length-penalised score. With width 1 this
 * is exactly greedy decoding.
 */
export function beamSearch(
  next: NextTokenLogits,
  prompt: readonly number[],
  strategy: { width: number; lengthPenalty?: number },
  options: GenerateOptions,
): BeamSearchResult {
  const fn = "beamSearch";
  const { width, lengthPenalty = 1 } = strategy;
  checkPrompt(fn, prompt);
  checkOptions(fn, options);
  if (!Number.isInteger(width) || width < 1) throw new ArgumentError(fn, "width", `must be an integer ≥ 1, got ${width}`);
  if (!Number.isFinite(lengthPenalty)) {
    throw new ArgumentError(fn, "lengthPenalty", `must be a finite number, got ${lengthPenalty}`);
  }
  const { maxNewTokens, eosToken } = options;
  const score = (h: { logProb: number; tokens: number[] }): number =>
    h.tokens.length === 0 ? h.logProb : h.logProb / h.tokens.length ** lengthPenalty;

  let live: { tokens: number[]; logProb: number }[] = [{ tokens: [], logProb: 0 }];
  const finished: { tokens: number[]; logProb: number }[] = [];
  for (let step = 0; step < maxNewTokens && live.length > 0; step++) {
    const candidates: { beam: number; token: number; logProb: number }[] = [];
    live.forEach((h, beam) => {
      const logp = logSoftmax(nextLogits(fn, next, [...prompt, ...h.tokens])).data;
      for (let token = 0; token < logp.length; token++) {
        const logProb = h.logProb + logp[token];
        if (logProb > -Infinity) candidates.push({ beam, token, logProb }); // impossible continuations never enter
      }
    });
    // Array.prototype.sort is stable, and candidates were pushed in (beam, token) order: ties keep that order.
    candidates.sort((a, b) => b.logProb - a.logProb);
    const prev = live;
    live = [];
    for (const c of candidates.slice(0, width - finished.length)) {
      const h = { tokens: [...prev[c.beam].tokens, c.token], logProb: c.logProb };
      (c.token === eosToken ? finished : live).push(h);
    }
  }
  const hypotheses: BeamHypothesis[] = [
    ...finished.map((h) => ({ ...h, finished: true })),
    ...live.map((h) => ({ ...h, finished: false })),
  ]
    .map((h) => ({ ...h, sequence: [...prompt, ...h.tokens], score: score(h) }))
    .sort((a, b) => b.score - a.score);
  const best = hypotheses[0];
  if (!best) throw new ArgumentError(fn, "next(tokens)", "gave no token a finite log-probability, so no hypothesis survived");
  return { tokens: best.tokens, sequence: best.sequence, logProb: best.logProb, score: best.score, hypotheses };
}

function stepwise(
  fn: string,
  next: NextTokenLogits,
  prompt: readonly number[],
  options: GenerateOptions,
  choose: (logits: Tensor) => number,
): Generation {
  checkPrompt(fn, prompt);
  checkOptions(fn, options);
  const { maxNewTokens, eosToken } = options;
  const tokens: number[] = [];
  const rows: Tensor[] = [];
  let logProb = 0;
  withResidentWeights(next, () => {
    for (let step = 0; step < maxNewTokens; step++) {
      const logits = nextLogits(fn, next, [...prompt, ...tokens]);
      const token = choose(logits);
      rows.push(logits);
      logProb += logSoftmax(logits).data[token];
      tokens.push(token);
      if (token === eosToken) break;
    }
  });
  const V = rows.length ? rows[0].shape[0] : 0;
  const stepLogits = Tensor.zeros([rows.length, V]);
  rows.forEach((r, i) => stepLogits.data.set(r.data, i * V));
  return { tokens, sequence: [...prompt, ...tokens], logProb, stepLogits };
}

function nextLogits(fn: string, next: NextTokenLogits, tokens: number[]): Tensor {
  const logits = asTensor(next(tokens));
  if (logits.rank !== 1 || logits.shape[0] < 1) throw new ShapeError(fn, "next(tokens)", "(V,)", logits.shape);
  return logits;
}

function checkPrompt(fn: string, prompt: readonly number[]): void {
  if (!Array.isArray(prompt) || prompt.some((t) => !Number.isInteger(t) || t < 0)) {
    throw new ArgumentError(fn, "prompt", `must be an array of non-negative integer token ids, got ${JSON.stringify(prompt)}`);
  }
}

function checkOptions(fn: string, options: GenerateOptions): void {
  const { maxNewTokens, eosToken } = options;
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 0) {
    throw new ArgumentError(fn, "maxNewTokens", `must be a non-negative integer, got ${maxNewTokens}`);
  }
  if (eosToken !== undefined && (!Number.isInteger(eosToken) || eosToken < 0)) {
    throw new ArgumentError(fn, "eosToken", `must be a non-negative integer token id, got ${eosToken}`);
  }
}
