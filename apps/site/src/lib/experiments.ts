// Build-time experiments: every content/experiments/<id>.experiment.ts (for its claim and method) with its committed
// full run <id>.full.json (the figures, table and plot the pages show). Nothing is run here; a definition without
// a passing committed result, or a question ↔ experiment link that does not resolve, fails the build.
import {
  experimentProblems,
  linkProblems,
  questionsFor,
  resultProblems,
  type Experiment,
  type ExperimentResult,
} from "@qkv/experiments";
import { renderPlot, seriesLegend } from "@qkv/experiments/plot";
import { experimentFiles } from "@qkv/content/vite";
import { questions } from "./content";

export interface SiteExperiment {
  experiment: Experiment;
  result: ExperimentResult;
}

function load(): SiteExperiment[] {
  const problems: string[] = [];
  const loaded: SiteExperiment[] = [];
  for (const { slug, path, definition, result: committed } of experimentFiles) {
    const found = experimentProblems(definition, slug);
    if (found.length) {
      problems.push(...found.map((p) => `${path}: ${p}`));
      continue;
    }
    const experiment = definition as Experiment;
    const result = committed as ExperimentResult;
    const bad = resultProblems(result, experiment);
    if (bad.length) problems.push(...bad);
    else loaded.push({ experiment, result });
  }
  problems.push(...linkProblems(questions(), loaded.map((e) => e.experiment.id)));
  if (problems.length) throw new Error(`experiment problems:\n${problems.join("\n")}`);
  return loaded;
}

let cached: SiteExperiment[] | undefined;
export function experiments(): SiteExperiment[] {
  return (cached ??= load());
}

export function experimentById(id: string): SiteExperiment {
  const e = experiments().find((x) => x.experiment.id === id);
  if (!e) throw new Error(`no experiment "${id}"`);
  return e;
}

export function experimentUrl(id: string): string {
  return `/experiments/${id}/`;
}

/** The questions whose answers make the experiment's claim (listed in their front matter). */
export function questionsOf(id: string) {
  return questionsFor(id, questions());
}

const svgCache = new Map<string, string>();
/** The committed result's plot as SVG markup (rendered once per build and size). */
export function plotSvg(e: SiteExperiment, size: "full" | "compact" = "full"): string {
  const key = `${e.experiment.id}:${size}`;
  let svg = svgCache.get(key);
  if (svg === undefined) {
    svg = renderPlot(e.result.plot, size === "full" ? { width: 680, height: 380 } : { width: 520, height: 260 });
    svgCache.set(key, svg);
  }
  return svg;
}

export function legend(e: SiteExperiment) {
  return seriesLegend(e.result.plot);
}
