import { figureText, runAll, verdict, type Experiment, type ExperimentResult, type Mode } from "@qkv/experiments";
import { loadExperimentsDir } from "@qkv/experiments/node";
import { UsageError } from "../args.js";
import { sessionBar } from "../bars.js";
import type { CommandRun } from "../main.js";

/**
 * `qkv verify [ID…] [--quick] [--json]`: runs the experiments of content/experiments (all of @qkv/experiments' logic;
 * this is only the terminal front end) and prints every claim with PASS/FAIL and its key figures. Exit 1 on any FAIL
 * or experiment that does not load.
 */
export const run: CommandRun = async (ctx, positionals, values) => {
  const mode: Mode = values.quick ? "quick" : "full";
  const { experiments, problems } = await loadExperimentsDir(ctx.contentDir);
  for (const p of problems) ctx.err(`qkv verify: ${p}`);
  const chosen = select(experiments, positionals);
  const stderr = ctx.io.stderr;
  const live = !values.json && stderr.isTTY === true;
  const draw = (done: number, total: number, current: Experiment) => {
    const line = `${sessionBar(Math.floor(done), total)} ${current.id}`;
    stderr.write(`\r\x1b[K${line.slice(0, (stderr.columns || 80) - 1)}`);
  };
  const clear = () => live && stderr.write("\r\x1b[K");
  let results: ExperimentResult[];
  try {
    results = await runAll(chosen, {
      mode,
      onProgress: live ? draw : undefined,
      onResult: values.json
        ? undefined
        : (r) => {
            clear();
            for (const line of describe(r)) ctx.out(line);
          },
    });
  } finally {
    clear();
  }
  const failed = results.filter((r) => !r.pass).length;
  const ok = failed === 0 && problems.length === 0;
  if (values.json) {
    ctx.out(JSON.stringify({ ok, mode, problems, results }));
  } else {
    const notLoaded = problems.length ? `, ${problems.length} not loaded` : "";
    ctx.out(`${results.length - failed} PASS, ${failed} FAIL${notLoaded} (${mode} run)`);
  }
  return ok ? 0 : 1;
};

function select(experiments: Experiment[], ids: string[]): Experiment[] {
  if (ids.length === 0) return experiments;
  const unknown = ids.filter((id) => !experiments.some((e) => e.id === id));
  if (unknown.length)
    throw new UsageError(`no experiment ${unknown.map((u) => `"${u}"`).join(", ")}; experiments: ${experiments.map((e) => e.id).join(", ")}`, "verify");
  return experiments.filter((e) => ids.includes(e.id));
}

/** `PASS  id  (1.2 s)`, the claim, the key figures, and each failed criterion with what was measured. */
function describe(r: ExperimentResult): string[] {
  const lines = [`${verdict(r)}  ${r.id}  (${r.seconds.toFixed(1)} s)`, `      ${r.claim}`];
  for (const f of r.figures) lines.push(`      · ${figureText(f)}`);
  if (r.error) lines.push(`      error: ${r.error}`);
  for (const c of r.checks.filter((c) => !c.pass)) lines.push(`      ✗ ${c.criterion}: measured ${c.measured}`);
  return lines;
}
