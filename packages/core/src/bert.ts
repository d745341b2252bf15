import { activate } from "./activations.js";
import { encoderLayer, initEncoderLayer, type EncoderLayerWeights } from "./encoder-layer.js";
import type { LayerNormWeights } from "./layer-norm.js";
import { embed, learnedPositions } from "./embedding.js";
import { ArgumentError, ShapeError, checkShape, formatShape } from "./errors.js";
import { addBiasInPlace, linear } from "./linear.js";
import { asBoolTensor, type BoolLike } from "./masks.js";
import { checkConfig, checkPositiveInt, checkWeightKeys, initLayerNorm, layerNormFn } from "./model-utils.js";
import { matmulTransposed } from "./matmul.js";
import { add } from "./ops.js";
import { randn, type Rng } from "./random.js";
import { Tensor, asTensor, type TensorLike } from "./tensor.js";

/**
 * BERT (Devlin et al. 2019): a bidirectional Transformer encoder pre-trained by masked language modelling.
 *
 *   x      = LN_emb(word[ids] + position[0 … T−1] + token_type[segment ids])          (B, T, d)
 *   layers = N post-norm encoder layers, GELU (erf) FFN, no causal mask: every token sees every other
 *   MLM    = LN_mlm(gelu(h W_t + b_t)) @ wordᵀ + bias                                  (B, T, V), decoder tied
 *
 * Masking procedure (§3.1, "Task #1"): choose 15% of the (non-special) positions as prediction targets; of those,
 * replace 80% with [MASK], 10% with a random token, and keep 10% unchanged, so the model cannot learn that only
 * [MASK] positions matter. Only chosen positions get a label; the loss ignores the rest (label −100).
 */

export interface BertConfig {
  vocabSize: number;
  contextLength: number;
  /** Segment vocabulary (sentence A / B). Default 2. */
  typeVocabSize?: number;
  dModel: number;
  numHeads: number;
  numLayers: number;
  ffnHidden: number;
  /** Default 1e-12 (BERT's). */
  normEps?: number;
}

export interface BertWeights {
  /** (V, d), also the MLM decoder */
  word_embeddings: TensorLike;
  /** (contextLength, d) */
  position_embeddings: TensorLike;
  /** (typeVocabSize, d) */
  token_type_embeddings: TensorLike;
  embeddings_norm: LayerNormWeights;
  /** post-norm, GELU encoder layers (see encoder-layer.ts) */
  layers: EncoderLayerWeights[];
  mlm_head: {
    /** (d, d), (d,) */
    W_transform: TensorLike;
    b_transform: TensorLike;
    norm: LayerNormWeights;
    /** output bias (V,) */
    bias: TensorLike;
  };
}

export interface BertInputs {
  /** Segment ids (B, T) / (T,), default all 0. */
  tokenTypeIds?: TensorLike;
  /** Bool (B, T) / (T,), true = padding (never attended to). */
  paddingMask?: BoolLike;
}

export interface BertOutput {
  /** Final hidden states (B, T, d), or (T, d) for unbatched ids. */
  hidden: Tensor;
  /** MLM logits (B, T, V) or (T, V). */
  mlmLogits: Tensor;
}

/** Encoder + MLM head over token ids (B, T) or (T,). */
export function bert(weights: BertWeights, config: BertConfig, tokenIds: TensorLike, inputs: BertInputs = {}): BertOutput {
  const fn = "bert";
  checkBertConfig(fn, config);
  const ids = asTensor(tokenIds);
  const batched = ids.rank === 2;
  const { T } = checkShape(fn, "tokenIds", ids.shape, batched ? ["B", "T"] : ["T"]);
  if (T > config.contextLength) throw new ShapeError(fn, "tokenIds", `(…, T ≤ contextLength=${config.contextLength})`, ids.shape);
  const types = inputs.tokenTypeIds === undefined ? Tensor.zeros(ids.shape) : asTensor(inputs.tokenTypeIds);
  if (types.shape.join() !== ids.shape.join()) throw new ShapeError(fn, "tokenTypeIds", `${formatShape(ids.shape)} like tokenIds`, types.shape);
  checkWeightKeys(fn, "weights", weights, ["word_embeddings", "position_embeddings", "token_type_embeddings", "embeddings_norm", "layers", "mlm_head"]);
  if (!Array.isArray(weights.layers) || weights.layers.length !== config.numLayers) {
    const given = Array.isArray(weights.layers) ? weights.layers.length : typeof weights.layers;
    throw new ArgumentError(fn, "weights.layers", `must be an array of numLayers=${config.numLayers} layers, got ${given}`);
  }
  const eps = config.normEps ?? 1e-12;
  const norm = (p: LayerNormWeights): ((x: Tensor) => Tensor) => layerNormFn({ eps, ...p });

  let x = add(add(embed(weights.word_embeddings, ids), learnedPositions(weights.position_embeddings, T)), embed(weights.token_type_embeddings, types)); // (B, T, d)
  x = norm(weights.embeddings_norm)(x);
  const padding = inputs.paddingMask === undefined ? undefined : asBoolTensor(inputs.paddingMask);
  const layerConfig = { numHeads: config.numHeads, activation: "gelu", norm: "post" } as const;
  for (const layer of weights.layers) {
    const l = { ...layer, norm1: { eps, ...layer.norm1 }, norm2: { eps, ...layer.norm2 } };
    x = encoderLayer(x, l, layerConfig, { srcKeyPaddingMask: padding }).output;
  }
  const head = weights.mlm_head;
  const t = norm(head.norm)(activate(linear(x, head.W_transform, head.b_transform), "gelu")); // (B, T, d)
  // t @ word_embeddingsᵀ + bias, read straight from the (V, d) table (tied weights, no transposed copy).
  const mlmLogits = matmulTransposed(t, asTensor(weights.word_embeddings)); // (B, T, V)
  addBiasInPlace(mlmLogits, asTensor(head.bias), "bert", "weights.mlm_head.bias");
  return { hidden: x, mlmLogits };
}

/**
 * How prediction targets are chosen: each non-special position independently with probability p (HF's
 * DataCollatorForLanguageModeling), or exactly max(1, round(p · n)) of them drawn without replacement, n being the
 * sequence length including special tokens (Google's create_pretraining_data.py).
 */
export type MaskSelection = "bernoulli" | "exact";

/** What happened to a chosen position. */
export type MaskAction = "mask" | "random" | "keep";

export interface MlmMaskingOptions {
  rng: Rng;
  maskTokenId: number;
  /** Random replacements are drawn uniformly from [0, vocabSize). */
  vocabSize: number;
  /** Default 0.15. */
  maskProb?: number;
  /** Default "bernoulli". */
  selection?: MaskSelection;
  /** Never chosen ([CLS], [SEP], [PAD]…). */
  specialTokenIds?: readonly number[];
  /** Label of positions that are not predicted. Default −100 (crossEntropy's ignoreIndex). */
  ignoreIndex?: number;
}

export interface MlmMasking {
  /** The corrupted input fed to the model. */
  inputIds: number[];
  /** The original token at chosen positions, ignoreIndex elsewhere. */
  labels: number[];
  /** Per position: what was done, or null if not chosen. */
  actions: (MaskAction | null)[];
}

/** BERT's masking procedure on one sequence (see the module comment); reproducible from `rng`. */
export function bertMaskTokens(tokenIds: readonly number[], options: MlmMaskingOptions): MlmMasking {
  const fn = "bertMaskTokens";
  const { rng, maskTokenId, vocabSize, maskProb = 0.15, selection = "bernoulli", specialTokenIds = [], ignoreIndex = -100 } = options;
  if (!rng || typeof rng.uniform !== "function") throw new ArgumentError(fn, "rng", "must be an Rng (e.g. new Rng(seed)) so masking is reproducible");
  checkPositiveInt(fn, "vocabSize", vocabSize);
  if (!Number.isInteger(maskTokenId) || maskTokenId < 0 || maskTokenId >= vocabSize) {
    throw new ArgumentError(fn, "maskTokenId", `must be an integer token id in [0, ${vocabSize}), got ${maskTokenId}`);
  }
  if (!(maskProb >= 0 && maskProb <= 1)) throw new ArgumentError(fn, "maskProb", `must be in [0, 1], got ${maskProb}`);
  if (selection !== "bernoulli" && selection !== "exact") {
    throw new ArgumentError(fn, "selection", `must be "bernoulli" or "exact", got ${JSON.stringify(selection)}`);
  }
  if (!Array.isArray(tokenIds)) throw new ArgumentError(fn, "tokenIds", `must be an array of token ids, got ${typeof tokenIds}`);
  tokenIds.forEach((id, i) => {
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) {
      throw new ArgumentError(fn, "tokenIds", `must hold integer token ids in [0, ${vocabSize}), got ${id} at position ${i}`);
    }
  });

  const special = new Set(specialTokenIds);
  const candidates = tokenIds.flatMap((id, i) => (special.has(id) ? [] : [i]));
  const chosen = new Set<number>();
  if (selection === "bernoulli") {
    for (const i of candidates) if (rng.uniform() < maskProb) chosen.add(i);
  } else if (candidates.length > 0 && maskProb > 0) {
    const n = Math.min(candidates.length, Math.max(1, Math.round(tokenIds.length * maskProb)));
    const pool = [...candidates];
    for (let k = 0; k < n; k++) {
      const j = k + rng.int(pool.length - k); // partial Fisher–Yates shuffle
      [pool[k], pool[j]] = [pool[j], pool[k]];
      chosen.add(pool[k]);
    }
  }
  const inputIds = [...tokenIds];
  const labels = tokenIds.map(() => ignoreIndex);
  const actions: (MaskAction | null)[] = tokenIds.map(() => null);
  for (const i of [...chosen].sort((a, b) => a - b)) {
    labels[i] = tokenIds[i];
    const u = rng.uniform();
    if (u < 0.8) {
      inputIds[i] = maskTokenId;
      actions[i] = "mask";
    } else if (u < 0.9) {
      inputIds[i] = rng.int(vocabSize);
      actions[i] = "random";
    } else {
      actions[i] = "keep";
    }
  }
  return { inputIds, labels, actions };
}

/** Random weights: N(0, std²) matrices and embeddings (BERT's init, std 0.02), zero biases, γ = 1, β = 0. */
export function initBert(config: BertConfig, rng: Rng, std = 0.02): BertWeights {
  checkBertConfig("initBert", config);
  const { vocabSize, contextLength, typeVocabSize = 2, dModel: d } = config;
  const eps = config.normEps ?? 1e-12;
  const layer = { dModel: d, numHeads: config.numHeads, ffnHidden: config.ffnHidden, activation: "gelu", norm: "post" } as const;
  return {
    word_embeddings: randn([vocabSize, d], rng, std),
    position_embeddings: randn([contextLength, d], rng, std),
    token_type_embeddings: randn([typeVocabSize, d], rng, std),
    embeddings_norm: initLayerNorm(d, eps),
    layers: Array.from({ length: config.numLayers }, () => {
      const w = initEncoderLayer(layer, rng, std);
      return { ...w, norm1: initLayerNorm(d, eps), norm2: initLayerNorm(d, eps) };
    }),
    mlm_head: { W_transform: randn([d, d], rng, std), b_transform: Tensor.zeros([d]), norm: initLayerNorm(d, eps), bias: Tensor.zeros([vocabSize]) },
  };
}

function checkBertConfig(fn: string, config: BertConfig): void {
  checkConfig(fn, config, ["vocabSize", "contextLength", "dModel", "numHeads", "numLayers", "ffnHidden"]);
  if (config.typeVocabSize !== undefined) checkPositiveInt(fn, "config.typeVocabSize", config.typeVocabSize);
}
