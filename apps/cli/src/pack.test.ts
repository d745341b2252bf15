// Installable packages: packs @qkv/core and @qkv/quiz (pnpm pack, publishConfig applied) and the CLI (pack.mjs),
// installs the three tarballs with npm into a temporary folder outside the repository, then uses them as a user
// would: a library import in plain Node ESM, a TypeScript check (nodenext and bundler resolution), a Vite build for
// the browser, and the installed `qkv list` / `qkv stats --json` from an empty folder.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appDir = fileURLToPath(new URL("..", import.meta.url));
const root = join(appDir, "../..");
const tmp = mkdtempSync(join(tmpdir(), "qkv-pack-"));
const tarballs = join(tmp, "tarballs");
const project = join(tmp, "project");
const prefix = join(tmp, "global");
const require = createRequire(import.meta.url);

/** pnpm as the one running this test (turbo → pnpm sets npm_execpath), else the pinned version through npx. */
function pnpm(args: string[], cwd: string): string {
  const execpath = process.env.npm_execpath;
  const [cmd, pre] = execpath?.includes("pnpm") ? [process.execPath, [execpath]] : ["npx", ["-y", "pnpm@10.34.9"]];
  return execFileSync(cmd, [...pre, ...args], { cwd, encoding: "utf8" });
}

/** npm, offline when its cache has every registry dependency (tsx, esbuild, mathjs, …), else fetching them. */
function npm(args: string[], cwd: string): string {
  const base = ["--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"];
  return execFileSync("npm", [...args, ...base], { cwd, encoding: "utf8", env: { ...process.env, npm_config_yes: "true" } });
}

/** Every string in a JSON value (the file targets of an export map). */
const leaves = (v: unknown): string[] => (typeof v === "string" ? [v] : Object.values(v ?? {}).flatMap(leaves));

const tarball = (prefixName: string) => join(tarballs, readdirSync(tarballs).find((f) => f.startsWith(prefixName))!);

beforeAll(() => {
  mkdirSync(tarballs);
  mkdirSync(project);
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", "packages/core", "packages/quiz"], { cwd: root });
  pnpm(["pack", "--pack-destination", tarballs], join(root, "packages/core"));
  pnpm(["pack", "--pack-destination", tarballs], join(root, "packages/quiz"));
  execFileSync(process.execPath, ["pack.mjs", tarballs], { cwd: appDir });
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  npm(["install", tarball("qkv-core-"), tarball("qkv-quiz-")], project);
  npm(["install", "-g", "--prefix", prefix, tarball("qkv-cli-")], project);
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }), 60_000);

describe("packed @qkv/core and @qkv/quiz", () => {
  it("ship compiled JavaScript and declarations only, no TypeScript in their runtime exports", () => {
    for (const name of ["core", "quiz"]) {
      const manifest = JSON.parse(execFileSync("tar", ["xzOf", tarball(`qkv-${name}-`), "package/package.json"], { encoding: "utf8" }));
      const targets = leaves([manifest.exports, manifest.imports ?? {}]);
      expect(targets).toContain("./dist/index.js");
      expect(targets.filter((t) => !t.startsWith("./dist/") || /(?<!\.d)\.ts$/.test(t))).toEqual([]);
      expect(JSON.stringify(manifest)).not.toContain("workspace:");
    }
  });

  it("import in plain Node ESM", () => {
    writeFileSync(
      join(project, "use.mjs"),
      `import { softmax, tensor, multiHeadAttention, Rng, randn } from "@qkv/core";
import { broadcastShapes } from "@qkv/core/internal";
import { parseQuestionFile, checkNumeric } from "@qkv/quiz";
import { loadContentDir } from "@qkv/quiz/node";
const p = softmax(tensor([[0, Math.log(3)]]));
console.log(JSON.stringify({ p: Array.from(p.data), b: broadcastShapes("use", [2, 1], [1, 3]), fns: [typeof multiHeadAttention, typeof Rng, typeof randn, typeof parseQuestionFile, typeof checkNumeric, typeof loadContentDir] }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["use.mjs"], { cwd: project, encoding: "utf8" }));
    expect(out.p[0]).toBeCloseTo(0.25, 12);
    expect(out.p[1]).toBeCloseTo(0.75, 12);
    expect(out.b).toEqual([2, 3]);
    expect(out.fns).toEqual(Array(6).fill("function"));
  });

  it.each([
    ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
  ])("type-check in TypeScript with moduleResolution %s", (name, options) => {
    const dir = join(project, `ts-${name}`);
    mkdirSync(dir, { recursive: true });
    // bad.ts must fail, once and where expected: proof that the declarations were found and are not `any`.
    writeFileSync(
      join(dir, "use.ts"),
      `import { softmax, tensor, type Tensor } from "@qkv/core";
import { DIFFICULTIES } from "@qkv/quiz";
import type { LoadDirResult } from "@qkv/quiz/node";
export const p: Tensor = softmax(tensor([[1, 2]]));
export const shape: readonly number[] = p.shape;
export const d: readonly string[] = DIFFICULTIES;
export const r: LoadDirResult["problems"] = [];
`,
    );
    writeFileSync(join(dir, "bad.ts"), `import { softmax } from "@qkv/core";\nexport const wrong: string = softmax;\n`);
    const compilerOptions = { ...options, target: "es2022", strict: true, noEmit: true, skipLibCheck: true, types: [] };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["use.ts", "bad.ts"] }));
    const r = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "."], { cwd: dir, encoding: "utf8" });
    const errors = r.stdout.split("\n").filter((l) => /error TS\d+/.test(l));
    expect(errors, r.stdout).toHaveLength(1);
    expect(errors[0]).toMatch(/^bad\.ts\(2,14\): error TS2322/);
  });

  it("bundle for the browser with Vite", async () => {
    const dir = join(project, "vite-app");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.html"), `<script type="module" src="./main.js"></script>\n`);
    writeFileSync(
      join(dir, "main.js"),
      `import { softmax, tensor } from "@qkv/core";\nimport { parseAnswer } from "@qkv/quiz";\ndocument.body.textContent = String(softmax(tensor([[1, 2]])).data[0]) + JSON.stringify(parseAnswer("[1, 2]"));\n`,
    );
    const vite = (await import(createRequire(require.resolve("vitest")).resolve("vite"))) as {
      build(config: Record<string, unknown>): Promise<unknown>;
    };
    await vite.build({ root: dir, logLevel: "silent", configFile: false, build: { outDir: join(dir, "dist") } });
    const assets = readdirSync(join(dir, "dist/assets"));
    expect(assets.some((f) => f.endsWith(".js"))).toBe(true);
  }, 120_000);
});

describe("packed qkv CLI, installed globally", () => {
  const qkv = join(prefix, "bin", "qkv");
  const empty = join(tmp, "empty");
  const env = { ...process.env, QKV_DATA_DIR: join(tmp, "data"), QKV_CONTENT_DIR: "", INIT_CWD: "" };

  it("lists the bundled content from an empty folder", () => {
    mkdirSync(empty, { recursive: true });
    const r = spawnSync(qkv, ["list"], { cwd: empty, encoding: "utf8", env });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^attention \(\d+\)$/m);
    expect(r.stdout).toMatch(/^ {2}scaled-dot-product-attention\b/m);
  });

  it("prints nothing but JSON for `qkv stats --json`", () => {
    const r = spawnSync(qkv, ["stats", "--json"], { cwd: empty, encoding: "utf8", env });
    expect(r.status).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.topics.length).toBeGreaterThan(5);
  });
});
