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
  engine: Pick<Engine, "toContentFile">,
  result: ImportResult,
  outDir: string,
  options: { topic: string; difficulty?: "basic" | "intermediate" | "advanced" },
): Promise<ImportReport> {
  const report: ImportReport = { written: [], skipped: [...result.skipped] };
  for (const q of result.questions) {
    const file = engine.toContentFile(q, options);
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

export function formatImportReport(report: ImportReport, source: string): string[] {
  const out = [`Wrote ${report.written.length} file(s):`, ...report.written.map((f) => `  ${f}`)];
  if (report.skipped.length) {
    out.push("", `Skipped ${report.skipped.length}:`);
    for (const s of report.skipped) out.push(`  ${source}:${s.line}: ${s.reason}${s.excerpt ? ` — ${s.excerpt}` : ""}`);
  }
  return out;
}
