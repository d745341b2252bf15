// Bundles the CLI into dist/ with one chunk per command, so `qkv --help` loads only the small entry chunk.
// The engine (@qkv/*, TypeScript sources) and tsx stay external: they are loaded at run time through tsx.
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
  external: ["@qkv/*", "tsx", "tsx/*"],
  logLevel: "warning",
});
