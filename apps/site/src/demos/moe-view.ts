import type { MoeDemoResult, MoeState } from "./moe-model";
import { barsHtml, escapeHtml, fmt, matrixHtml } from "./render";

export function moeSlots(s: MoeState, r: MoeDemoResult): Record<string, string> {
  const tok = s.tokens.map((t, i) => `${i}:${t}`);
  const ex = Array.from({ length: s.experts }, (_, e) => `E${e}`);
  const k = s.topK;
  const chosen = s.tokens
    .map((_, i) => {
      const picks = Array.from({ length: k }, (_, j) => {
        const e = r.selectedExperts.data[i * k + j];
        const w = r.routingWeights.data[i * k + j];
        return `<span class="qkv-pick" data-expert="${e}" data-value="${w}" title="weight ${w}">E${e} · ${fmt(w, 3)}</span>`;
      });
      return `<tr data-token-row="${i}"><th>${escapeHtml(tok[i])}</th><td>${picks.join(" ")}</td></tr>`;
    })
    .join("");
  const html = matrixHtml(r.probs, {
    name: "router-probs",
    rowLabels: tok,
    colLabels: ex,
    scale: "unit",
    marked: (i, e) => Array.from(r.selectedExperts.data.subarray(i * k, (i + 1) * k)).includes(e),
  });
  return {
    probs: html,
    chosen: `<table class="qkv-table" data-table="chosen"><thead><tr><th>token</th><th>experts (routing weight)</th></tr></thead><tbody>${chosen}</tbody></table>`,
    load: barsHtml(r.balance.tokensPerExpert.data, { name: "tokens-per-expert", labels: ex, digits: 0 }),
    aux: `<span class="qkv-stat" data-stat="auxLoss" data-value="${r.balance.auxLoss}">auxiliary load-balancing loss = ${fmt(r.balance.auxLoss, 4)}</span> (equals k = ${k} when routing is perfectly balanced)`,
  };
}
