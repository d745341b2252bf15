// Bundles the CLI into dist/ with one chunk per command, so `qkv --help` loads only the small entry chunk.
// The engine (@qkv/quiz, @qkv/core and their dependencies) is bundled into a lazily loaded chunk; tsx stays
// external: the quiz's loadContentDir registers its loader hooks to import content/*.exercises.ts at run time.
//
// Several test runs may build while a `qkv` is running, so files are replaced atomically (temp + rename), chunks
// before the entry that imports them, and outdated chunks are removed only once they are a few minutes old.
import { build } from "esbuild";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliBuildOptions } from "./esbuild-options.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const dist = join(here, "dist");
const result = await build({ ...cliBuildOptions, absWorkingDir: here, outdir: "dist", sourcemap: "linked", write: false });
mkdirSync(dist, { recursive: true });
const entry = join(dist, "main.js");
const files = [...result.outputFiles].sort((a, b) => (a.path === entry) - (b.path === entry));
for (const f of files) {
  const tmp = `${f.path}.tmp-${process.pid}`;
  writeFileSync(tmp, f.contents);
  renameSync(tmp, f.path);
}
const current = new Set(files.map((f) => basename(f.path)));
for (const name of readdirSync(dist)) {
  const path = join(dist, name);
  if (!current.has(name) && !name.includes(".tmp-") && Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { force: true });
}
