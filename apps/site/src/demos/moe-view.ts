import type { MoeDemoResult, MoeState } from "./moe-model";
import { barsHtml, colourLegendHtml, escapeHtml, fmt, matrixHtml, noticeValue } from "./render";

/** The "what to notice" caption, from this routing's own load statistics. */
export function moeNoticeHtml(s: MoeState, r: MoeDemoResult): string {
  const load = Array.from(r.balance.tokensPerExpert.data);
  const busiest = load.indexOf(Math.max(...load));
  const idle = load.filter((n) => n === 0).length;
  const slots = s.tokens.length * s.topK;
  return (
    `<strong>What to notice:</strong> each of the ${s.tokens.length} tokens goes to ${s.topK} of ${s.experts} experts, ${slots} assignments in all. ` +
    `Expert E${busiest} takes ${noticeValue("busiest", load[busiest], 0)} of them, where a balanced router would give each expert ` +
    `${noticeValue("balanced", slots / s.experts, 2)}; ${noticeValue("idle", idle, 0)} experts get none. ` +
    `The auxiliary loss is ${noticeValue("auxLoss", r.balance.auxLoss)} (${s.topK} when perfectly balanced): training adds it to push the router towards balance.`
  );
}

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
    notice: moeNoticeHtml(s, r),
    legend: colourLegendHtml({ name: "router-probs", scale: "unit", range: 1, of: "every token's router probabilities" }),
    // Full bar = every token: an expert can take each token at most once, so the bars compare across E and k.
    load: barsHtml(r.balance.tokensPerExpert.data, { name: "tokens-per-expert", labels: ex, digits: 0, scale: s.tokens.length }),
    "load-legend": `<p class="qkv-scale-legend" data-legend="tokens-per-expert" data-range="${s.tokens.length}">A full bar is all ${s.tokens.length} tokens.</p>`,
    aux: `<span class="qkv-stat" data-stat="auxLoss" data-value="${r.balance.auxLoss}">auxiliary load-balancing loss = ${fmt(r.balance.auxLoss, 4)}</span> (equals k = ${k} when routing is perfectly balanced)`,
  };
}
