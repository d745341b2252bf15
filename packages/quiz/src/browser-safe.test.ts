import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

// "@qkv/quiz", "@qkv/quiz/browser", "@qkv/quiz/live" and the live worker's "@qkv/quiz/example-env" run in the
// browser: nothing they import (transitively, within this package)
// may use node: modules or Node-only packages. "@qkv/quiz/node" is where those belong.
const SRC = dirname(fileURLToPath(import.meta.url));
const NODE_ONLY = /^(node:|tsx|fs$|path$|url$|worker_threads$|vm$|child_process$|os$)/;

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [
    ...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']/gm),
    ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
}

function closure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const specs = importsOf(file);
    seen.set(file, specs);
    for (const s of specs) {
      if (s.startsWith(".")) visit(resolve(dirname(file), s.replace(/\.js$/, ".ts")));
      // The package.json "imports" entry as resolved under the "browser" condition.
      if (s === "#mathjs-parse") visit(join(SRC, "mathjs-parse.esm.ts"));
    }
  };
  visit(entry);
  return seen;
}

test.each(["index.ts", "browser-runner.ts", "example-runner.ts", "example-env.ts"])("%s imports nothing Node-only", (entry) => {
  const graph = closure(join(SRC, entry));
  expect(graph.size).toBeGreaterThan(1);
  if (entry === "index.ts") expect(graph.has(join(SRC, "mathjs-parse.esm.ts"))).toBe(true);
  const offenders = [...graph].flatMap(([file, specs]) =>
    specs.filter((s) => NODE_ONLY.test(s)).map((s) => `${file}: ${s}`),
  );
  expect(offenders).toEqual([]);
  expect([...graph.keys()].some((f) => f.includes(`${SRC}/node/`))).toBe(false);
});
