import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["dist/**", "node_modules/**"],
    // test-results.json feeds the one-line summary of the whole suite (tools/test-summary.mjs).
    reporters: ["default", "json"],
    outputFile: { json: "test-results.json" },
    testTimeout: 120_000,
  },
});
