import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { CommandRun } from "../main.js";
import { loadEngine } from "../engine.js";
import { resolveSeedsDir } from "../paths.js";

/**
 * `qkv check [DIR]`: every problem the quiz's checker finds, one `file:line: message` per line; exit 1 if any.
 * Checking the content folder also checks seed coverage when the seed documents are there (they live outside the
 * repository, so a checkout without them skips that part with a note).
 */
export const run: CommandRun = async (ctx, positionals, values) => {
  const engine = await loadEngine();
  const dir = positionals[0] !== undefined ? resolve(ctx.io.cwd, positionals[0]) : ctx.contentDir;
  const seeds = resolveSeedsDir(ctx.io.env, ctx.io.cwd);
  let seedsDir: string | undefined;
  if (dir !== ctx.contentDir) ctx.err(`qkv check: seed coverage not checked (only for the content folder, ${ctx.contentDir})`);
  else if (!existsSync(seeds)) ctx.err(`qkv check: seed coverage not checked (no seeds folder at ${seeds})`);
  else seedsDir = seeds;
  const problems = await engine.checkContent(dir, { seedsDir });
  if (values.json) {
    ctx.out(JSON.stringify({ ok: problems.length === 0, dir, seedsDir: seedsDir ?? null, problems }));
  } else {
    for (const p of problems) ctx.out(engine.formatProblem(p));
    const seedNote = seedsDir ? ` (seed coverage against ${seedsDir})` : "";
    ctx.err(problems.length === 0 ? `qkv check: ${dir}: no problems${seedNote}` : `qkv check: ${problems.length} problem(s) in ${dir}${seedNote}`);
  }
  return problems.length === 0 ? 0 : 1;
};
