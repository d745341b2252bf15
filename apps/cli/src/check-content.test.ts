// CI gate: the repository's content must pass `qkv check` (the quiz's checkContent over content/).
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const appDir = fileURLToPath(new URL("..", import.meta.url));

describe("qkv check over content/", () => {
  beforeAll(() => {
    execFileSync(process.execPath, ["build.mjs"], { cwd: appDir });
  }, 120_000);

  it("finds no problems and exits 0", () => {
    const r = spawnSync(process.execPath, ["bin/qkv.js", "check"], { cwd: appDir, encoding: "utf8" });
    expect(r.stdout, r.stderr).toBe("");
    expect(r.stderr).toMatch(/no problems/);
    expect(r.status).toBe(0);
  }, 600_000);

  it("refuses a topic folder instead of checking nothing", () => {
    const r = spawnSync(process.execPath, ["bin/qkv.js", "check", "../../content/attention"], { cwd: appDir, encoding: "utf8" });
    expect(r.stdout).toMatch(/content\/attention:1: no questions found: .*a topic folder\?\); pass the content folder/);
    expect(r.stderr).toMatch(/1 problem\(s\)/);
    expect(r.status).toBe(1);
  }, 120_000);
});
