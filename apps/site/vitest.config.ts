import { defineConfig } from "vitest/config";
import { qkvTestOptions } from "@qkv/testing/vitest";

export default defineConfig({
  test: {
    ...qkvTestOptions,
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
