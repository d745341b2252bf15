import { describe, expect, it } from "vitest";
import { encoderLayer, initEncoderLayer, type EncoderLayerInitConfig } from "./encoder-layer.js";
import { ArgumentError } from "./errors.js";
import { Rng, randn } from "./random.js";
import { Tensor } from "./tensor.js";

const config: EncoderLayerInitConfig = { dModel: 8, numHeads: 2, ffnHidden: 16, activation: "gelu", norm: "post" };

describe("encoderLayer", () => {
  it("treats an unbatched (L, d) input as a batch of one", () => {
    const rng = new Rng(1);
    const w = initEncoderLayer(config, rng, 0.3);
    const x = randn([1, 5, 8], rng);
    const batched = encoderLayer(x, w, config);
    const single = encoderLayer(x.reshape([5, 8]), w, config);
    expect(Array.from(single.output.data)).toEqual(Array.from(batched.output.data));
    expect(batched.attentionWeights.shape).toEqual([1, 2, 5, 5]);
  });

  it("is permutation-equivariant without masks (attention has no notion of order)", () => {
    const rng = new Rng(2);
    const w = initEncoderLayer({ ...config, norm: "pre" }, rng, 0.3);
    const x = randn([4, 8], rng);
    const perm = [2, 0, 3, 1];
    const xp = new Tensor(Float64Array.from({ length: 32 }, (_, i) => x.data[perm[Math.floor(i / 8)] * 8 + (i % 8)]), [4, 8]);
    const y = encoderLayer(x, w, { ...config, norm: "pre" }).output;
    const yp = encoderLayer(xp, w, { ...config, norm: "pre" }).output;
    for (let r = 0; r < 4; r++) for (let c = 0; c < 8; c++) expect(yp.get(r, c)).toBeCloseTo(y.get(perm[r], c), 12);
  });

  it("ignores padded keys: changing a padded position leaves the other rows unchanged", () => {
    const rng = new Rng(3);
    const w = initEncoderLayer(config, rng, 0.3);
    const x = randn([1, 4, 8], rng);
    const x2 = x.clone();
    for (let c = 0; c < 8; c++) x2.data[3 * 8 + c] += c - 5; // not a uniform shift, which LayerNorm would erase
    const pad = [[false, false, false, true]];
    const a = encoderLayer(x, w, config, { srcKeyPaddingMask: pad }).output;
    const b = encoderLayer(x2, w, config, { srcKeyPaddingMask: pad }).output;
    for (let i = 0; i < 3 * 8; i++) expect(b.data[i]).toBeCloseTo(a.data[i], 12);
  });

  it("rejects a bad config with the argument name", () => {
    const w = initEncoderLayer(config, new Rng(0));
    expect(() => encoderLayer([[1, 2, 3, 4, 5, 6, 7, 8]], w, { ...config, norm: "sandwich" as "pre" })).toThrow(ArgumentError);
    expect(() => encoderLayer([[1, 2, 3, 4, 5, 6, 7, 8]], w, { ...config, norm: "sandwich" as "pre" })).toThrow(
      /encoderLayer: argument "config.norm" must be "pre" or "post", got "sandwich"/,
    );
    expect(() => encoderLayer([[1, 2, 3, 4, 5, 6, 7, 8]], w, { ...config, activation: "tanh" as "relu" })).toThrow(/argument "config.activation"/);
    expect(() => encoderLayer([[1, 2, 3]], w, config)).toThrow(/multiHeadAttention: argument "W_Q" must have shape \(E=3, D\), got \(8, 8\)/);
    expect(() => encoderLayer([[1, 2, 3, 4, 5, 6, 7, 8]], { ...w, ffn: undefined } as never, config)).toThrow(
      /encoderLayer: argument "weights" is missing ffn/,
    );
    expect(() => initEncoderLayer({ ...config, numHeads: 3 }, new Rng(0))).toThrow(/argument "config.numHeads" must divide dModel=8, got 3/);
  });
});
