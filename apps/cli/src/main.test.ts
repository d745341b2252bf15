import { describe, expect, it } from "vitest";
import { COMMANDS } from "./args.js";
import { runCli } from "./testing/io.js";

describe("qkv (top level)", () => {
  it("--help lists every command", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\b`, "m"));
  });

  it("command help documents the JSON protocol of quiz", async () => {
    const r = await runCli(["quiz", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('{"answer":"0.25"}');
    expect(r.stdout).toContain('{"type":"summary"');
  });

  it("exits 2 with a usage hint on a bad command line", async () => {
    const unknown = await runCli(["frob"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frob"');
    const badOption = await runCli(["quiz", "--count", "many", "--content", "/nonexistent"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--count expects a positive integer, got "many"');
    expect(badOption.stderr).toContain('Run "qkv quiz --help"');
  });

  it("--version prints the package version", async () => {
    const r = await runCli(["--version"]);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
