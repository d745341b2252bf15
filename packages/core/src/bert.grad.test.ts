import { describe, expect, it } from "vitest";
import { bertBackward, bertMlmLossAndGrads } from "./bert.grad.js";
import { bert, initBert, type BertConfig } from "./bert.js";
import { gradientCheckTree, weightedSum } from "./gradcheck.js";
import { crossEntropy } from "./losses.js";
import { Rng, randn } from "./random.js";

describe("BERT backward", () => {
  const config: BertConfig = { vocabSize: 6, contextLength: 4, typeVocabSize: 2, dModel: 4, numHeads: 2, numLayers: 1, ffnHidden: 6 };
  const rng = new Rng(8);
  const weights = initBert(config, rng, 0.5);
  weights.embeddings_norm = { gamma: randn([4], rng, 0.3), beta: randn([4], rng, 0.3) };
  const ids = [
    [1, 5, 5, 2],
    [3, 0, 4, 4],
  ];
  const inputs = { tokenTypeIds: [[0, 0, 1, 1], [0, 1, 1, 1]], paddingMask: [[false, false, false, true], [false, false, false, false]] };

  it("MLM loss: every weight (tied word embeddings, positions, token types, layers, head) matches central differences", () => {
    const labels = [
      [-100, 5, -100, 2],
      [3, -100, -100, 1],
    ];
    const { loss, grads } = bertMlmLossAndGrads(weights, config, ids, labels, inputs);
    const lossOf = (w: typeof weights): number => crossEntropy(bert(w, config, ids, inputs).mlmLogits.reshape([8, 6]), labels.flat()).mean;
    expect(loss).toBe(lossOf(weights));
    expect(gradientCheckTree(lossOf, weights, grads)).toBeLessThan(1e-6);
  });

  it("an upstream on the hidden states alone reaches the encoder and embeddings", () => {
    const u = randn([2, 4, 4], rng);
    const grads = bertBackward(weights, config, ids, { hidden: u }, inputs);
    expect(gradientCheckTree((w) => weightedSum(u, bert(w, config, ids, inputs).hidden), weights, grads)).toBeLessThan(1e-6);
  });
});
