import type { NormResult, NormState } from "./norm-model";
import { barsHtml, fmt } from "./render";

const stat = (name: string, v: number) => `<span class="qkv-stat" data-stat="${name}" data-value="${v}">${name} = ${fmt(v, 4)}</span>`;

export function normSlots(s: NormState, r: NormResult): Record<string, string> {
  const labels = s.x.map((_, i) => `x${i}`);
  return {
    stats: [stat("mean", r.mean), stat("variance", r.variance), stat("rms", r.rms)].join(" "),
    x: barsHtml(s.x, { name: "x", labels }),
    ln: barsHtml(r.ln.data, { name: "layerNorm", labels }),
    rms: barsHtml(r.rms_.data, { name: "rmsNorm", labels }),
    pre: barsHtml(r.pre.data, { name: "pre", labels }),
    post: barsHtml(r.post.data, { name: "post", labels }),
  };
}
