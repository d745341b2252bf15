import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./testing/io.js";

const FIXTURE = fileURLToPath(new URL("./testing/fixtures/verify-content", import.meta.url));
const CONTENT = fileURLToPath(new URL("../../../content", import.meta.url));

describe("qkv verify", () => {
  // What CI runs: every experiment of the repository's content, quick mode.
  it("--quick runs every experiment of content/ and reports ≥ 14 PASS, 0 FAIL", async () => {
    const r = await runCli(["verify", "--quick", "--content", CONTENT]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = r.stdout.match(/^(\d+) PASS, 0 FAIL \(quick run\)$/m);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThanOrEqual(14);
    for (const id of ["attention-scale", "causal-mask", "residual-rank-collapse", "kv-cache"]) expect(r.stdout).toMatch(new RegExp(`^PASS  ${id}  \\(`, "m"));
    expect(r.stdout).toContain("With a causal mask every future key gets exactly zero attention weight");
    // About 15 s of CPU (four short training runs in post-ln-warmup); far longer on a loaded machine.
  }, 300_000);

  it("--json prints every result with its checks", async () => {
    const r = await runCli(["verify", "--quick", "--json", "--content", CONTENT, "causal-mask", "stable-softmax"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.mode).toBe("quick");
    expect(out.results.map((x: { id: string }) => x.id)).toEqual(["causal-mask", "stable-softmax"]);
    for (const x of out.results) {
      expect(x.pass).toBe(true);
      expect(x.checks.length).toBeGreaterThan(0);
    }
  });

  it("a false claim is FAIL with the criterion and what was measured, and the exit code is 1", async () => {
    const r = await runCli(["verify", "--content", FIXTURE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL  fx-false-claim/m);
    expect(r.stdout).toMatch(/^PASS  fx-holds/m);
    expect(r.stdout).toContain("✗ largest weight is 1: measured 0.665");
    expect(r.stdout).toContain("1 PASS, 1 FAIL (full run)");
  });

  it("an unknown experiment id is a usage error naming the known ones", async () => {
    const r = await runCli(["verify", "fx-nope", "--content", FIXTURE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no experiment "fx-nope"; experiments: fx-false-claim, fx-holds');
  });

  it("draws a progress bar on stderr only when it is a terminal", async () => {
    const tty = await runCli(["verify", "fx-holds", "--content", FIXTURE], { stderrTty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain("\r\x1b[K[0/1] ");
    expect(tty.stderr).toContain("fx-holds");
    const piped = await runCli(["verify", "fx-holds", "--content", FIXTURE]);
    expect(piped.stderr).toBe("");
  });
});

describe("qkv show", () => {
  it("names the experiments that verify the answer and how to run them", async () => {
    const r = await runCli(["show", "fx-softmax-first", "--content", fileURLToPath(new URL("./testing/fixtures/content", import.meta.url))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Verified by experiment: fx-holds (run: qkv verify fx-holds)");
  });
});

describe("qkv check with experiments", () => {
  it("reports experiments no question lists (file-less link problems) and exits 1", async () => {
    const r = await runCli(["check", FIXTURE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('experiment "fx-holds" is not listed by any question');
    expect(r.stdout).toContain('experiment "fx-false-claim" is not listed by any question');
    const json = JSON.parse((await runCli(["check", "--json", FIXTURE])).stdout);
    expect(json.ok).toBe(false);
    expect(json.experimentProblems).toHaveLength(2);
  });
});
