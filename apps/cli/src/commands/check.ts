import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { CommandRun } from "../main.js";
import { loadEngine } from "../engine.js";
import { resolveSeedsDir } from "../paths.js";

/**
 * `qkv check [DIR]`: every problem the quiz's checker finds, one `file:line: message` per line; exit 1 if any.
 * Checking the content folder also checks seed coverage when the seed documents are there (they live outside the
 * repository, so a checkout without them skips that part with a note). A folder with experiments/ also gets the
 * questions ↔ experiments links checked (@qkv/experiments).
 */
export const run: CommandRun = async (ctx, positionals, values) => {
  const engine = await loadEngine();
  const dir = positionals[0] !== undefined ? resolve(ctx.io.cwd, positionals[0]) : ctx.contentDir;
  const seeds = resolveSeedsDir(ctx.io.env, ctx.io.cwd);
  let seedsDir: string | undefined;
  if (dir !== ctx.contentDir) ctx.err(`qkv check: seed coverage not checked (only for the content folder, ${ctx.contentDir})`);
  else if (!existsSync(seeds)) ctx.err(`qkv check: seed coverage not checked (no seeds folder at ${seeds})`);
  else seedsDir = seeds;
  // A one-line progress indicator, redrawn in place, only for a person watching a terminal (never in --json mode
  // or when stderr is a pipe or file, where \r-redrawn lines would be noise).
  const stderr = ctx.io.stderr;
  const live = !values.json && stderr.isTTY === true;
  const onProgress = live
    ? (done: number, total: number, id: string) => {
        const line = `checking ${done}/${total} ${id}`;
        // Cut to the terminal width (0 when unknown) so the line never wraps, which \r could not redraw.
        stderr.write(`\r\x1b[K${line.slice(0, (stderr.columns || 80) - 1)}`);
      }
    : undefined;
  let problems;
  try {
    problems = await engine.checkContent(dir, { seedsDir, onProgress });
  } finally {
    if (live) stderr.write("\r\x1b[K");
  }
  let experimentProblems: string[] = [];
  if (existsSync(join(dir, "experiments"))) {
    const { experimentLinkProblems } = await import("@qkv/experiments/node");
    experimentProblems = await experimentLinkProblems(dir);
  }
  const count = problems.length + experimentProblems.length;
  if (values.json) {
    ctx.out(JSON.stringify({ ok: count === 0, dir, seedsDir: seedsDir ?? null, problems, experimentProblems }));
  } else {
    for (const p of problems) ctx.out(engine.formatProblem(p));
    for (const p of experimentProblems) ctx.out(p);
    const seedNote = seedsDir ? ` (seed coverage against ${seedsDir})` : "";
    ctx.err(count === 0 ? `qkv check: ${dir}: no problems${seedNote}` : `qkv check: ${count} problem(s) in ${dir}${seedNote}`);
  }
  return count === 0 ? 0 : 1;
};
