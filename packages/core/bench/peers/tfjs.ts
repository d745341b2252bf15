// The benchmarked operations built from TensorFlow.js ops (float32 only), for its "cpu" (pure JS) and "wasm"
// (XNNPACK, SIMD) backends. Same math as @qkv/core: weights in (in, out) layout, y = x W + b.
import { createRequire } from "node:module";
import path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { Tensor as CoreTensor } from "../../src/index.js";

export type TfBackend = "cpu" | "wasm";
export { tf };

/**
 * Register the wasm backend from the .wasm files inside the installed package (no network), single-threaded
 * like the other implementations, SIMD when Node supports it. Returns whether SIMD is on.
 */
export async function initTf(): Promise<{ simd: boolean }> {
  const require = createRequire(import.meta.url);
  const dist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.node.js"));
  setWasmPaths(dist + path.sep);
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  tf.env().set("IS_TEST", true); // silences the "install tfjs-node" banner
  await useBackend("wasm");
  const simd = tf.env().getBool("WASM_HAS_SIMD_SUPPORT") as boolean;
  await useBackend("cpu");
  return { simd };
}

export async function useBackend(name: TfBackend): Promise<void> {
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend "${name}" failed to initialise`);
  await tf.ready();
}

/** A float32 tf tensor with a core tensor's values and shape (call after `useBackend`). */
export function fromCore(t: CoreTensor): tf.Tensor {
  return tf.tensor(Float32Array.from(t.data), [...t.shape], "float32");
}

/** Run `f` in a tidy scope, read the result back synchronously and free it. */
export function runSync(f: () => tf.Tensor): Float32Array {
  const y = tf.tidy(f);
  const data = y.dataSync() as Float32Array;
  y.dispose();
  return data;
}

export interface TfAttentionWeights {
  W_Q: tf.Tensor; W_K: tf.Tensor; W_V: tf.Tensor; W_O: tf.Tensor;
  b_Q: tf.Tensor; b_K: tf.Tensor; b_V: tf.Tensor; b_O: tf.Tensor;
}

/** (T, H·hd) → (H, T, hd) */
function splitHeads(x: tf.Tensor, H: number): tf.Tensor {
  const [T, D] = x.shape;
  return x.reshape([T, H, D / H]).transpose([1, 0, 2]);
}

/** (H, T, hd) → (T, H·hd) */
function mergeHeads(x: tf.Tensor): tf.Tensor {
  const [H, T, hd] = x.shape;
  return x.transpose([1, 0, 2]).reshape([T, H * hd]);
}

/** Multi-head self-attention on x (T, d): projections, heads, softmax(QKᵀ/√hd [+ mask]) V, concat, W_O. */
export function mha(x: tf.Tensor, w: TfAttentionWeights, H: number, mask?: tf.Tensor): tf.Tensor {
  return attend(x, w, H, mask).out;
}

function attend(x: tf.Tensor, w: TfAttentionWeights, H: number, mask?: tf.Tensor, cache?: KvCache, layer = 0) {
  const d = x.shape[1]!;
  const hd = d / H;
  const q = splitHeads(tf.add(tf.matMul(x, w.W_Q), w.b_Q), H);
  let k = splitHeads(tf.add(tf.matMul(x, w.W_K), w.b_K), H);
  let v = splitHeads(tf.add(tf.matMul(x, w.W_V), w.b_V), H);
  if (cache) {
    const prev = cache.layers[layer];
    if (prev) {
      k = tf.concat([prev.k, k], 1);
      v = tf.concat([prev.v, v], 1);
    }
    cache.next[layer] = { k: tf.keep(k), v: tf.keep(v) };
  }
  let scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(hd)); // (H, T, S)
  if (mask) scores = tf.add(scores, mask);
  const out = tf.add(tf.matMul(mergeHeads(tf.matMul(tf.softmax(scores), v)), w.W_O), w.b_O);
  return { out };
}

export interface TfLayerNorm { gamma: tf.Tensor; beta: tf.Tensor }
export interface TfGptBlock extends TfAttentionWeights {
  ln_1: TfLayerNorm; ln_2: TfLayerNorm;
  W_fc: tf.Tensor; b_fc: tf.Tensor; W_proj: tf.Tensor; b_proj: tf.Tensor;
}
export interface TfGpt { wte: tf.Tensor; wpe: tf.Tensor; blocks: TfGptBlock[]; ln_f: TfLayerNorm; numHeads: number; eps: number }

function layerNorm(x: tf.Tensor, p: TfLayerNorm, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), p.gamma), p.beta);
}

function geluTanh(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/** Per layer keys and values (H, S, hd) so far; `next` collects this step's, then replaces `layers`. */
export interface KvCache { layers: { k: tf.Tensor; v: tf.Tensor }[]; next: { k: tf.Tensor; v: tf.Tensor }[] }

/**
 * How token embeddings are looked up: `gather` (forward passes), or `one-hot` = onehot(ids) @ wte for training on
 * the wasm backend, which has no kernel for gather's gradient (UnsortedSegmentSum).
 */
export type EmbeddingLookup = "gather" | "one-hot";

/** GPT-2 forward on ids at positions start…start+T−1 (causal) → logits (T, V); extends `cache` if given. */
export function gpt(m: TfGpt, ids: number[], start = 0, cache?: KvCache, lookup: EmbeddingLookup = "gather"): tf.Tensor {
  const T = ids.length;
  const S = start + T;
  const idx = tf.tensor1d(ids, "int32");
  // oneHot is int32 then cast: tfjs-wasm 4.22's oneHot with dtype "float32" writes integer bits (1 reads as 1.4e-45).
  const tok = lookup === "gather" ? tf.gather(m.wte, idx) : tf.matMul(tf.cast(tf.oneHot(idx, m.wte.shape[0]!), "float32"), m.wte);
  let x = tf.add(tok, tf.slice(m.wpe, [start, 0], [T, -1]));
  // Causal over absolute positions: query start+i sees keys 0 … start+i.
  const mask = T === 1 ? undefined : tf.tensor2d(causal(T, S), [T, S]);
  m.blocks.forEach((b, layer) => {
    x = tf.add(x, attend(layerNorm(x, b.ln_1, m.eps), b, m.numHeads, mask, cache, layer).out);
    const h = layerNorm(x, b.ln_2, m.eps);
    x = tf.add(x, tf.add(tf.matMul(geluTanh(tf.add(tf.matMul(h, b.W_fc), b.b_fc)), b.W_proj), b.b_proj));
  });
  return tf.matMul(layerNorm(x, m.ln_f, m.eps), m.wte, false, true);
}

function causal(T: number, S: number): Float32Array {
  const m = new Float32Array(T * S);
  const start = S - T;
  for (let i = 0; i < T; i++) for (let j = start + i + 1; j < S; j++) m[i * S + j] = -Infinity;
  return m;
}

/** Greedy generation with a KV cache: one prefill pass over the prompt, then one token per step. */
export function gptGenerate(m: TfGpt, prompt: number[], steps: number): number[] {
  const cache: KvCache = { layers: [], next: [] };
  const out: number[] = [];
  let ids = prompt;
  let pos = 0;
  for (let s = 0; s < steps; s++) {
    const logits = tf.tidy(() => {
      const l = gpt(m, ids, pos, cache);
      return tf.slice(l, [ids.length - 1, 0], [1, -1]);
    });
    const next = logits.argMax(-1).dataSync()[0];
    logits.dispose();
    for (const old of cache.layers) tf.dispose([old.k, old.v]);
    cache.layers = cache.next;
    cache.next = [];
    pos += ids.length;
    ids = [next];
    out.push(next);
  }
  for (const old of cache.layers) tf.dispose([old.k, old.v]);
  return out;
}

export interface TfAdamWOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  /** Decoupled weight decay per variable name (tfjs's Adam has none: θ ← θ(1 − lr·λ) is applied before it). */
  weightDecay: Record<string, number>;
  maxNorm: number;
}

/**
 * One training step of a GPT on a batch, as core's trainStep: mean cross-entropy over the B·T positions (one
 * forward per sequence, like core), gradients by tfjs autograd, global-norm clipping, decoupled weight decay, then
 * tfjs's Adam (bias-corrected, ε outside the square root). Returns the loss before the update.
 */
export function gptTrainStep(
  m: TfGpt,
  vars: Record<string, tf.Variable>,
  optimizer: tf.Optimizer,
  batch: { inputs: number[][]; targets: number[][] },
  o: TfAdamWOptions,
): number {
  // IS_TEST (set to silence tfjs's start-up banner) also turns on a per-kernel leak check that misreads the
  // gradient tape's saved tensors as leaks: off for the step, restored after.
  const isTest = tf.env().getBool("IS_TEST");
  tf.env().set("IS_TEST", false);
  try {
    return taped(m, vars, optimizer, batch, o);
  } finally {
    tf.env().set("IS_TEST", isTest);
  }
}

function taped(m: TfGpt, vars: Record<string, tf.Variable>, optimizer: tf.Optimizer, batch: { inputs: number[][]; targets: number[][] }, o: TfAdamWOptions): number {
  const V = m.wte.shape[0]!;
  const { value, grads } = tf.variableGrads(() => {
    const losses = batch.inputs.map((ids, b) => {
      const logits = gpt(m, ids, 0, undefined, "one-hot");
      // −mean_t log softmax(logits_t)[target_t]
      const labels = tf.cast(tf.oneHot(tf.tensor1d(batch.targets[b], "int32"), V), "float32");
      return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), -1)));
    });
    return tf.div(tf.addN(losses), losses.length) as tf.Scalar;
  });
  const loss = value.dataSync()[0];
  tf.tidy(() => {
    const names = Object.keys(vars);
    const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))).dataSync()[0];
    const coef = Math.min(1, o.maxNorm / (norm + 1e-6));
    for (const n of names) if (o.weightDecay[n]) vars[n].assign(tf.mul(vars[n], 1 - o.lr * o.weightDecay[n]));
    optimizer.applyGradients(Object.fromEntries(names.map((n) => [n, tf.mul(grads[n], coef)])));
  });
  tf.dispose([value, ...Object.values(grads)]);
  return loss;
}
