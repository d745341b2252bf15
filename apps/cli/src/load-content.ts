// Loads content/ for the CLI: the Markdown goes to the quiz's `loadContent` (all parsing and validation is there);
// the `.exercises.ts` modules are compiled in one esbuild pass and imported as plain JavaScript.
//
// Why not `loadContentDir` from @qkv/quiz/node: it imports each exercises module through its own tsx namespace,
// which re-evaluates @qkv/quiz, @qkv/core and mathjs per file (seconds per file; minutes for content/). One
// esbuild pass over all modules, with @qkv/* tree-shaken into them, takes well under a second. This is module
// loading only, the same job the site does with Vite; `qkv check` still uses the quiz's own `checkContent`.
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import type { ContentFile, LoadResult, Problem } from "@qkv/quiz";
import type { Engine } from "./engine.js";

/** Folders of content/ that are not topics. */
const NOT_TOPICS = new Set(["node_modules", "coverage", "dist"]);

export async function loadContentFast(engine: Engine, dir: string, cwd: string = process.cwd()): Promise<LoadResult> {
  const shown = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith("..") ? rel : abs;
  };
  const problems: Problem[] = [];
  const files: ContentFile[] = [];
  const exerciseFiles: { qid: string; abs: string }[] = [];
  const sources: Record<string, { path: string; text: string }> = {};
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    return { questions: [], problems: [{ file: shown(dir), line: 1, message: `cannot read the content directory: ${(err as Error).message}` }] };
  }
  for (const topic of entries.filter((e) => e.isDirectory() && !NOT_TOPICS.has(e.name) && !e.name.startsWith("."))) {
    const topicDir = join(dir, topic.name);
    for (const name of (await fs.readdir(topicDir)).sort()) {
      const abs = join(topicDir, name);
      if (name.endsWith(".exercises.ts")) {
        const qid = name.slice(0, -".exercises.ts".length);
        sources[qid] = { path: shown(abs), text: await fs.readFile(abs, "utf8") };
        exerciseFiles.push({ qid, abs });
      } else if (name.endsWith(".md")) {
        files.push({ path: shown(abs), text: await fs.readFile(abs, "utf8") });
      }
    }
  }
  const modules = await importExercises(exerciseFiles, shown, problems);
  const loaded = engine.loadContent(files, modules, { exerciseSources: sources });
  return { questions: loaded.questions, problems: [...problems, ...loaded.problems] };
}

async function importExercises(
  list: { qid: string; abs: string }[],
  shown: (abs: string) => string,
  problems: Problem[],
): Promise<Record<string, unknown>> {
  const modules: Record<string, unknown> = {};
  if (list.length === 0) return modules;
  const { build } = await import("esbuild");
  const out = await fs.mkdtemp(join(tmpdir(), "qkv-exercises-"));
  const compile = (items: typeof list) =>
    build({
      entryPoints: Object.fromEntries(items.map((x) => [x.qid, x.abs])),
      outdir: out,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "silent",
      write: true,
    });
  try {
    let ok = list;
    try {
      await compile(list);
    } catch {
      // Some module does not compile: build them one by one so each error is reported and the rest still load.
      ok = [];
      for (const item of list) {
        try {
          await compile([item]);
          ok.push(item);
        } catch (err) {
          const e = (err as { errors?: { text: string; location?: { line: number } | null }[] }).errors?.[0];
          problems.push({ file: shown(item.abs), line: e?.location?.line ?? 1, message: `cannot import the exercises module: ${e?.text ?? (err as Error).message}` });
        }
      }
    }
    for (const item of ok) {
      try {
        const mod = (await import(pathToFileURL(join(out, `${item.qid}.js`)).href)) as { default?: unknown };
        if (mod.default === undefined) {
          problems.push({ file: shown(item.abs), line: 1, message: "no default export: end the module with export default defineExercises([...])" });
          continue;
        }
        modules[item.qid] = mod.default;
      } catch (err) {
        problems.push({ file: shown(item.abs), line: 1, message: `cannot import the exercises module: ${String((err as Error).message).split("\n")[0]}` });
      }
    }
  } finally {
    await fs.rm(out, { recursive: true, force: true });
  }
  return modules;
}
