import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import { formatProblem } from "../problem.js";
import { checkContent } from "./index.js";

// The real content/ of the repository: every file must load and `checkContent` (what `qkv check` runs) must pass.
// It runs on whatever exists, so a broken file anywhere fails this test with its file:line in the message.
const CONTENT = fileURLToPath(new URL("../../../../content", import.meta.url));
// The seed documents beside the repository (../shared/seeds): coverage is checked against them when present.
const SEEDS = fileURLToPath(new URL("../../../../../shared/seeds", import.meta.url));

test("content/ loads and passes checkContent", { timeout: 600_000 }, async () => {
  expect(existsSync(CONTENT)).toBe(true);
  const problems = await checkContent(CONTENT, { seedsDir: existsSync(SEEDS) ? SEEDS : undefined });
  expect(problems.map(formatProblem).join("\n")).toBe("");
});

test("content/ is not silently empty", () => {
  // Guards the path above: when content exists, it is topic folders with question files.
  const topics = readdirSync(CONTENT, { withFileTypes: true }).filter(
    (d) => d.isDirectory() && !["node_modules", "coverage"].includes(d.name),
  );
  const questions = topics.flatMap((t) => readdirSync(join(CONTENT, t.name)).filter((f) => f.endsWith(".md")));
  expect(questions.length).toBeGreaterThan(0);
});
