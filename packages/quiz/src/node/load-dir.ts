import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";
import { loadContent, type ContentFile } from "../load.js";
import { problem, type Problem } from "../problem.js";
import type { Question } from "../question.js";

export interface LoadDirResult {
  questions: Question[];
  problems: Problem[];
}

/** Folders of content/ that hold no questions (experiments: @qkv/experiments loads them). */
const NOT_TOPICS = new Set(["node_modules", "coverage", "dist", "experiments"]);
let loads = 0;

/** A path relative to the working directory when inside it (as problems show files), else absolute. */
export function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/**
 * Reads `<dir>/<topic>/*.md` and imports every `<dir>/<topic>/*.exercises.ts` (through tsx), then loads them with
 * `loadContent`. A module that fails to import is a problem (with its file and, when known, line), never a crash.
 * Markdown files directly in `dir` (a README) are not questions and are ignored; a folder with no question at all
 * is a problem, so checking the wrong folder never reports "no problems".
 */
export async function loadContentDir(dir: string): Promise<LoadDirResult> {
  const problems: Problem[] = [];
  const files: ContentFile[] = [];
  const modules: Record<string, unknown> = {};
  const sources: Record<string, { path: string; text: string }> = {};
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    return {
      questions: [],
      problems: [problem(display(dir), 1, `cannot read the content directory: ${(err as Error).message}`)],
    };
  }
  // One tsx namespace per load (what tsImport does per call) shared by all modules of this load: @qkv/core and
  // @qkv/quiz are then compiled and instantiated once instead of once per exercises file (seconds each), while a
  // later load still sees edited files.
  const tsx = register({ namespace: `qkv-content-${Date.now()}-${++loads}` });
  const importModule = async (abs: string, shown: string, qid: string): Promise<void> => {
    try {
      const mod = (await tsx.import(pathToFileURL(abs).href, import.meta.url)) as { default?: unknown };
      if (mod.default === undefined)
        problems.push(
          problem(shown, 1, "no default export: end the module with export default defineExercises([...])"),
        );
      else modules[qid] = mod.default;
    } catch (err) {
      const { line, message } = describeImportError(err, abs);
      problems.push(problem(shown, line, `cannot import the exercises module: ${message}`));
    }
  };
  try {
    const topics = entries
      .filter((e) => e.isDirectory() && !NOT_TOPICS.has(e.name) && !e.name.startsWith("."))
      .map((e) => e.name)
      .sort();
    for (const topic of topics) {
      const topicDir = join(dir, topic);
      const names = (await readdir(topicDir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const entry of names) {
        const abs = join(topicDir, entry.name);
        const shown = display(abs);
        if (entry.isDirectory()) {
          problems.push(
            problem(shown, 1, "nested folders are not part of the content format (use content/<topic>/<slug>.md)"),
          );
        } else if (entry.name.endsWith(".exercises.ts")) {
          const qid = entry.name.slice(0, -".exercises.ts".length);
          sources[qid] = { path: shown, text: await readFile(abs, "utf8") };
          await importModule(abs, shown, qid);
        } else if (entry.name.endsWith(".md")) {
          files.push({ path: shown, text: await readFile(abs, "utf8") });
        }
      }
    }
  } finally {
    await tsx.unregister();
  }
  // An empty result would read as "no problems": say that nothing was checked, and why when the folder is a topic.
  if (files.length === 0) {
    const own = entries.some((e) => e.isFile() && (e.name.endsWith(".exercises.ts") || e.name.endsWith(".md")));
    problems.push(
      problem(
        display(dir),
        1,
        own
          ? "no questions found: questions are read from <dir>/<topic>/<slug>.md, and this folder holds question files itself (a topic folder?); pass the content folder"
          : "no questions found: questions are read from <dir>/<topic>/<slug>.md",
      ),
    );
  }
  const loaded = loadContent(files, modules, { exerciseSources: sources });
  return { questions: loaded.questions, problems: [...problems, ...loaded.problems] };
}

/**
 * Line and message of a failed import: esbuild syntax errors ("Transform failed with 1 error:\n<file>:4:45: ERROR:
 * Unexpected ...") and runtime throws (a stack frame in the file) both carry the line.
 */
function describeImportError(err: unknown, file: string): { line: number; message: string } {
  const text = err instanceof Error ? `${err.message}\n${err.stack ?? ""}` : String(err);
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const syntax = text.match(new RegExp(`${escaped}:(\\d+):\\d+: ERROR: (.*)`));
  if (syntax) return { line: Number(syntax[1]), message: `syntax error: ${syntax[2]}` };
  const frame = text.match(new RegExp(`${escaped}:(\\d+)`));
  const message = (err instanceof Error ? err.message : String(err)).split("\n")[0];
  return { line: frame ? Number(frame[1]) : 1, message };
}
