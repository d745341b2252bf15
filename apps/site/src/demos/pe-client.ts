import type { RopeConvention } from "@qkv/core";
import { bindDemo } from "./client";
import { computePe, type PeState } from "./pe-model";
import { peSlots } from "./pe-view";

export function initPeDemo(root: HTMLElement): void {
  bindDemo(root, (f) => {
    const state: PeState = {
      dModel: Number(f.dModel),
      T: Number(f.T),
      base: Number(f.base),
      offset: Math.max(1, Math.round(Number(f.offset) || 1)),
      convention: f.convention as RopeConvention,
    };
    return peSlots(state, computePe(state));
  });
}
