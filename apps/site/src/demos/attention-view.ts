import type { AttentionState, AttentionSteps } from "./attention-model";
import { matrixHtml } from "./render";

/** HTML for each slot of the attention demo (filled at build time and after every input in the browser). */
export function attentionSlots(state: AttentionState, s: AttentionSteps): Record<string, string> {
  const tok = state.tokens.map((t, i) => `${i}:${t}`);
  const dims = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);
  const dk = dims(state.dk);
  return {
    heatmap: matrixHtml(s.weights, { name: "weights-heatmap", rowLabels: tok, colLabels: tok, scale: "unit", caption: `Attention weights, head ${state.head} (rows: queries, columns: keys)` }),
    Q: matrixHtml(s.Q, { name: "Q", titles: false, rowLabels: tok, colLabels: dk, scale: "diverging" }),
    K: matrixHtml(s.K, { name: "K", titles: false, rowLabels: tok, colLabels: dk, scale: "diverging" }),
    V: matrixHtml(s.V, { name: "V", titles: false, rowLabels: tok, colLabels: dk, scale: "diverging" }),
    raw: matrixHtml(s.raw, { name: "raw", titles: false, rowLabels: tok, colLabels: tok, scale: "diverging" }),
    scaled: matrixHtml(s.scaled, { name: "scaled", titles: false, rowLabels: tok, colLabels: tok, scale: "diverging" }),
    masked: matrixHtml(s.masked, { name: "masked", titles: false, rowLabels: tok, colLabels: tok, scale: "diverging" }),
    weights: matrixHtml(s.weights, { name: "weights", titles: false, rowLabels: tok, colLabels: tok, scale: "unit" }),
    output: matrixHtml(s.output, { name: "output", titles: false, rowLabels: tok, colLabels: dk, scale: "diverging" }),
  };
}
