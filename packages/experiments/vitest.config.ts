import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["dist/**", "node_modules/**"],
    // test-results.json feeds the one-line summary of the whole suite (tools/test-summary.mjs).
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    // post-ln-warmup trains four small models per run: ~8 s of CPU, several times that on a loaded machine.
    testTimeout: 300_000,
  },
});
