import { CharTokenizer } from "./char-tokenizer.js";
import { checkGpt2, initGpt2, type Gpt2Config, type Gpt2Weights } from "./gpt2.js";
import { flattenTensors, unflattenTensors } from "./named-tensors.js";
import { Rng } from "./random.js";
import { SafetensorsError, readSafetensors, writeSafetensors } from "./safetensors.js";

export interface Gpt2Checkpoint {
  config: Gpt2Config;
  /** float64 tensors (widened exactly from the stored dtype), ready for gpt2() and the decoders. */
  weights: Gpt2Weights;
  /** The tokenizer saved with the model, if any. */
  tokenizer?: CharTokenizer;
  /** Any other "__metadata__" entries (training run details). */
  metadata: Record<string, string>;
}

export interface SaveGpt2Options {
  /** Stored element type, default F32 (F16 halves the file, at about 3 significant digits per weight). */
  dtype?: "F64" | "F32" | "F16";
  tokenizer?: CharTokenizer;
  metadata?: Record<string, string>;
}

const CONFIG_KEY = "qkv.gpt2";
const TOKENIZER_KEY = "qkv.tokenizer";

/**
 * A GPT-2 as a safetensors file: tensors named by path ("wte", "blocks.0.W_Q", "blocks.0.ln_1.gamma", …, layout
 * (in, out) as everywhere in core), the config in metadata under Hugging Face's GPT2Config names (vocab_size,
 * n_positions, n_embd, n_head, n_layer, layer_norm_epsilon), and the tokenizer's characters. Bytes out.
 */
export function saveGpt2(weights: Gpt2Weights, config: Gpt2Config, options: SaveGpt2Options = {}): Uint8Array {
  checkGpt2("saveGpt2", weights, config);
  const hf = {
    vocab_size: config.vocabSize,
    n_positions: config.contextLength,
    n_embd: config.dModel,
    n_head: config.numHeads,
    n_layer: config.numLayers,
    layer_norm_epsilon: config.normEps ?? 1e-5,
  };
  const metadata: Record<string, string> = { ...options.metadata, format: "pt", [CONFIG_KEY]: JSON.stringify(hf) };
  if (options.tokenizer) metadata[TOKENIZER_KEY] = JSON.stringify({ kind: "char", chars: options.tokenizer.chars });
  return writeSafetensors(flattenTensors(weights, "saveGpt2"), { dtype: options.dtype ?? "F32", metadata });
}

/**
 * Bytes → a runnable model: parse and check the file (see readSafetensors), read the config and tokenizer from
 * its metadata, and check that every tensor GPT-2 needs is there with the right shape and nothing else is.
 */
export function loadGpt2(bytes: Uint8Array): Gpt2Checkpoint {
  const fail = (problem: string): never => {
    throw new SafetensorsError(`loadGpt2: ${problem}`);
  };
  const file = readSafetensors(bytes);
  const { [CONFIG_KEY]: configText, [TOKENIZER_KEY]: tokenizerText, ...metadata } = file.metadata;
  if (configText === undefined) fail(`no "${CONFIG_KEY}" entry in the metadata: not a GPT-2 saved by core`);
  let hf: Record<string, unknown> = {};
  try {
    hf = JSON.parse(configText) as Record<string, unknown>;
  } catch {
    fail(`metadata "${CONFIG_KEY}" is not JSON`);
  }
  const config: Gpt2Config = {
    vocabSize: hf.vocab_size as number,
    contextLength: hf.n_positions as number,
    dModel: hf.n_embd as number,
    numHeads: hf.n_head as number,
    numLayers: hf.n_layer as number,
    normEps: hf.layer_norm_epsilon as number,
  };
  // The structure and shapes to expect: an initialised model of this config (values unused).
  const skeleton = initGpt2(config, new Rng(0), 0);
  const wide = Object.fromEntries(Object.entries(file.tensors).map(([name, t]) => [name, t.astype("float64")]));
  const weights = unflattenTensors(skeleton, wide, "loadGpt2");
  let tokenizer: CharTokenizer | undefined;
  if (tokenizerText !== undefined) {
    let spec: { kind?: unknown; chars?: unknown } = {};
    try {
      spec = JSON.parse(tokenizerText) as typeof spec;
    } catch {
      fail(`metadata "${TOKENIZER_KEY}" is not JSON`);
    }
    if (spec?.kind !== "char" || !Array.isArray(spec.chars)) fail(`metadata "${TOKENIZER_KEY}" must be {"kind": "char", "chars": [...]}`);
    tokenizer = new CharTokenizer(spec.chars as string[]);
    if (tokenizer.vocabSize !== config.vocabSize) fail(`the tokenizer has ${tokenizer.vocabSize} characters but the model ${config.vocabSize} tokens`);
  }
  return { config, weights, tokenizer, metadata };
}
