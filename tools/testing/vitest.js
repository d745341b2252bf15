// The vitest options every package shares; a package's vitest.config.ts spreads them and adds its own.
// Plain JavaScript: vitest loads config files' workspace imports with Node itself, which runs no TypeScript.
// (Vitest 4 no longer leaves out dist/ by default: emitted *.test.js would run twice.)

/** Test files under src/, the JSON report that tools/test-summary.mjs reads, and a generous default timeout. */
export const qkvTestOptions = {
  include: ["src/**/*.test.ts"],
  exclude: ["dist/**", "node_modules/**"],
  // test-results.json feeds the one-line summary of the whole suite (tools/test-summary.mjs).
  reporters: ["default", "json"],
  outputFile: { json: "test-results.json" },
  testTimeout: 60_000,
};
