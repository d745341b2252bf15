// Model walk: a prompt followed through the trained char-level GPT-2 (packages/core/models/char-gpt) step by step,
// every number read off core's gpt2Trace, then sampled (processLogits → inverseCdf with a seeded Rng) and continued
// one token at a time with core's KV cache (gpt2Cached), each cached step checked against a full recompute (gpt2).
import { KVCache, Rng, gpt2, gpt2Cached, gpt2Trace, inverseCdf, processLogits, softmax, type Gpt2Checkpoint, type Gpt2Trace, type Tensor } from "@qkv/core";

export interface WalkState {
  prompt: string;
  /** The position whose vectors the per-step views follow; "last" follows the prompt's last character. */
  follow: number | "last";
  temperature: number;
  /** 0 = off. */
  topK: number;
  seed: number;
}

/** Longest prompt the page accepts: leaves room in the 64-character context for the cache to grow. */
export const MAX_PROMPT = 48;

export const DEFAULT_WALK: WalkState = { prompt: "Attention ", follow: "last", temperature: 0.8, topK: 20, seed: 1 };

export interface WalkResult {
  trace: Gpt2Trace;
  /** The characters the model saw, one per position. */
  chars: string[];
  /** Characters of the prompt outside the vocabulary (skipped), in order. */
  dropped: string[];
  /** The followed position, 0 … T−1. */
  follow: number;
  /** (V,) the logits at the followed position: scores for the character after it. */
  logits: Tensor;
  /** (V,) softmax(logits): the model's own distribution. */
  probs: Tensor;
  /** (V,) the distribution after temperature and top-k, renormalised: what is sampled from. */
  sampling: Tensor;
  /** The uniform number Rng(seed) draws first, and the token whose cumulative probability first passes it. */
  u: number;
  token: number;
}

/** Checks the state, runs the traced forward pass and samples one token at the followed position. */
export function computeWalk(model: Gpt2Checkpoint, s: WalkState): WalkResult {
  const tok = model.tokenizer!;
  const chars = [...s.prompt];
  if (chars.length > MAX_PROMPT) throw new Error(`prompt: at most ${MAX_PROMPT} characters, got ${chars.length}`);
  const ids = tok.encode(s.prompt, "skip");
  if (ids.length === 0) throw new Error("prompt: type at least one character the model knows");
  if (!(s.temperature > 0)) throw new Error(`temperature must be > 0, got ${s.temperature}`);
  const trace = gpt2Trace(model.weights, model.config, ids);
  const T = trace.context.length;
  const follow = s.follow === "last" ? T - 1 : s.follow;
  if (!Number.isInteger(follow) || follow < 0 || follow >= T) throw new Error(`position must be 0 … ${T - 1}, got ${s.follow}`);
  const logits = trace.logits.index(follow); // (V,)
  const probs = softmax(logits); // (V,)
  const sampling = processLogits(logits, { temperature: s.temperature, topK: s.topK }).probs; // (V,)
  const u = new Rng(s.seed).uniform();
  return {
    trace,
    chars: trace.context.map((id) => tok.decode([id])),
    dropped: chars.filter((c) => tok.encode(c, "skip").length === 0),
    follow,
    logits,
    probs,
    sampling,
    u,
    token: inverseCdf(sampling, u),
  };
}

/** How one attention weight came about: query row i and key row j of one head, and their scaled dot product. */
export interface AttentionCell {
  layer: number;
  head: number;
  /** Query position and key position. */
  i: number;
  j: number;
  /** (hd,) each. */
  q: number[];
  k: number[];
  /** q·k / √hd, summed here from q and k. */
  score: number;
  /** 1 / √hd. */
  scale: number;
  /** The pre-softmax score gpt2Trace holds: `score`, or −∞ for a later key (j > i). */
  traced: number;
  /** The attention weight, softmax of row i's scores at j. */
  weight: number;
  /** (T,) row i of the scores (−∞ after position i) and its softmax, the weights: where `weight` comes from. */
  rowScores: number[];
  rowWeights: number[];
}

export function attentionCell(trace: Gpt2Trace, layer: number, head: number, i: number, j: number): AttentionCell {
  const L = trace.layers[layer];
  if (!L) throw new Error(`layer must be 0 … ${trace.layers.length - 1}, got ${layer}`);
  const [H, T, hd] = L.q.shape;
  if (!(head >= 0 && head < H)) throw new Error(`head must be 0 … ${H - 1}, got ${head}`);
  if (!(i >= 0 && i < T && j >= 0 && j < T)) throw new Error(`cell (${i}, ${j}) is outside the ${T} × ${T} map`);
  const vector = (t: Tensor, p: number) => Array.from(t.data.subarray((head * T + p) * hd, (head * T + p + 1) * hd));
  const q = vector(L.q, i);
  const k = vector(L.k, j);
  const scale = 1 / Math.sqrt(hd);
  let dot = 0;
  for (let c = 0; c < hd; c++) dot += q[c] * k[c];
  const row = (t: Tensor) => Array.from(t.data.subarray((head * T + i) * T, (head * T + i + 1) * T));
  return { layer, head, i, j, q, k, score: dot * scale, scale, traced: L.scores.get(head, i, j), weight: L.weights.get(head, i, j), rowScores: row(L.scores), rowWeights: row(L.weights) };
}

/**
 * Generation one token at a time with core's KV cache. The prompt fills the cache first (one K and V row per
 * layer and character); each `step` samples a token from the current next-token distribution (temperature →
 * top-k → softmax, then inverseCdf of the Rng's next uniform: core's sampleDecode), feeds only that token through
 * `gpt2Cached` (one new row per layer) and checks the cached logits against a full `gpt2` recompute.
 */
export class WalkGenerator {
  readonly cache: KVCache;
  /** Prompt ids followed by the generated ones. */
  readonly tokens: number[];
  readonly generated: number[] = [];
  /** max |cached − full recompute| over the latest next-token logits. */
  check = 0;
  #next: Tensor; // (V,)
  readonly #rng: Rng;

  constructor(
    readonly model: Gpt2Checkpoint,
    prompt: readonly number[],
    readonly options: { seed: number; temperature: number; topK: number },
  ) {
    const n = model.config.contextLength;
    this.tokens = prompt.slice(Math.max(0, prompt.length - n));
    this.cache = new KVCache(model.config.numLayers, { capacity: n });
    this.#rng = new Rng(options.seed);
    this.#next = this.#run(this.tokens);
  }

  /** True once the cache holds n_ctx positions: a cache cannot re-index positions, so generation stops here. */
  get full(): boolean {
    return this.cache.length >= this.model.config.contextLength;
  }

  /** Sample one token, append it and run it through the cache; returns the token. */
  step(): number {
    if (this.full) throw new Error(`the cache holds the model's whole context (${this.model.config.contextLength} positions): start over with a shorter prompt`);
    const { temperature, topK } = this.options;
    const token = inverseCdf(processLogits(this.#next, { temperature, topK }).probs, this.#rng.uniform());
    this.generated.push(token);
    this.tokens.push(token);
    this.#next = this.#run([token]);
    return token;
  }

  /** The cached step on `ids`; returns the last row of its logits, after comparing them with gpt2 on every token so far. */
  #run(ids: readonly number[]): Tensor {
    const { weights, config } = this.model;
    const cached = gpt2Cached(weights, config, this.cache, ids); // (T_new, V)
    const full = gpt2(weights, config, this.tokens).logits; // (T, V)
    const V = config.vocabSize;
    const last = cached.index(cached.shape[0] - 1); // (V,)
    const fullLast = full.data.subarray((full.shape[0] - 1) * V);
    let m = 0;
    for (let c = 0; c < V; c++) m = Math.max(m, Math.abs(last.data[c] - fullLast[c]));
    this.check = m;
    return last;
  }
}
