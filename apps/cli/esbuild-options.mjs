// esbuild options shared by the development build (build.mjs) and the tarball build (pack.mjs).
export const cliBuildOptions = {
  // The training worker is its own entry: worker threads load it by file name (src/train/parallel.ts).
  entryPoints: { main: "src/main.ts", "train-worker": "src/train/worker.ts" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // esbuild: the quiz bundles @qkv/core at run time for the example sandbox (its JS API cannot be bundled).
  external: ["tsx", "tsx/*", "esbuild"],
  // Bundled CommonJS dependencies (yaml, …) call require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __qkvCreateRequire } from "node:module"; const require = __qkvCreateRequire(import.meta.url);',
  },
  logLevel: "warning",
};
