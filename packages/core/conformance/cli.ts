// Usage: pnpm --filter @qkv/core conformance [--backend js|wasm] <fixture.json>...
// Prints one line per case, then "N passed, M failed"; exits 1 on any failure (or no cases), 2 on bad usage.
// --backend wasm runs core's WebAssembly SIMD kernels (default: js, the reference).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { setBackend, type Backend } from "../src/index.js";
import { formatResult, runFixtureFile, type CaseResult } from "./runner.js";

// pnpm runs scripts inside the package; INIT_CWD is where the user typed the command.
const locate = (f: string): string => (existsSync(f) ? f : resolve(process.env.INIT_CWD ?? process.cwd(), f));

const args = process.argv.slice(2).filter((a) => a !== "--");
const at = args.indexOf("--backend");
const backend = at >= 0 ? args.splice(at, 2)[1] : "js";
const files = args;
if (files.length === 0 || (backend !== "js" && backend !== "wasm")) {
  console.error("usage: conformance [--backend js|wasm] <fixture.json>...");
  process.exit(2);
}
if (setBackend(backend as Backend) !== backend) process.exit(2); // no WebAssembly SIMD here (said on stderr)
console.error(`backend: ${backend}`);
const results: CaseResult[] = [];
let unreadable = 0;
for (const f of files) {
  try {
    for (const r of runFixtureFile(locate(f))) {
      results.push(r);
      console.log(formatResult(r));
    }
  } catch (err) {
    unreadable++;
    console.log(`FAIL ${f} (cannot load: ${err instanceof Error ? err.message : String(err)})`);
  }
}
const passed = results.filter((r) => r.passed).length;
const failed = results.length - passed + unreadable;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
