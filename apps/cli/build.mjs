// Bundles the CLI into dist/ with one chunk per command, so `qkv --help` loads only the small entry chunk.
// The engine (@qkv/quiz, @qkv/core and their dependencies) is bundled into a lazily loaded chunk; tsx (used by the
// quiz's content checker) and esbuild (which compiles exercise modules at run time) stay external.
import { build } from "esbuild";
import { rmSync } from "node:fs";

const here = new URL(".", import.meta.url);
rmSync(new URL("dist", here), { recursive: true, force: true });
await build({
  absWorkingDir: here.pathname,
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: "linked",
  external: ["tsx", "tsx/*", "esbuild"],
  // Bundled CommonJS dependencies (yaml, …) call require() for Node built-ins.
  banner: { js: 'import { createRequire as __qkvCreateRequire } from "node:module"; const require = __qkvCreateRequire(import.meta.url);' },
  logLevel: "warning",
});
