import { ArgumentError, checkShape } from "./errors.js";
import { embedBackward, learnedPositionsBackward } from "./embedding.grad.js";
import { feedForwardBackward } from "./feed-forward.grad.js";
import { feedForward, type FeedForwardWeights } from "./feed-forward.js";
import { checkGpt2, gpt2Embed, gpt2Head, type Gpt2BlockWeights, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { layerNormBackward, type LayerNormGrads } from "./layer-norm.grad.js";
import { layerNorm } from "./layer-norm.js";
import { crossEntropyBackward } from "./losses.grad.js";
import { crossEntropy, type CrossEntropyOptions } from "./losses.js";
import { causalMask } from "./masks.js";
import { matmul } from "./matmul.js";
import { checkTokenIds } from "./model-utils.js";
import { multiHeadAttentionBackward, type AttentionGrads } from "./multi-head-attention.grad.js";
import { multiHeadAttention } from "./multi-head-attention.js";
import { add, transpose } from "./ops.js";
import { residualBackward } from "./residual.grad.js";
import { logSoftmaxBackward } from "./softmax.grad.js";
import { logSoftmax } from "./softmax.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/** One block's gradients, keyed like `Gpt2BlockWeights`. */
export interface Gpt2BlockGrads extends Required<AttentionGrads> {
  ln_1: LayerNormGrads;
  ln_2: LayerNormGrads;
  W_fc: Tensor;
  b_fc: Tensor;
  W_proj: Tensor;
  b_proj: Tensor;
}

/** Gradients keyed like `Gpt2Weights`. `wte` holds both uses of the tied table: embedding lookup and LM head. */
export interface Gpt2Grads {
  wte: Tensor;
  wpe: Tensor;
  blocks: Gpt2BlockGrads[];
  ln_f: LayerNormGrads;
}

/** What the backward pass reads: the ids seen, the residual stream around every sub-layer, the log-probs. */
export interface Gpt2Cache {
  /** The token ids the model saw (the last n_ctx). */
  context: number[];
  /** stream[l] is the input of block l, (T, d); stream[nLayer] is the input of LN_f. */
  stream: Tensor[];
  /** afterAttention[l] = stream[l] + Attn(LN_1(stream[l])), the input of block l's MLP sub-layer, (T, d). */
  afterAttention: Tensor[];
  /** log softmax of the logits, (T, V). */
  logProbsNext: Tensor;
}

const lnOptions = (ln: Gpt2BlockWeights["ln_1"], config: Gpt2Config) => ({ eps: config.normEps ?? 1e-5, ...ln });

function attention(h: Tensor, block: Gpt2BlockWeights, config: Gpt2Config): Tensor {
  return multiHeadAttention(h, h, block, { numHeads: config.numHeads, attnMask: causalMask(h.shape[0]), weights: "none" }).output;
}

const mlpWeights = (b: Gpt2BlockWeights): FeedForwardWeights => ({ kind: "dense", activation: "gelu_tanh", W1: b.W_fc, b1: b.b_fc, W2: b.W_proj, b2: b.b_proj });

/**
 * `gpt2` with the intermediates its backward pass needs. Each block is computed from the same functions as
 * `gpt2Block` (h = x + Attn(LN_1 x), y = h + MLP(LN_2 h)), so logits are identical to `gpt2`'s.
 */
export function gpt2ForwardWithCache(
  weights: Gpt2Weights,
  config: Gpt2Config,
  tokenIds: readonly number[],
): { logits: Tensor; logProbsNext: Tensor; cache: Gpt2Cache } {
  checkGpt2("gpt2ForwardWithCache", weights, config);
  checkTokenIds("gpt2ForwardWithCache", "tokenIds", tokenIds, config.vocabSize);
  const context = tokenIds.slice(Math.max(0, tokenIds.length - config.contextLength));
  let x = gpt2Embed(weights, context); // (T, d)
  const stream = [x];
  const afterAttention: Tensor[] = [];
  for (const block of weights.blocks) {
    const h = add(x, attention(layerNorm(x, lnOptions(block.ln_1, config)), block, config));
    x = add(h, feedForward(layerNorm(h, lnOptions(block.ln_2, config)), mlpWeights(block)).output);
    afterAttention.push(h);
    stream.push(x);
  }
  const logits = gpt2Head(weights, x, config); // (T, V)
  const logProbsNext = logSoftmax(logits);
  return { logits, logProbsNext, cache: { context, stream, afterAttention, logProbsNext } };
}

/**
 * Reverse mode of GPT-2 from ∂L/∂logits and/or ∂L/∂logProbsNext:
 *   dlogits += logSoftmax backward(dlogProbs)
 *   head:    logits = n_f wteᵀ, n_f = LN_f(x_L)  →  dwte = dlogitsᵀ n_f,  dn_f = dlogits wte
 *   blocks (last to first), pre-norm residuals:
 *            dh = dy + LN_2ᵀ MLPᵀ dy,   dx = dh + LN_1ᵀ Attnᵀ dh
 *   embed:   x_0 = wte[ids] + wpe[0 … T−1]  →  dwte[ids[t]] += dx_0[t],  dwpe[t] = dx_0[t]
 * `wte` is used twice (lookup and tied head), so its gradient is the sum of both contributions, as in autograd.
 */
export function gpt2Backward(
  weights: Gpt2Weights,
  config: Gpt2Config,
  cache: Gpt2Cache,
  upstream: { logits?: TensorLike; logProbsNext?: TensorLike },
): Gpt2Grads {
  const wte = asTensor(weights.wte);
  const T = cache.context.length;
  let dLogits = upstream.logits === undefined ? Tensor.zeros([T, config.vocabSize]) : asTensor(upstream.logits);
  checkShape("gpt2Backward", "upstream.logits", dLogits.shape, [T, config.vocabSize]);
  if (upstream.logProbsNext !== undefined) dLogits = add(dLogits, logSoftmaxBackward(cache.logProbsNext, upstream.logProbsNext));

  // Head: logits = LN_f(x_L) @ wteᵀ.
  const xL = cache.stream[config.numLayers];
  const lnF = lnOptions(weights.ln_f, config);
  const nF = layerNorm(xL, lnF); // (T, d)
  const dWteHead = matmul(transpose(dLogits), nF); // (V, T) @ (T, d)
  const f = layerNormBackward(xL, matmul(dLogits, wte), lnF); // dn_f = dlogits (T, V) @ wte (V, d)
  let dx = f.dx;

  const blocks: Gpt2BlockGrads[] = new Array(config.numLayers);
  for (let l = config.numLayers - 1; l >= 0; l--) {
    const block = weights.blocks[l];
    const [x, h] = [cache.stream[l], cache.afterAttention[l]];
    const ln1 = lnOptions(block.ln_1, config);
    const ln2 = lnOptions(block.ln_2, config);
    const g = {} as Gpt2BlockGrads;
    const n1 = layerNorm(x, ln1);
    const n2 = layerNorm(h, ln2);
    const dh = residualBackward(dx, "pre", {
      sublayer: (dy) => {
        const m = feedForwardBackward(n2, mlpWeights(block), { output: dy });
        Object.assign(g, { W_fc: m.grads.W1, b_fc: m.grads.b1, W_proj: m.grads.W2, b_proj: m.grads.b2 });
        return m.dx;
      },
      norm: (dn) => {
        const r = layerNormBackward(h, dn, ln2);
        g.ln_2 = { gamma: r.dGamma, beta: r.dBeta };
        return r.dx;
      },
    });
    dx = residualBackward(dh, "pre", {
      sublayer: (dy) => {
        const a = multiHeadAttentionBackward(n1, n1, block, { output: dy }, { numHeads: config.numHeads, attnMask: causalMask(T) });
        Object.assign(g, a.grads);
        return add(a.dQuery, a.dKeyValue); // self-attention: the block input feeds Q, K and V
      },
      norm: (dn) => {
        const r = layerNormBackward(x, dn, ln1);
        g.ln_1 = { gamma: r.dGamma, beta: r.dBeta };
        return r.dx;
      },
    });
    blocks[l] = g;
  }

  const dWteEmbed = embedBackward(cache.context, dx, config.vocabSize);
  return {
    wte: add(dWteHead, dWteEmbed),
    wpe: learnedPositionsBackward(dx, config.contextLength),
    blocks,
    ln_f: { gamma: f.dGamma, beta: f.dBeta },
  };
}

/**
 * Next-token cross-entropy and its gradients for one sequence: logits = gpt2(inputIds), loss = mean over the
 * counted positions of −log p(targets[t] | inputIds[0 … t]) (`crossEntropy` semantics: ignoreIndex, label
 * smoothing). inputIds and targets have the same length ≤ n_ctx (typically targets = inputIds shifted by one).
 */
export function gpt2LossAndGrads(
  weights: Gpt2Weights,
  config: Gpt2Config,
  inputIds: readonly number[],
  targets: readonly number[],
  options: CrossEntropyOptions = {},
): { loss: number; logits: Tensor; grads: Gpt2Grads } {
  if (inputIds.length > config.contextLength || targets.length !== inputIds.length) {
    const got = `${inputIds.length} inputs and ${targets.length} targets`;
    throw new ArgumentError("gpt2LossAndGrads", "targets", `must match inputIds, both of length ≤ contextLength=${config.contextLength}; got ${got}`);
  }
  const { logits, cache } = gpt2ForwardWithCache(weights, config, inputIds);
  const { mean } = crossEntropy(logits, [...targets], options);
  const dLogits = crossEntropyBackward(logits, [...targets], { mean: 1 }, options);
  return { loss: mean, logits, grads: gpt2Backward(weights, config, cache, { logits: dLogits }) };
}
