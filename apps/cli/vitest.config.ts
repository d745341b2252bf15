import { defineConfig } from "vitest/config";
import { qkvTestOptions } from "@qkv/testing/vitest";

export default defineConfig({
  test: qkvTestOptions,
});
