import { describe, expect, it } from "vitest";
import { initGpt2 } from "./gpt2.js";
import { flattenTensors, unflattenTensors } from "./named-tensors.js";
import { Rng } from "./random.js";
import { tensor } from "./tensor.js";

describe("flattenTensors / unflattenTensors", () => {
  const w = initGpt2({ vocabSize: 5, contextLength: 4, dModel: 4, numHeads: 2, numLayers: 2 }, new Rng(0));

  it("names GPT-2's tensors by dotted path and leaves eps out", () => {
    const flat = flattenTensors(w);
    expect(Object.keys(flat).slice(0, 4)).toEqual(["wte", "wpe", "blocks.0.ln_1.gamma", "blocks.0.ln_1.beta"]);
    expect(Object.keys(flat)).toContain("blocks.1.W_proj");
    expect(Object.keys(flat)).not.toContain("blocks.0.ln_1.eps");
    expect(Object.keys(flat)).toHaveLength(2 + 2 * 16 + 2);
  });

  it("rebuilds the same structure around new tensors (numbers kept)", () => {
    const flat = flattenTensors(w);
    const doubled = Object.fromEntries(Object.entries(flat).map(([k, t]) => [k, tensor(Array.from(t.data, (v) => 2 * v)).reshape(t.shape)]));
    const back = unflattenTensors(w, doubled);
    expect(back.blocks[1].ln_2).toMatchObject({ eps: 1e-5 });
    expect(back.blocks[1].W_fc).toBe(doubled["blocks.1.W_fc"]);
  });

  it("accepts nested arrays as tensors", () => {
    expect(Object.keys(flattenTensors({ a: [[1, 2]], layers: [{ b: [3] }] }))).toEqual(["a", "layers.0.b"]);
  });

  it("names what is missing, misshapen or extra", () => {
    const flat = flattenTensors(w);
    const { wte: _drop, ...rest } = flat;
    expect(() => unflattenTensors(w, rest)).toThrow(/argument "tensors" is missing "wte"/);
    expect(() => unflattenTensors(w, { ...flat, wte: tensor([1]) })).toThrow(/"wte" must have shape \(5, 4\), got \(1\)/);
    expect(() => unflattenTensors(w, { ...flat, extra: tensor([1]) })).toThrow(/has names the weights do not: extra/);
  });
});
