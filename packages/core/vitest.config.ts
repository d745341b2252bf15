import { defineConfig } from "vitest/config";
import { qkvTestOptions } from "@qkv/testing/vitest";

export default defineConfig({
  test: {
    ...qkvTestOptions,
    include: ["src/**/*.test.ts", "conformance/**/*.test.ts"],
    // The whole suite (property tests and PyTorch conformance included) runs once per backend: `js`, the readable
    // reference, and `wasm`, where a setup file makes the WebAssembly SIMD kernels active before any test runs.
    projects: [
      { extends: true, test: { name: "js" } },
      {
        extends: true,
        test: {
          name: "wasm",
          setupFiles: ["./src/wasm/use-wasm.setup.ts"],
          exclude: ["dist/**", "node_modules/**", "src/wasm/kernels-wasm.test.ts", "src/wasm/relaxed.test.ts"], // backend-independent
        },
      },
    ],
  },
});
