// The trained model's weights in the browser: fetched once per page, on first use (the pages that show the model
// call this; nothing else imports it, so no other page downloads the weights).
import { loadGpt2, type Gpt2Checkpoint } from "@qkv/core";
// Emitted by the build as a hashed asset; fetched only when loadTrainedModel runs.
import modelUrl from "../../../../packages/core/models/char-gpt/model.safetensors?url";

export interface LoadedModel {
  model: Gpt2Checkpoint;
  /** Size of the weights file in bytes. */
  bytes: number;
}

let pending: Promise<LoadedModel> | undefined;

/** Fetches and parses the weights (once; later calls share the result). Rejects with the HTTP status on failure. */
export function loadTrainedModel(): Promise<LoadedModel> {
  pending ??= (async () => {
    const res = await fetch(modelUrl);
    if (!res.ok) throw new Error(`loading the model: HTTP ${res.status} for ${modelUrl}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    return { model: loadGpt2(bytes), bytes: bytes.length };
  })();
  // A failed load may be retried.
  pending.catch(() => (pending = undefined));
  return pending;
}

/** A one-line description of the loaded model. */
export function modelSummary({ model, bytes }: LoadedModel): string {
  const c = model.config;
  return `Model loaded: ${(bytes / 1024).toFixed(0)} KB, ${c.numLayers} layers, ${c.numHeads} heads, d = ${c.dModel}, ${c.vocabSize} characters.`;
}
