// Worker thread of parallel.ts: computes the loss and gradients of the sequences it is sent, with the weights
// sent along (gpt2SequenceGrads from @qkv/core), and sends the gradients back as transferred buffers.
import { parentPort } from "node:worker_threads";
import { Rng, Tensor, gpt2SequenceGrads, initGpt2, unflattenTensors, type Gpt2Config, type Gpt2Weights } from "@qkv/core";
import type { GradRequest, GradReply } from "./parallel.js";

let skeleton: { key: string; weights: Gpt2Weights } | undefined;

parentPort!.on("message", (req: GradRequest) => {
  const key = JSON.stringify(req.config);
  // The weights' structure for this config (values unused), built once.
  if (skeleton?.key !== key) skeleton = { key, weights: initGpt2(req.config as Gpt2Config, new Rng(0), 0) };
  const named = Object.fromEntries(Object.entries(req.weights).map(([n, t]) => [n, new Tensor(t.data, t.shape)]));
  const weights = unflattenTensors(skeleton.weights, named);
  const results: GradReply["results"] = req.sequences.map((s) => {
    const r = gpt2SequenceGrads(weights, req.config, s.inputs, s.targets);
    return { index: s.index, loss: r.loss, grads: Object.fromEntries(Object.entries(r.grads).map(([n, t]) => [n, t.data as Float64Array])) };
  });
  const reply: GradReply = { results };
  const buffers = new Set(results.flatMap((r) => Object.values(r.grads).map((a) => a.buffer as ArrayBuffer)));
  parentPort!.postMessage(reply, [...buffers]);
});
