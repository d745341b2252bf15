import { computeAttention, parseTokens, type AttentionState, type MaskKind } from "./attention-model";
import { attentionViews } from "./attention-view";
import { bindDemo } from "./client";

export function initAttentionDemo(root: HTMLElement): void {
  bindDemo(root, (form) => {
    const state: AttentionState = {
      tokens: parseTokens(form.tokens),
      head: Number(form.head),
      dk: Number(form.dk),
      mask: form.mask as MaskKind,
      window: Math.max(1, Math.round(Number(form.window) || 1)),
    };
    if (state.tokens.length === 0) throw new Error("type at least one token");
    return attentionViews(state, computeAttention(state));
  });
}
