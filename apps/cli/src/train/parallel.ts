import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  Tensor, averageSequenceGrads, flattenTensors, gpt2SequenceGrads, type Gpt2Config, type Gpt2Weights, type SequenceGrads,
  type TokenBatch,
} from "@qkv/core";

export interface GradRequest {
  config: Gpt2Config;
  weights: Record<string, { shape: number[]; data: Float64Array }>;
  sequences: { index: number; inputs: number[]; targets: number[] }[];
}
export interface GradReply {
  results: { index: number; loss: number; grads: Record<string, Float64Array> }[];
}

/**
 * Data-parallel gradients over worker threads: the batch's sequences are dealt round-robin to this thread and
 * the workers, each computes gpt2SequenceGrads for its own, and averageSequenceGrads combines them in sequence
 * order, so the result is bit-for-bit core's gpt2BatchLossAndGrads whatever the number of threads.
 */
export class ParallelGrads {
  private readonly workers: Worker[];

  /** `threads` includes this one; the workers run `workerFile` (the bundled train-worker.js beside this chunk). */
  constructor(threads = Math.min(4, os.availableParallelism()), workerFile = fileURLToPath(new URL("./train-worker.js", import.meta.url))) {
    const n = existsSync(workerFile) ? Math.max(0, threads - 1) : 0; // from source (tests of other parts): one thread
    this.workers = Array.from({ length: n }, () => new Worker(workerFile));
  }

  get threads(): number {
    return this.workers.length + 1;
  }

  async lossAndGrads(weights: Gpt2Weights, config: Gpt2Config, batch: TokenBatch): Promise<SequenceGrads> {
    const B = batch.inputs.length;
    const named = Object.fromEntries(Object.entries(flattenTensors(weights)).map(([n, t]) => [n, { shape: [...t.shape], data: t.data as Float64Array }]));
    const share = (k: number) => batch.inputs.map((inputs, index) => ({ index, inputs, targets: batch.targets[index] })).filter((s) => s.index % this.threads === k);
    const replies = this.workers.map(
      (w, i) =>
        new Promise<GradReply>((resolve, reject) => {
          const onError = (err: Error) => {
            w.off("message", onMessage);
            reject(err);
          };
          const onMessage = (reply: GradReply) => {
            w.off("error", onError);
            resolve(reply);
          };
          w.once("message", onMessage);
          w.once("error", onError);
          const req: GradRequest = { config, weights: named, sequences: share(i + 1) };
          w.postMessage(req);
        }),
    );
    const results: SequenceGrads[] = new Array(B);
    for (const s of share(0)) results[s.index] = gpt2SequenceGrads(weights, config, s.inputs, s.targets);
    for (const reply of await Promise.all(replies)) {
      for (const r of reply.results) {
        const grads = Object.fromEntries(Object.entries(r.grads).map(([n, data]) => [n, new Tensor(data, named[n].shape)]));
        results[r.index] = { loss: r.loss, grads };
      }
    }
    return averageSequenceGrads(results);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
