import { fileURLToPath } from "node:url";
import { Rng, gpt2BatchLossAndGrads, initGpt2, sampleBatch, type Gpt2Config } from "@qkv/core";
import { describe, expect, it } from "vitest";
import { ParallelGrads } from "./parallel.js";

// The bundled worker (the test script builds dist/ first).
const workerFile = fileURLToPath(new URL("../../dist/train-worker.js", import.meta.url));

describe("ParallelGrads", () => {
  it("gives bit-for-bit the single-thread batch loss and gradients", async () => {
    const config: Gpt2Config = { vocabSize: 9, contextLength: 6, dModel: 8, numHeads: 2, numLayers: 2 };
    const weights = initGpt2(config, new Rng(4), 0.3);
    const tokens = Array.from({ length: 60 }, (_, i) => (i * 5 + (i >> 2)) % 9);
    const batch = sampleBatch(tokens, 5, 6, new Rng(9));
    const parallel = new ParallelGrads(3, workerFile);
    try {
      expect(parallel.threads).toBe(3);
      const got = await parallel.lossAndGrads(weights, config, batch);
      const want = gpt2BatchLossAndGrads(weights, config, batch);
      expect(got.loss).toBe(want.loss);
      expect(Object.keys(got.grads)).toEqual(Object.keys(want.grads));
      for (const [name, t] of Object.entries(want.grads)) expect(Array.from(got.grads[name].data), name).toEqual(Array.from(t.data));
      // Reusable: a second batch through the same workers.
      const batch2 = sampleBatch(tokens, 4, 6, new Rng(10));
      expect((await parallel.lossAndGrads(weights, config, batch2)).loss).toBe(gpt2BatchLossAndGrads(weights, config, batch2).loss);
    } finally {
      await parallel.close();
    }
  });
});
