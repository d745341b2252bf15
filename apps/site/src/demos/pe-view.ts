import type { PeResult, PeState } from "./pe-model";
import { lineChartSvg, matrixHtml } from "./render";

export function peSlots(s: PeState, r: PeResult): Record<string, string> {
  return {
    heatmap: matrixHtml(r.pe, {
      name: "pe",
      rowLabels: Array.from({ length: s.T }, (_, i) => String(i)),
      colLabels: Array.from({ length: s.dModel }, (_, i) => String(i)),
      scale: "diverging",
      compact: true,
    }),
    sin: lineChartSvg(
      [
        { name: "from position 0", xs: r.distances, ys: r.sinFrom0 },
        { name: `from position ${s.offset}`, xs: r.distances, ys: r.sinFromOffset },
      ],
      { name: "sin-dot", xLabel: "distance k", yLabel: "PE(p)·PE(p+k)" },
    ),
    rope: lineChartSvg(
      [
        { name: "from position 0", xs: r.distances, ys: r.ropeFrom0 },
        { name: `from position ${s.offset}`, xs: r.distances, ys: r.ropeFromOffset },
      ],
      { name: "rope-dot", xLabel: "distance k", yLabel: "RoPE(q,p)·RoPE(k,p+k)" },
    ),
  };
}
