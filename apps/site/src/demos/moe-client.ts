import { parseTokens } from "./attention-model";
import { bindDemo } from "./client";
import { computeMoe, type MoeState } from "./moe-model";
import { moeSlots } from "./moe-view";

export function initMoeDemo(root: HTMLElement): void {
  bindDemo(root, (f) => {
    const state: MoeState = { tokens: parseTokens(f.tokens), experts: Number(f.experts), topK: Number(f.topK) };
    if (state.tokens.length === 0) throw new Error("type at least one token");
    return moeSlots(state, computeMoe(state));
  });
}
