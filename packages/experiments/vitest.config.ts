import { defineConfig } from "vitest/config";
import { qkvTestOptions } from "@qkv/testing/vitest";

export default defineConfig({
  test: {
    ...qkvTestOptions,
    // post-ln-warmup trains four small models per run: ~8 s of CPU, several times that on a loaded machine.
    testTimeout: 300_000,
  },
});
