import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { charGptLoss, charGptSample } from "./char-gpt.js";
import { loadGpt2 } from "./gpt2-checkpoint.js";
import { flattenTensors } from "./named-tensors.js";
import { readSafetensors } from "./safetensors.js";

// The model `qkv train` trained with core and committed (models/char-gpt/README.md). model.json records what the
// run computed from the saved weights; loading the bytes must give back exactly the same numbers and text.
const dir = new URL("../models/char-gpt/", import.meta.url);
const bytes = new Uint8Array(readFileSync(new URL("model.safetensors", dir)));
const record = JSON.parse(readFileSync(new URL("model.json", dir), "utf8")) as {
  validation: { loss: number; characters: number };
  samples: { prompt: string; seed: number; temperature: number; topK: number; maxNewTokens: number; text: string }[];
  curve: { validation: { step: number; loss: number }[] };
};
const validationText = readFileSync(new URL("validation.txt", dir), "utf8");

describe("the committed character-level GPT (models/char-gpt)", () => {
  const model = loadGpt2(bytes);

  it("is at most 1 MB of float32 weights with its tokenizer", () => {
    expect(bytes.length).toBeLessThanOrEqual(1024 * 1024);
    expect(new Set(Object.values(readSafetensors(bytes).dtypes))).toEqual(new Set(["F32"]));
    expect(model.tokenizer?.vocabSize).toBe(model.config.vocabSize);
    expect(Object.keys(flattenTensors(model.weights)).length).toBe(2 + 16 * model.config.numLayers + 2);
  });

  it("reproduces the recorded validation loss exactly, well below the untrained model's", () => {
    expect([...validationText].length - 1).toBe(record.validation.characters);
    const loss = charGptLoss(model, validationText);
    expect(loss).toBe(record.validation.loss);
    expect(loss).toBeLessThan(record.curve.validation[0].loss - 1);
  });

  it("reproduces every recorded sample from its seed exactly", () => {
    expect(record.samples.length).toBeGreaterThanOrEqual(3);
    for (const s of record.samples) expect(charGptSample(model, s)).toBe(s.text);
  });

  it("is what docs/training.md shows (validation loss and samples)", () => {
    const doc = readFileSync(new URL("../../../docs/training.md", import.meta.url), "utf8");
    expect(doc).toContain(`| validation loss | ${record.validation.loss.toFixed(4)} nats per character`);
    for (const s of record.samples) expect(doc).toContain(JSON.stringify(s.prompt + s.text));
  });
});
