import { bindDemo } from "./client";
import { computeNorm, parseVector, type NormState } from "./norm-model";
import { normSlots } from "./norm-view";

export function initNormDemo(root: HTMLElement): void {
  bindDemo(root, (f) => {
    const state: NormState = { x: parseVector(f.x), gamma: Number(f.gamma), beta: Number(f.beta) };
    return normSlots(state, computeNorm(state));
  });
}
