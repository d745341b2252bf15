import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadGpt2, charGptLoss } from "@qkv/core";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../testing/io.js";

// A quick run of the real command (the committed recipe's model, 2 steps) on a small generated content folder.
const dir = mkdtempSync(join(tmpdir(), "qkv-train-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeContent(): string {
  const content = join(dir, "content");
  mkdirSync(join(content, "attention"), { recursive: true });
  for (let i = 0; i < 12; i++) {
    const answer = `Answer ${i}: attention weights are a softmax over scaled scores; each row sums to one. `.repeat(3);
    writeFileSync(
      join(content, "attention", `q-${i}.md`),
      `---\nid: q-${i}\ntitle: Question ${i}\ntopic: attention\ndifficulty: basic\ntags: [softmax]\nsources: []\ncore: [softmax]\n---\n\n## Question\n\nWhy ${i}?\n\n## Answer\n\n${answer}\n`,
    );
  }
  return content;
}

describe("qkv train (2 steps)", () => {
  it("shows progress, writes a loadable model, the curve and a record whose validation loss the weights reproduce", async () => {
    const out = join(dir, "model");
    const { code, stdout, stderr } = await runCli(["train", "--steps", "2", "--out", out, "--content", writeContent()]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/step 2\/2 .* 100%  loss \d\.\d{3}  \d+ tok\/s  \d:\d\d elapsed, ETA 0:00/);
    expect(stdout).toMatch(/Validation loss \d\.\d{4} nats\/char/);
    const model = loadGpt2(new Uint8Array(readFileSync(join(out, "model.safetensors"))));
    const record = JSON.parse(readFileSync(join(out, "model.json"), "utf8"));
    expect(record.curve.train).toHaveLength(2);
    expect(charGptLoss(model, readFileSync(join(out, "validation.txt"), "utf8"))).toBe(record.validation.loss);
    expect(readFileSync(join(out, "loss.svg"), "utf8")).toMatch(/^<svg [\s\S]*<\/svg>\n$/);
  });

  it("rejects a bad step count", async () => {
    const { code, stderr } = await runCli(["train", "--steps", "0"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--steps must be a positive integer, got "0"/);
  });
});
