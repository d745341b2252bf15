// Runs every example in docs/architectures.md, docs/gradients.md and README.md so the documentation cannot rot: each ```ts block
// executes against the public API, and each trailing `// expr: value` comment is evaluated and compared with its
// JSON value.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as core from "./index.js";

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

/** The ```ts blocks of a Markdown document, each with the `## ` section it stands in. */
function examplesOf(doc: string): { section: string; code: string }[] {
  return [...doc.matchAll(/^## (.+)$|^```ts\n([\s\S]*?)^```$/gm)]
    .reduce<{ section: string; code: string }[]>((acc, m) => {
      if (m[1]) acc.push({ section: m[1], code: "" });
      else if (acc.length) acc.push({ section: acc[acc.length - 1].section, code: m[2] });
      return acc;
    }, [])
    .filter((b) => b.code);
}

const architectures = read("docs/architectures.md");
const blocks = examplesOf(architectures);
const readmeBlocks = examplesOf(read("README.md"));

const CHECK = /\/\/ (.+?): (\[.*\]|-?\d+(?:\.\d+)?|".*"|true|false)\s*$/;

describe("docs/architectures.md examples", () => {
  it("has an example for every section", () => {
    const sections = [...architectures.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(new Set(blocks.map((b) => b.section))).toEqual(new Set(sections));
  });
  blocks.forEach(({ section, code }, k) => it(`${section} (example ${k + 1}) runs and its results hold`, () => runExample(code)));
});

describe("README.md examples", () => {
  it("has a library example", () => expect(readmeBlocks.length).toBeGreaterThan(0));
  readmeBlocks.forEach(({ section, code }, k) => it(`${section} (example ${k + 1}) runs and its results hold`, () => runExample(code)));
});

const gradientBlocks = examplesOf(read("docs/gradients.md"));

describe("docs/gradients.md examples", () => {
  it("has examples", () => expect(gradientBlocks.length).toBeGreaterThan(1));
  gradientBlocks.forEach(({ section, code }, k) => it(`${section} (example ${k + 1}) runs and its results hold`, () => runExample(code)));
});

function runExample(code: string): void {
  const lines = code.split("\n");
  const imports = lines.filter((l) => l.startsWith("import "));
  expect(imports).toHaveLength(1);
  const names = /^import \{ (.+) \} from "@qkv\/core";$/.exec(imports[0])![1].split(", ");
  for (const n of names) expect(core, `@qkv/core exports ${n}`).toHaveProperty(n);
  const checks = lines.map((l) => CHECK.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  expect(checks.length, "every example states at least one checked result").toBeGreaterThan(0);
  const body = lines.filter((l) => !l.startsWith("import ")).join("\n");
  const source = `function example() {\n${body}\nreturn [${checks.map((m) => m[1]).join(", ")}];\n}`;
  const js = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const lib = core as unknown as Record<string, unknown>;
  const results = new Function(...names, `${js}\nreturn example();`)(...names.map((n) => lib[n])) as unknown[];
  checks.forEach((m, i) => expect(JSON.parse(JSON.stringify(results[i])), m[1]).toEqual(JSON.parse(m[2])));
}
