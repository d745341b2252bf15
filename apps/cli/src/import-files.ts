import { promises as fs } from "node:fs";
import { dirname, join } from "node:path";
import type { ImportResult } from "@qkv/quiz";
import type { Engine } from "./engine.js";

export interface ImportReport {
  written: string[];
  /** Nothing written for these: the line in the source and why. */
  skipped: { line: number; reason: string; excerpt: string }[];
}

/**
 * Writes one content file per imported question under `outDir`. A file that already exists is never replaced
 * (`wx`): it is reported as skipped, as are the importer's own skips.
 */
export async function writeImported(
  engine: Pick<Engine, "toContentFile" | "slugify">,
  result: ImportResult,
  outDir: string,
  options: { topic: string; difficulty?: "basic" | "intermediate" | "advanced" },
): Promise<ImportReport> {
  const report: ImportReport = { written: [], skipped: [...result.skipped] };
  // Ids already used by other topics, and ids given in this import: both must be avoided. (An id in the same topic
  // is the same question imported again: its file is kept and reported below.)
  const taken = await idsInOtherTopics(outDir, options.topic);
  for (const q of result.questions) {
    const file = engine.toContentFile(q, { ...options, id: uniqueId(engine.slugify(q.title), q, taken) });
    const target = join(outDir, file.path);
    await fs.mkdir(dirname(target), { recursive: true });
    try {
      await fs.writeFile(target, file.text, { flag: "wx" });
      report.written.push(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      report.skipped.push({ line: q.line, reason: `${target} already exists (not overwritten)`, excerpt: q.title });
    }
  }
  report.skipped.sort((a, b) => a.line - b.line);
  return report;
}

/** Ids of the questions already in `outDir` outside `topic`'s folder: ids must be unique across topics. */
async function idsInOtherTopics(outDir: string, topic: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let dirs: string[];
  try {
    dirs = (await fs.readdir(outDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && d.name !== topic)
      .map((d) => d.name);
  } catch {
    return ids;
  }
  for (const d of dirs)
    for (const f of await fs.readdir(join(outDir, d)).catch(() => [] as string[]))
      if (f.endsWith(".md")) ids.add(f.slice(0, -3));
  return ids;
}

/**
 * The question's id: its title's slug, or for a title with no Latin-script letters the source number
 * (`question-12`) or line; `-2`, `-3` … appended while the id is taken (by another topic, or earlier in this import).
 */
function uniqueId(slug: string, q: { number: string | null; line: number }, taken: Set<string>): string {
  const base = slug !== "question" ? slug : q.number !== null ? `question-${q.number}` : `question-line-${q.line}`;
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}

export function formatImportReport(report: ImportReport, source: string): string[] {
  const out = [`Wrote ${report.written.length} file(s):`, ...report.written.map((f) => `  ${f}`)];
  if (report.skipped.length) {
    out.push("", `Skipped ${report.skipped.length}:`);
    for (const s of report.skipped) out.push(`  ${source}:${s.line}: ${s.reason}${s.excerpt ? ` — ${s.excerpt}` : ""}`);
  }
  return out;
}
