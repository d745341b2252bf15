import { bindDemo } from "./client";
import { computeSampling, parseLogits, type SamplingState } from "./sampling-model";
import { samplingSlots } from "./sampling-view";

export function initSamplingDemo(root: HTMLElement): void {
  const topK = root.querySelector<HTMLInputElement>('input[name="topK"]');
  bindDemo(root, (f) => {
    const { tokens, logits } = parseLogits(f.logits);
    if (topK) topK.max = String(tokens.length);
    const state: SamplingState = {
      tokens,
      logits,
      temperature: Number(f.temperature),
      topK: Math.min(Number(f.topK), tokens.length),
      topP: Number(f.topP),
    };
    return samplingSlots(state, computeSampling(state));
  });
}
