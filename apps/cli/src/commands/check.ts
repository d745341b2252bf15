import { resolve } from "node:path";
import type { CommandRun } from "../main.js";
import { loadEngine } from "../engine.js";

/** `qkv check [DIR]`: every problem the quiz's checker finds, one `file:line: message` per line; exit 1 if any. */
export const run: CommandRun = async (ctx, positionals, values) => {
  const engine = await loadEngine();
  const dir = positionals[0] !== undefined ? resolve(ctx.io.cwd, positionals[0]) : ctx.contentDir;
  const problems = await engine.checkContent(dir);
  if (values.json) {
    ctx.out(JSON.stringify({ ok: problems.length === 0, dir, problems }));
  } else {
    for (const p of problems) ctx.out(engine.formatProblem(p));
    ctx.err(problems.length === 0 ? `qkv check: ${dir}: no problems` : `qkv check: ${problems.length} problem(s) in ${dir}`);
  }
  return problems.length === 0 ? 0 : 1;
};
