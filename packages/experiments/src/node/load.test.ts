import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { experimentLinkProblems } from "./load.js";

const CONTENT = fileURLToPath(new URL("../../../../content", import.meta.url));
// Inside the package, so the copied experiment resolves @qkv/core and @qkv/experiments as in content/.
const work = mkdtempSync(fileURLToPath(new URL("../../.tmp-links-", import.meta.url)));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("a dangling front matter id and an experiment no question lists are both reported", async () => {
  // A copy of two questions and one experiment: one question names a missing experiment, none lists the real one.
  cpSync(join(CONTENT, "experiments", "causal-mask.experiment.ts"), join(work, "experiments", "causal-mask.experiment.ts"), { recursive: true });
  cpSync(join(CONTENT, "attention", "causal-mask-mechanics.md"), join(work, "attention", "causal-mask-mechanics.md"), { recursive: true });
  const md = join(work, "attention", "causal-mask-mechanics.md");
  writeFileSync(md, readFileSync(md, "utf8").replace("experiments: [causal-mask]", "experiments: [causal-masks]"));
  const problems = await experimentLinkProblems(work);
  expect(problems).toEqual([
    `${md}: front matter lists experiment "causal-masks", which does not exist`,
    expect.stringContaining('experiment "causal-mask" is not listed by any question'),
  ]);
});
