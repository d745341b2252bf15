import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fsFaultMessage, isFsError } from "./errors.js";
import { runCli } from "./testing/io.js";

const fault = (code: string, path = "/data/qkv/progress.json.tmp-1-ab") =>
  Object.assign(new Error(`${code}: x, open '${path}'`), { code, syscall: "open", path });

describe("fsFaultMessage", () => {
  it("says in one line what failed and what to do, for every fault the CLI expects", () => {
    const advice: Record<string, RegExp> = {
      EACCES: /permission denied writing in \/data\/qkv: make it writable .*or choose another data folder with --data DIR/,
      EPERM: /permission denied writing in \/data\/qkv/,
      EROFS: /\/data\/qkv is on a read-only file system: choose another data folder/,
      ENOTDIR: /\/data\/qkv is not a folder .*: move that file, or choose another data folder/,
      EISDIR: /progress\.json\.tmp-1-ab is a folder, .*: move the folder away/,
      ENOSPC: /no space left on the disk holding \/data\/qkv \(nothing was changed\): free some space/,
      EDQUOT: /no space left/,
      EMFILE: /too many open files .*ulimit -n/,
      EIO: /I\/O error .*check the disk/,
    };
    for (const [code, re] of Object.entries(advice)) {
      const message = fsFaultMessage(fault(code), "/data/qkv");
      expect(message, code).toMatch(re);
      expect(message, code).not.toContain("\n");
    }
  });

  it("without a data folder it talks about the path and does not suggest --data", () => {
    const message = fsFaultMessage(fault("EACCES", "/srv/out/tokens"));
    expect(message).toMatch(/permission denied writing in \/srv\/out\/tokens: .*or choose another place$/);
    expect(message).not.toContain("--data");
    expect(isFsError(fault("EACCES"))).toBe(true);
    expect(isFsError(new Error("plain"))).toBe(false);
  });
});

describe("a file-system fault outside the progress store", () => {
  const work = mkdtempSync(join(tmpdir(), "qkv-err-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  it("import --out onto a file: one line, exit 1, no stack", async () => {
    writeFileSync(join(work, "notes.md"), "# Notes\n\n**Q1. What is a token?**\n\nA unit of text the model reads.\n");
    writeFileSync(join(work, "a-file"), "");
    const r = await runCli(["import", "notes.md", "--topic", "tokens", "--out", "a-file"], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^qkv import: .*a-file.* (already exists|is not a folder).*: move (it|that file), or choose another place\n$/);
  });
});
