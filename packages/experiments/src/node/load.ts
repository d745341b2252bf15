import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseQuestionFile, TOPICS } from "@qkv/quiz";
import { register } from "tsx/esm/api";
import type { Experiment, ExperimentResult } from "../experiment.js";
import { linkProblems } from "../links.js";
import { experimentProblems } from "../validate.js";

export const EXPERIMENT_SUFFIX = ".experiment.ts";
export const RESULT_SUFFIX = ".full.json";

export interface LoadedExperiments {
  experiments: Experiment[];
  /** `file: message` per defect; a broken definition is reported, never thrown, so the others still run. */
  problems: string[];
}

/** `<contentDir>/experiments`. */
export function experimentsDir(contentDir: string): string {
  return join(contentDir, "experiments");
}

/**
 * Imports every `<contentDir>/experiments/*.experiment.ts` (through tsx, as the quiz loads exercises), sorted by
 * file name, and validates each default export.
 */
export async function loadExperimentsDir(contentDir: string): Promise<LoadedExperiments> {
  const dir = experimentsDir(contentDir);
  if (!existsSync(dir)) return { experiments: [], problems: [`${dir}: no experiments folder`] };
  const files = readdirSync(dir).filter((f) => f.endsWith(EXPERIMENT_SUFFIX)).sort();
  const experiments: Experiment[] = [];
  const problems: string[] = [];
  const tsx = register({ namespace: `qkv-experiments-${Date.now()}` });
  try {
    for (const f of files) {
      const path = join(dir, f);
      try {
        const mod = (await tsx.import(pathToFileURL(path).href, import.meta.url)) as { default?: unknown };
        const found = experimentProblems(mod.default, f.slice(0, -EXPERIMENT_SUFFIX.length));
        if (found.length > 0) problems.push(...found.map((p) => `${path}: ${p}`));
        else experiments.push(mod.default as Experiment);
      } catch (err) {
        problems.push(`${path}: cannot import: ${(err as Error).message.split("\n")[0]}`);
      }
    }
  } finally {
    await tsx.unregister();
  }
  return { experiments, problems };
}

export function resultPath(contentDir: string, id: string): string {
  return join(experimentsDir(contentDir), `${id}${RESULT_SUFFIX}`);
}

/** The committed full result of `id`, or undefined when there is none. */
export function readResult(contentDir: string, id: string): ExperimentResult | undefined {
  const path = resultPath(contentDir, id);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as ExperimentResult) : undefined;
}

/** Writes a result atomically (temp file + rename), so an interrupted run never leaves half a JSON file. */
export async function writeResult(contentDir: string, result: ExperimentResult): Promise<string> {
  const path = resultPath(contentDir, result.id);
  await mkdir(experimentsDir(contentDir), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(result, null, 1)}\n`);
  await rename(tmp, path);
  return path;
}

/**
 * Questions ↔ experiments problems of a content folder: experiments that fail to load, ids listed in question front
 * matter that do not exist, experiments no question lists. Reads only the questions' front matter (no exercises).
 */
export async function experimentLinkProblems(contentDir: string): Promise<string[]> {
  const { experiments, problems } = await loadExperimentsDir(contentDir);
  const questions = TOPICS.flatMap((topic) => {
    const dir = join(contentDir, topic);
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith(".md"))
      .sort()
      .flatMap((f) => parseQuestionFile(join(dir, f), readFileSync(join(dir, f), "utf8")).question ?? []);
  });
  return [...problems, ...linkProblems(questions, experiments.map((e) => e.id))];
}
