// CI gate: the repository's content must pass `qkv check` (the quiz's checkContent over content/).
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const appDir = fileURLToPath(new URL("..", import.meta.url));

describe("qkv check over content/", () => {
  it("finds no problems and exits 0", () => {
    execFileSync(process.execPath, ["build.mjs"], { cwd: appDir });
    const r = spawnSync(process.execPath, ["bin/qkv.js", "check"], { cwd: appDir, encoding: "utf8" });
    expect(r.stdout, r.stderr).toBe("");
    expect(r.stderr).toMatch(/no problems/);
    expect(r.status).toBe(0);
  }, 600_000);
});
