import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { softmax } from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const tsx = resolve(here, "../../../node_modules/.bin/tsx");
const dir = mkdtempSync(join(tmpdir(), "qkv-conformance-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, expected: unknown): string {
  const path = join(dir, `${name}.json`);
  const x = [[1, 2, 3]];
  writeFileSync(path, JSON.stringify({ component: "softmax", cases: [{ name, params: {}, inputs: { x }, weights: {}, expected: { softmax: expected } }] }));
  return path;
}

function cli(...files: string[]): { code: number | null; lines: string[]; stderr: string } {
  const r = spawnSync(tsx, [resolve(here, "cli.ts"), ...files], { encoding: "utf8" });
  return { code: r.status, lines: r.stdout.trim().split("\n"), stderr: r.stderr };
}

describe("conformance CLI", () => {
  it("prints one line per case and a summary, exiting 0 when everything passes", () => {
    const good = fixture("good", softmax([[1, 2, 3]]).toArray());
    const r = cli(good);
    expect(r.lines[0]).toMatch(/^PASS softmax\/good max_abs_err=\d\.\d\de[+-]\d+$/);
    expect(r.lines.at(-1)).toBe("1 passed, 0 failed");
    expect(r.code).toBe(0);
  });

  it("runs the fixtures on the wasm backend with --backend wasm, and rejects an unknown backend", () => {
    const good = fixture("good-wasm", softmax([[1, 2, 3]]).toArray());
    const r = cli("--backend", "wasm", good);
    expect(r.stderr).toContain("backend: wasm");
    expect(r.lines[0]).toMatch(/^PASS softmax\/good-wasm max_abs_err=/);
    expect(r.lines.at(-1)).toBe("1 passed, 0 failed");
    expect(r.code).toBe(0);
    expect(cli("--backend", "gpu", good).code).toBe(2);
  });

  it("exits non-zero on a failing case or an unreadable file, with a reason", () => {
    const bad = fixture("bad", [[0.1, 0.2, 0.7]]);
    const r = cli(bad, join(dir, "missing.json"));
    expect(r.lines[0]).toMatch(/^FAIL softmax\/bad max_abs_err=\S+ \(softmax\[0\]\[0\]: expected 0.1/);
    expect(r.lines[1]).toMatch(/^FAIL .*missing\.json \(cannot load/);
    expect(r.lines.at(-1)).toBe("0 passed, 2 failed");
    expect(r.code).toBe(1);
  });
});
