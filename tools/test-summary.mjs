#!/usr/bin/env node
// Prints one closing line for the whole suite, "Tests: N passed, M failed", from the vitest JSON report each
// package writes (test-results.json, see its vitest.config.ts). Exits non-zero if a package's report is missing,
// if anything failed, or if nothing ran at all — a green run must have tested something.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
// Every workspace package with a test script must have reported.
const packages = ["packages", "apps"].flatMap((group) =>
  readdirSync(join(root, group))
    .map((name) => `${group}/${name}`)
    .filter((dir) => {
      const manifest = join(root, dir, "package.json");
      return existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).scripts?.test;
    }),
);

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
for (const pkg of packages) {
  const file = join(root, pkg, "test-results.json");
  if (!existsSync(file)) {
    problems.push(`${pkg}: no test-results.json (its tests did not run)`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(`${pkg}: ${r.numPassedTests} passed, ${r.numFailedTests} failed in ${r.testResults.length} files`);
}
for (const p of problems) console.log(p);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(problems.length || failed || passed === 0 ? 1 : 0);
