// `pnpm --filter @qkv/experiments full [ID…]`: runs the experiments in full mode and commits-ready writes
// content/experiments/<id>.full.json for each (the site renders from these). Exit 1 if any FAILs or fails to load.
import { fileURLToPath } from "node:url";
import { runExperiment, verdict } from "../index.js";
import { loadExperimentsDir, writeResult } from "./load.js";

const content = fileURLToPath(new URL("../../../../content", import.meta.url));
const only = process.argv.slice(2);
const { experiments, problems } = await loadExperimentsDir(content);
for (const p of problems) console.error(p);
const chosen = only.length ? experiments.filter((e) => only.includes(e.id)) : experiments;
const unknown = only.filter((id) => !experiments.some((e) => e.id === id));
if (unknown.length) console.error(`unknown experiment(s): ${unknown.join(", ")}`);
let failed = problems.length + unknown.length;
const live = process.stderr.isTTY === true;
for (const e of chosen) {
  const r = await runExperiment(e, {
    mode: "full",
    onProgress: live ? (f) => process.stderr.write(`\r\x1b[K${e.id} ${(f * 100).toFixed(0)}%`) : undefined,
  });
  if (live) process.stderr.write("\r\x1b[K");
  const path = await writeResult(content, r);
  console.log(`${verdict(r)} ${e.id} (${r.seconds.toFixed(1)} s) → ${path}${r.error ? `\n  error: ${r.error}` : ""}`);
  for (const c of r.checks.filter((c) => !c.pass)) console.log(`  FAIL ${c.criterion}: ${c.measured}`);
  if (!r.pass) failed++;
}
process.exit(failed ? 1 : 0);
