// Read-only commands never create, lock, move or write the progress file, whatever state it is in.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, runCli } from "./testing/io.js";

const work = mkdtempSync(join(tmpdir(), "qkv-ro-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;

const entry = { card: "fx-greedy/pick", rating: "good", at: "2026-01-02T03:04:05.000Z" };
const FILES: Record<string, string> = {
  "not JSON": "{ half a fi",
  "a newer version": JSON.stringify({ version: 2, reviews: [entry], future: true }),
  "a bad entry": JSON.stringify({ version: 1, reviews: [entry, { card: "x", rating: "meh", at: "now" }] }),
  "no reviews list": JSON.stringify({ version: 1 }),
};
const COMMANDS = [["stats"], ["stats", "--json"], ["list"], ["show", "fx-greedy"], ["quiz", "--json", "--print"]];

describe("read-only commands leave the progress file alone", () => {
  for (const [state, text] of Object.entries(FILES)) {
    it(`with ${state}: ${COMMANDS.map((c) => c.join(" ")).join(", ")} exit 0 and change nothing on disk`, async () => {
      const dir = join(work, `d${n++}`);
      mkdirSync(dir);
      writeFileSync(join(dir, "progress.json"), text);
      for (const args of COMMANDS) {
        const r = await runCli([...args, "--content", FIXTURES, "--data", dir]);
        expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
        expect(readdirSync(dir)).toEqual(["progress.json"]);
        expect(readFileSync(join(dir, "progress.json"), "utf8")).toBe(text);
        if (args[0] === "stats") expect(r.stderr).toMatch(/^warning: /);
      }
    });
  }

  it("a data folder that does not exist is not created by stats or quiz --json --print", async () => {
    const dir = join(work, "never", "made");
    for (const args of [["stats"], ["quiz", "--json", "--print"]]) {
      expect((await runCli([...args, "--content", FIXTURES, "--data", dir])).code).toBe(0);
      expect(() => readdirSync(join(work, "never"))).toThrow(/ENOENT/);
    }
  });
});
