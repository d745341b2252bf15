// PlotSpec → static SVG with Observable Plot, rendered into a linkedom document (no browser, no JS on the page).
// Observable Plot rather than Vega-Lite: Vega-Lite 6 needs Node ≥ 22 (this project runs on Node 20), and Plot's
// output is plain SVG whose axes and labels use `currentColor`, so one file reads in light and dark mode.
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { Axis, PlotSpec } from "./experiment.js";

/** Series colours of mid lightness: legible on white and on a dark background alike (Tableau 10). */
const SERIES_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f"];

function axisLabel(a: Axis): string {
  return a.unit ? `${a.label} (${a.unit})` : a.label;
}

/** "1e-16" rather than SI prefixes ("100a") for tiny or huge values; plain numbers in between. */
function powerOfTen(v: number): string {
  const e = Math.round(Math.log10(v));
  if (Math.abs(v - 10 ** e) > 1e-9 * 10 ** e) return ""; // label decades only
  return e >= -3 && e < 6 ? String(10 ** e >= 1 ? 10 ** e : Number((10 ** e).toPrecision(1))) : `1e${e}`;
}

function scale(a: Axis, rows: PlotSpec["rows"]): Record<string, unknown> {
  const type = a.scale ?? "linear";
  const out: Record<string, unknown> = { type, label: axisLabel(a) };
  if (type === "band") return out;
  out.nice = true;
  if (type === "log") {
    const values = rows.map((r) => r[a.key]).filter((v): v is number => typeof v === "number" && v > 0);
    // Over more than three decades, label the decades only, in exponent form where SI prefixes would appear.
    if (values.length && Math.max(...values) / Math.min(...values) > 1e3) out.tickFormat = powerOfTen;
  }
  return out;
}

export interface RenderOptions {
  width?: number;
  height?: number;
}

/**
 * The SVG markup of a plot. The `<style>` element Plot embeds is dropped (sites with a strict Content Security
 * Policy refuse inline styles); the page styles `.qkv-plot` instead (display, max-width, `--plot-background`).
 * Axis ticks, labels and text use `currentColor`.
 */
export function renderPlot(spec: PlotSpec, options: RenderOptions = {}): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const { x, y, series, rows } = spec;
  const z = series;
  const legend = seriesLegend(spec);
  const color = { domain: legend.map((l) => l.name), range: legend.map((l) => l.color) };
  const marks: Plot.Markish[] = [];
  switch (spec.mark) {
    case "line":
      marks.push(Plot.line(rows, { x: x.key, y: y.key, z, stroke: z ?? SERIES_COLORS[0], strokeWidth: 2 }));
      marks.push(Plot.dot(rows, { x: x.key, y: y.key, fill: z ?? SERIES_COLORS[0], r: 2.5 }));
      break;
    case "dot":
      marks.push(Plot.dot(rows, { x: x.key, y: y.key, fill: z ?? SERIES_COLORS[0], r: 4, symbol: z }));
      break;
    case "bar":
      marks.push(Plot.barY(rows, { x: x.key, y: y.key, fill: z ?? SERIES_COLORS[0] }));
      if (y.scale !== "log") marks.push(Plot.ruleY([0]));
      break;
    case "cell":
      marks.push(Plot.cell(rows, { x: x.key, y: y.key, fill: spec.fill?.key, inset: 0.5 }));
      break;
  }
  // Direct labels at each series' last point instead of an HTML legend (which would need inline styles).
  if (z && spec.mark === "line")
    marks.push(
      Plot.text(rows, Plot.selectLast({ x: x.key, y: y.key, z, text: z, fill: z, dx: 6, textAnchor: "start", fontSize: 11 })),
    );
  const svg = Plot.plot({
    document: document as unknown as Document,
    className: "qkv-plot",
    width: options.width ?? 640,
    height: options.height ?? 360,
    marginLeft: 64,
    marginRight: z && spec.mark === "line" ? 120 : 24,
    marginBottom: 48,
    x: scale(x, rows),
    y: { ...scale(y, rows), grid: true },
    color: spec.mark === "cell" ? { type: "linear", scheme: "viridis", label: spec.fill?.label } : color,
    symbol: z && spec.mark === "dot" ? { legend: false } : undefined,
    marks,
    ariaLabel: spec.caption,
  }) as unknown as Element;
  for (const style of Array.from(svg.querySelectorAll("style"))) style.remove();
  svg.removeAttribute("style");
  // One image named by its caption: Plot's aria-labels on its <g> marks are not allowed on a plain group (axe:
  // aria-prohibited-attr, serious), so they become data-label (what each group is, for tests and tools).
  svg.setAttribute("role", "img");
  for (const g of Array.from(svg.querySelectorAll("g[aria-label]"))) {
    g.setAttribute("data-label", g.getAttribute("aria-label")!);
    g.removeAttribute("aria-label");
  }
  return svg.outerHTML;
}

/** Series names and their colours, in the order Plot assigns them (for a legend written as HTML by the page). */
export function seriesLegend(spec: PlotSpec): { name: string; color: string }[] {
  if (!spec.series) return [];
  const names = [...new Set(spec.rows.map((r) => String(r[spec.series!])))].sort();
  return names.map((name, i) => ({ name, color: SERIES_COLORS[i % SERIES_COLORS.length] }));
}
