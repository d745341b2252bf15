import { scaledDotProductAttention } from "./attention.js";
import { embed, learnedPositions } from "./embedding.js";
import { feedForward } from "./feed-forward.js";
import { checkGpt2, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { layerNorm } from "./layer-norm.js";
import { linear } from "./linear.js";
import { causalMask } from "./masks.js";
import { matmulTransposed } from "./matmul.js";
import { checkTokenIds } from "./model-utils.js";
import { add, transpose } from "./ops.js";
import { asTensor, type Tensor } from "./tensor.js";

/**
 * Every intermediate of one block of a GPT-2 forward pass (T = context length, d = d_model, H heads of hd = d / H).
 *   ln1 = LN_1(input)
 *   q, k, v = ln1 W_{Q,K,V} + b, split into heads              head h: columns [h·hd, (h+1)·hd)
 *   scores = q kᵀ / √hd + causal mask,  weights = softmax(scores)
 *   heads = concat_h(weights_h v_h),  attention = heads W_O + b_O
 *   afterAttention = input + attention
 *   mlpHidden = gelu_tanh(LN_2(afterAttention) W_fc + b_fc),  mlp = mlpHidden W_proj + b_proj
 *   output = afterAttention + mlp
 */
export interface Gpt2LayerTrace {
  /** (T, d) the residual stream entering the block. */
  input: Tensor;
  /** (T, d) LN_1(input). */
  ln1: Tensor;
  /** (H, T, hd) queries, keys and values per head. */
  q: Tensor;
  k: Tensor;
  v: Tensor;
  /** (H, T, T) scores before the softmax: q_i·k_j / √hd, −∞ above the diagonal (a token cannot see later ones). */
  scores: Tensor;
  /** (H, T, T) attention weights: softmax of `scores` over j, each row sums to 1. */
  weights: Tensor;
  /** (T, d) the heads' outputs side by side, before W_O. */
  heads: Tensor;
  /** (T, d) the attention sub-layer's output, heads W_O + b_O. */
  attention: Tensor;
  /** (T, d) input + attention: the first residual add. */
  afterAttention: Tensor;
  /** (T, d) LN_2(afterAttention). */
  ln2: Tensor;
  /** (T, 4d) the feed-forward's hidden activations, after gelu_tanh. */
  mlpHidden: Tensor;
  /** (T, d) the feed-forward's output. */
  mlp: Tensor;
  /** (T, d) afterAttention + mlp: the second residual add, the block's output. */
  output: Tensor;
}

/** The whole forward pass of `gpt2`, step by step. */
export interface Gpt2Trace {
  /** The token ids the model saw (the last n_ctx). */
  context: number[];
  /** (T, d) wte[ids]. */
  tokenEmbedding: Tensor;
  /** (T, d) wpe[0 … T−1]. */
  positionEmbedding: Tensor;
  /** (T, d) tokenEmbedding + positionEmbedding: the residual stream entering block 0. */
  embedding: Tensor;
  layers: Gpt2LayerTrace[];
  /** (T, d) LN_f of the last block's output. */
  lnF: Tensor;
  /** (T, V) lnF @ wteᵀ: the same logits as `gpt2`; row t predicts token t+1. */
  logits: Tensor;
}

/** (T, H·hd) → (H, T, hd): one row block per head. */
function splitHeads(x: Tensor, H: number): Tensor {
  const [T, D] = x.shape;
  return transpose(x.reshape([T, H, D / H]), [1, 0, 2]);
}

/** (H, T, hd) → (T, H·hd): the heads side by side again. */
function mergeHeads(x: Tensor): Tensor {
  const [H, T, hd] = x.shape;
  return transpose(x, [1, 0, 2]).reshape([T, H * hd]);
}

/** One pre-norm block on x (T, d), keeping every intermediate; the same computation as `gpt2Block`. */
function traceBlock(input: Tensor, block: Gpt2Weights["blocks"][number], config: Gpt2Config): Gpt2LayerTrace {
  const eps = config.normEps ?? 1e-5;
  const H = config.numHeads;
  const T = input.shape[0];
  const ln1 = layerNorm(input, { eps, ...block.ln_1 }); // (T, d)
  const q = splitHeads(linear(ln1, block.W_Q, block.b_Q), H); // (H, T, hd)
  const k = splitHeads(linear(ln1, block.W_K, block.b_K), H); // (H, T, hd)
  const v = splitHeads(linear(ln1, block.W_V, block.b_V), H); // (H, T, hd)
  const { scores, weights, output } = scaledDotProductAttention(q, k, v, { mask: causalMask(T) }); // (H, T, T), (H, T, hd)
  const heads = mergeHeads(output); // (T, d)
  const attention = linear(heads, block.W_O, block.b_O); // (T, d)
  const afterAttention = add(input, attention); // (T, d)
  const ln2 = layerNorm(afterAttention, { eps, ...block.ln_2 }); // (T, d)
  const ffn = feedForward(ln2, { kind: "dense", activation: "gelu_tanh", W1: block.W_fc, b1: block.b_fc, W2: block.W_proj, b2: block.b_proj });
  const out = add(afterAttention, ffn.output); // (T, d)
  return { input, ln1, q, k, v, scores, weights, heads, attention, afterAttention, ln2, mlpHidden: ffn.hidden, mlp: ffn.output, output: out };
}

/**
 * GPT-2's forward pass over `tokenIds` (the last n_ctx of them) with every intermediate kept, for showing a model
 * at work: embeddings, then per block LN_1 → per-head q, k, v → scores → weights → heads → W_O → residual →
 * LN_2 → MLP hidden → MLP → residual, then LN_f and the logits. Built from the same functions as `gpt2`, so its
 * logits are `gpt2`'s and its weights are `gpt2AttentionMaps`' (tested).
 *   ids (T,) → per block (T, d), (H, T, hd), (H, T, T), (T, 4d); logits (T', V), T' = min(T, n_ctx)
 */
export function gpt2Trace(weights: Gpt2Weights, config: Gpt2Config, tokenIds: readonly number[]): Gpt2Trace {
  checkGpt2("gpt2Trace", weights, config);
  checkTokenIds("gpt2Trace", "tokenIds", tokenIds, config.vocabSize);
  const context = tokenIds.slice(Math.max(0, tokenIds.length - config.contextLength));
  const tokenEmbedding = embed(weights.wte, context); // (T, d)
  const positionEmbedding = learnedPositions(weights.wpe, context.length, 0); // (T, d)
  const embedding = add(tokenEmbedding, positionEmbedding); // (T, d)
  const layers: Gpt2LayerTrace[] = [];
  let x = embedding;
  for (const block of weights.blocks) {
    const layer = traceBlock(x, block, config);
    layers.push(layer);
    x = layer.output;
  }
  const lnF = layerNorm(x, { eps: config.normEps ?? 1e-5, ...weights.ln_f }); // (T, d)
  const logits = matmulTransposed(lnF, asTensor(weights.wte)); // (T, V): the LM head is tied to wte
  return { context, tokenEmbedding, positionEmbedding, embedding, layers, lnF, logits };
}
