import { describe, expect, it } from "vitest";
import type { PlotSpec } from "./experiment.js";
import { renderPlot, seriesLegend } from "./plot.js";

const rows = [1, 2, 4, 8].flatMap((t) => [
  { T: t, flops: t * t, kind: "full recompute" },
  { T: t, flops: t, kind: "KV cache" },
]);
const spec: PlotSpec = {
  mark: "line",
  x: { key: "T", label: "sequence length", unit: "tokens", scale: "log" },
  y: { key: "flops", label: "score FLOPs", scale: "log" },
  series: "kind",
  rows,
  caption: "work per step",
};

describe("renderPlot", () => {
  it("renders an SVG with labelled axes (units), direct series labels and no inline style", () => {
    const svg = renderPlot(spec);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("sequence length (tokens)");
    expect(svg).toContain("score FLOPs");
    expect(svg).toContain(">KV cache<");
    expect(svg).toContain(">full recompute<");
    expect(svg).not.toMatch(/<style|style="/);
    expect(svg).toContain('fill="currentColor"');
    expect(svg).toContain('class="qkv-plot"');
  });

  it("is one image named by its caption: no aria-label on its groups (axe: aria-prohibited-attr)", () => {
    for (const mark of ["line", "dot", "bar"] as const) {
      const svg = renderPlot({ ...spec, mark, ...(mark === "line" ? {} : { x: { key: "kind", label: "variant", scale: "band" as const }, series: undefined }) });
      expect(svg).toMatch(/^<svg[^>]* role="img"/);
      expect(svg).toContain('aria-label="work per step"');
      expect(svg).not.toMatch(/<g[^>]*aria-label/);
      expect(svg).toMatch(/<g[^>]*data-label="y-axis label"/);
    }
  });

  it("colours series as the legend says", () => {
    const legend = seriesLegend(spec);
    expect(legend.map((l) => l.name)).toEqual(["KV cache", "full recompute"]);
    const svg = renderPlot(spec);
    for (const l of legend) expect(svg).toContain(l.color);
  });

  it("renders dot, bar and cell marks", () => {
    for (const mark of ["dot", "bar"] as const) {
      const svg = renderPlot({ ...spec, mark, x: { key: "kind", label: "variant", scale: "band" }, series: undefined });
      expect(svg).toContain("variant");
    }
    const cells = renderPlot({
      mark: "cell",
      x: { key: "k", label: "key position", scale: "band" },
      y: { key: "q", label: "query position", scale: "band" },
      fill: { key: "w", label: "weight" },
      rows: [0, 1].flatMap((q) => [0, 1].map((k) => ({ q, k, w: k <= q ? 0.5 : 0 }))),
      caption: "weights",
    });
    expect(cells.match(/<rect/g)?.length).toBeGreaterThanOrEqual(4);
  });
});

describe("log axes over many decades", () => {
  it("label decades in exponent form instead of SI prefixes", () => {
    const svg = renderPlot({
      mark: "dot",
      x: { key: "k", label: "variant", scale: "band" },
      y: { key: "v", label: "deviation", scale: "log" },
      rows: [{ k: "a", v: 1e-16 }, { k: "b", v: 0.5 }],
      caption: "c",
    });
    expect(svg).toContain(">1e-16<");
    expect(svg).not.toMatch(/>\d+[afpnµm]</);
  });
});
