import { describe, expect, it } from "vitest";
import { CharTokenizer } from "./char-tokenizer.js";
import { gpt2, initGpt2, type Gpt2Config } from "./gpt2.js";
import { loadGpt2, saveGpt2 } from "./gpt2-checkpoint.js";
import { flattenTensors } from "./named-tensors.js";
import { Rng } from "./random.js";
import { readSafetensors, writeSafetensors } from "./safetensors.js";

const config: Gpt2Config = { vocabSize: 6, contextLength: 5, dModel: 8, numHeads: 2, numLayers: 2 };
const weights = initGpt2(config, new Rng(7), 0.3);
const tokenizer = CharTokenizer.fromText("qkv ≤!");

describe("saveGpt2 / loadGpt2", () => {
  it("round-trips float64 weights exactly: the loaded model gives the same logits", () => {
    const back = loadGpt2(saveGpt2(weights, config, { dtype: "F64", tokenizer, metadata: { steps: "12" } }));
    expect(back.config).toEqual({ ...config, normEps: 1e-5 });
    expect(back.tokenizer?.chars).toEqual(tokenizer.chars);
    expect(back.metadata).toEqual({ steps: "12", format: "pt" });
    expect(Array.from(gpt2(back.weights, back.config, [1, 2, 3]).logits.data)).toEqual(Array.from(gpt2(weights, config, [1, 2, 3]).logits.data));
  });

  it("stores float32 by default and widens it exactly on loading", () => {
    const bytes = saveGpt2(weights, config);
    expect(Object.values(readSafetensors(bytes).dtypes).every((d) => d === "F32")).toBe(true);
    const loaded = flattenTensors(loadGpt2(bytes).weights);
    for (const [name, t] of Object.entries(flattenTensors(weights))) {
      expect(loaded[name].dtype).toBe("float64");
      expect(Array.from(loaded[name].data)).toEqual(Array.from(t.data, Math.fround));
    }
  });

  it("says what is wrong with a file that is not a complete GPT-2", () => {
    const tensors = flattenTensors(weights);
    expect(() => loadGpt2(writeSafetensors(tensors))).toThrow(/no "qkv.gpt2" entry in the metadata/);
    const { wpe: _drop, ...rest } = tensors;
    const meta = readSafetensors(saveGpt2(weights, config)).metadata;
    expect(() => loadGpt2(writeSafetensors(rest, { metadata: meta }))).toThrow(/loadGpt2: argument "tensors" is missing "wpe"/);
    const wrongVocab = { ...meta, "qkv.tokenizer": JSON.stringify({ kind: "char", chars: ["a"] }) };
    expect(() => loadGpt2(writeSafetensors(tensors, { metadata: wrongVocab }))).toThrow(/tokenizer has 1 characters but the model 6 tokens/);
    expect(() => loadGpt2(writeSafetensors(tensors, { metadata: { ...meta, "qkv.tokenizer": "{" } }))).toThrow(/"qkv.tokenizer" is not JSON/);
    expect(() => loadGpt2(writeSafetensors(tensors, { metadata: { ...meta, "qkv.gpt2": "[" } }))).toThrow(/"qkv.gpt2" is not JSON/);
  });
});
