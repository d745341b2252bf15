import type { AttentionState, AttentionSteps } from "./attention-model";
import { matrixView, matrixViewHtml, type MatrixView } from "./render";

/** Each slot's matrix of the attention demo (patched in place in the browser when only the values change). */
export function attentionViews(state: AttentionState, s: AttentionSteps): Record<string, MatrixView> {
  const tok = state.tokens.map((t, i) => `${i}:${t}`);
  const dims = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);
  const dk = dims(state.dk);
  return {
    heatmap: matrixView(s.weights, { name: "weights-heatmap", rowLabels: tok, colLabels: tok, scale: "unit", caption: `Attention weights, head ${state.head} (rows: queries, columns: keys)` }),
    Q: matrixView(s.Q, { name: "Q", titles: false, rowLabels: tok, colLabels: dk, scale: "diverging" }),
    K: matrixView(s.K, { name: "K", titles: false, rowLabels: tok, colLabels: dk, scale: "diverging" }),
    V: matrixView(s.V, { name: "V", titles: false, rowLabels: tok, colLabels: dk, scale: "diverging" }),
    raw: matrixView(s.raw, { name: "raw", titles: false, rowLabels: tok, colLabels: tok, scale: "diverging" }),
    scaled: matrixView(s.scaled, { name: "scaled", titles: false, rowLabels: tok, colLabels: tok, scale: "diverging" }),
    masked: matrixView(s.masked, { name: "masked", titles: false, rowLabels: tok, colLabels: tok, scale: "diverging" }),
    weights: matrixView(s.weights, { name: "weights", titles: false, rowLabels: tok, colLabels: tok, scale: "unit" }),
    output: matrixView(s.output, { name: "output", titles: false, rowLabels: tok, colLabels: dk, scale: "diverging" }),
  };
}

/** HTML for each slot of the attention demo (the build-time static render). */
export function attentionSlots(state: AttentionState, s: AttentionSteps): Record<string, string> {
  return Object.fromEntries(Object.entries(attentionViews(state, s)).map(([k, m]) => [k, matrixViewHtml(m)]));
}
