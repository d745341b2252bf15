// Internal helpers shared by the architecture files (not re-exported from index.ts): argument checks and the
// random initialisers' building blocks.
import { ArgumentError } from "./errors.js";
import { layerNorm, type LayerNormWeights } from "./layer-norm.js";
import { randn, type Rng } from "./random.js";
import type { EncoderLayerConfig } from "./encoder-layer.js";
import type { DenseFeedForwardWeights } from "./feed-forward.js";
import type { AttentionWeights } from "./multi-head-attention.js";
import { Tensor } from "./tensor.js";

/** LayerNorm as a function for `residual`; γ, β (d,), eps default 1e-5. */
export function layerNormFn(p: LayerNormWeights): (x: Tensor) => Tensor {
  return (x) => layerNorm(x, p);
}

export function checkPositiveInt(fn: string, arg: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    throw new ArgumentError(fn, arg, `must be a positive integer, got ${String(v)}`);
  }
}

export function checkOneOf<T extends string>(fn: string, arg: string, v: unknown, options: readonly T[]): void {
  if (!options.includes(v as T)) {
    throw new ArgumentError(fn, arg, `must be ${options.map((o) => JSON.stringify(o)).join(" or ")}, got ${JSON.stringify(v)}`);
  }
}

/** Token ids: a non-empty array of integers in [0, V). */
export function checkTokenIds(fn: string, arg: string, ids: readonly number[], V: number): void {
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new ArgumentError(fn, arg, `must be a non-empty array of token ids, got ${JSON.stringify(ids)}`);
  }
  ids.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= V) {
      throw new ArgumentError(fn, arg, `must hold integer token ids in [0, ${V}), got ${id} at position ${i}`);
    }
  });
}

/** Attention projections d_model → (H·hd, H_kv·hd), W ~ N(0, std²); zero biases unless `bias` is false. */
export function initAttention(
  dModel: number,
  rng: Rng,
  std: number,
  { bias = true, dQ = dModel, dKV = dModel }: { bias?: boolean; dQ?: number; dKV?: number } = {},
): AttentionWeights {
  const w: AttentionWeights = {
    W_Q: randn([dModel, dQ], rng, std),
    W_K: randn([dModel, dKV], rng, std),
    W_V: randn([dModel, dKV], rng, std),
    W_O: randn([dQ, dModel], rng, std),
  };
  if (!bias) return w;
  return { ...w, b_Q: Tensor.zeros([dQ]), b_K: Tensor.zeros([dKV]), b_V: Tensor.zeros([dKV]), b_O: Tensor.zeros([dModel]) };
}

export function initDenseFfn(dModel: number, dFf: number, rng: Rng, std: number): DenseFeedForwardWeights {
  return { W1: randn([dModel, dFf], rng, std), b1: Tensor.zeros([dFf]), W2: randn([dFf, dModel], rng, std), b2: Tensor.zeros([dModel]) };
}

/** γ = 1, β = 0. */
export function initLayerNorm(d: number, eps = 1e-5): LayerNormWeights {
  return { gamma: Tensor.full([d], 1), beta: Tensor.zeros([d]), eps };
}

/** Checks shared by the encoder, decoder and nn.Transformer-style stacks. */
export function checkLayerConfig(fn: string, config: EncoderLayerConfig): void {
  checkConfig(fn, config, ["numHeads"]);
  checkOneOf(fn, "config.norm", config.norm, ["pre", "post"]);
  checkOneOf(fn, "config.activation", config.activation, ["relu", "gelu", "gelu_tanh"]);
}

/**
 * A model config (the vocabulary of docs/architectures.md): an object whose listed fields are positive integers;
 * when numHeads and dModel are both listed, numHeads divides dModel (and numKVHeads divides numHeads).
 */
export function checkConfig(fn: string, config: object, keys: readonly string[]): void {
  if (config === null || typeof config !== "object") throw new ArgumentError(fn, "config", `must be an object, got ${String(config)}`);
  const c = config as Record<string, number>;
  for (const key of keys) checkPositiveInt(fn, `config.${key}`, c[key]);
  if (keys.includes("numKVHeads") && c.numHeads % c.numKVHeads !== 0) {
    throw new ArgumentError(fn, "config.numKVHeads", `must divide numHeads=${c.numHeads}, got ${c.numKVHeads}`);
  }
  if (keys.includes("dModel") && keys.includes("numHeads") && c.dModel % c.numHeads !== 0) {
    throw new ArgumentError(fn, "config.numHeads", `must divide dModel=${c.dModel}, got ${c.numHeads}`);
  }
}

/** Every named part of a weights object must be present (a clear error instead of a TypeError deep inside). */
export function checkWeightKeys(fn: string, arg: string, weights: unknown, keys: readonly string[]): void {
  if (weights === null || typeof weights !== "object") {
    throw new ArgumentError(fn, arg, `must be a weights object with ${keys.join(", ")}, got ${weights === null ? "null" : typeof weights}`);
  }
  const missing = keys.filter((k) => (weights as Record<string, unknown>)[k] === undefined || (weights as Record<string, unknown>)[k] === null);
  if (missing.length) throw new ArgumentError(fn, arg, `is missing ${missing.join(", ")}`);
}
