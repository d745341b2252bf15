// Packs the qkv CLI into a self-contained tarball: `node pack.mjs [DEST]` writes DEST/qkv-cli-<version>.tgz
// (DEST defaults to the current directory) for `npm install -g ./qkv-cli-*.tgz`, which needs no repository.
//
// The staging folder holds what the installed package needs:
//   bin/qkv.js, dist/           the bundled CLI, with @qkv/quiz and @qkv/experiments also emitted as dist/quiz.js,
//                               dist/quiz-node.js, dist/experiments.js, dist/experiments-node.js (shared chunks,
//                               so the content and the CLI use the same module instances)
//   content/                    the Q&A and experiments; their TypeScript modules are loaded with tsx, as in the repo
//   node_modules/@qkv/core      the packed core (pure JS, no dependencies), bundled into the tarball
//   node_modules/@qkv/quiz,     two-line packages that re-export the dist/ entries above, so `import … from
//   node_modules/@qkv/experiments   "@qkv/quiz"` in content/*.exercises.ts resolves inside the installed package
// tsx and esbuild stay ordinary dependencies (tsx loads content, esbuild bundles core for the example sandbox).
import { build } from "esbuild";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cliBuildOptions } from "./esbuild-options.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "../..");
const dest = resolve(process.argv[2] ?? ".");
const stage = join(here, ".pack");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
const cli = readJson(join(here, "package.json"));
const core = readJson(join(root, "packages/core/package.json"));

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

// The CLI bundle; @qkv/core stays external (it is shipped as a package, the one instance everyone imports).
await build({
  ...cliBuildOptions,
  absWorkingDir: here,
  entryPoints: {
    ...cliBuildOptions.entryPoints,
    quiz: "@qkv/quiz",
    "quiz-node": "@qkv/quiz/node",
    experiments: "@qkv/experiments",
    "experiments-node": "@qkv/experiments/node",
  },
  external: [...cliBuildOptions.external, "@qkv/core", "@qkv/core/*"],
  outdir: join(stage, "dist"),
});
cpSync(join(here, "bin"), join(stage, "bin"), { recursive: true });
cpSync(join(here, "README.md"), join(stage, "README.md"));

// content/ without its workspace plumbing (package files, the Vite/Node entry points the site uses).
const skip = new Set(["node_modules", "package.json", "tsconfig.json", "coverage", "vite.ts", "lazy.ts", "dir.ts"]);
cpSync(join(root, "content"), join(stage, "content"), {
  recursive: true,
  filter: (src) => !skip.has(src.slice(join(root, "content").length + 1).split(/[\\/]/)[0]),
});

// @qkv/core as its published form: dist/ and the publishConfig export map (core's build must have run).
const coreDir = join(stage, "node_modules/@qkv/core");
cpSync(join(root, "packages/core/dist"), join(coreDir, "dist"), {
  recursive: true,
  filter: (src) => !/\.test\.(js|d\.ts)(\.map)?$/.test(src),
});
const { publishConfig, scripts: _s, devDependencies: _d, files: _f, ...coreManifest } = core;
writeJson(join(coreDir, "package.json"), { ...coreManifest, ...publishConfig });

// @qkv/quiz and @qkv/experiments: re-exports of the CLI's own bundle.
const shim = (name, entries) => {
  const dir = join(stage, "node_modules", name);
  mkdirSync(dir, { recursive: true });
  const exports = {};
  for (const [sub, file] of Object.entries(entries)) {
    const js = `${sub === "." ? "index" : sub.slice(2)}.js`;
    writeFileSync(join(dir, js), `export * from "../../../dist/${file}";\n`);
    exports[sub] = `./${js}`;
  }
  writeJson(join(dir, "package.json"), { name, version: cli.version, type: "module", private: true, exports });
};
shim("@qkv/quiz", { ".": "quiz.js", "./node": "quiz-node.js" });
shim("@qkv/experiments", { ".": "experiments.js", "./node": "experiments-node.js" });

const external = (name) => cli.dependencies[name] ?? readJson(join(root, "packages/quiz/package.json")).dependencies[name];
writeJson(join(stage, "package.json"), {
  name: cli.name,
  version: cli.version,
  description: cli.description,
  type: "module",
  license: cli.license,
  engines: readJson(join(root, "package.json")).engines,
  bin: cli.bin,
  files: ["bin", "dist", "content", "README.md"],
  dependencies: {
    "@qkv/core": core.version,
    "@qkv/quiz": cli.version,
    "@qkv/experiments": cli.version,
    tsx: external("tsx"),
    esbuild: external("esbuild"),
  },
  bundleDependencies: ["@qkv/core", "@qkv/quiz", "@qkv/experiments"],
});

mkdirSync(dest, { recursive: true });
const out = execFileSync("npm", ["pack", "--silent", "--pack-destination", dest], { cwd: stage, encoding: "utf8" });
process.stdout.write(`${join(dest, out.trim().split("\n").pop())}\n`);
