// Benchmarks of the Node paths front ends wait on: importing the package, loading content/, grading.
// Run with `pnpm bench` (or `npx tsx bench/content.ts`); timings are printed, never asserted.
import { fileURLToPath } from "node:url";

const CONTENT = fileURLToPath(new URL("../../../content", import.meta.url));

async function time<T>(label: string, f: () => Promise<T> | T, repeat = 1): Promise<T> {
  const start = performance.now();
  let result!: T;
  for (let i = 0; i < repeat; i++) result = await f();
  const ms = (performance.now() - start) / repeat;
  console.log(
    `${label.padEnd(48)} ${ms.toFixed(ms < 10 ? 3 : 0).padStart(8)} ms${repeat > 1 ? ` (mean of ${repeat})` : ""}`,
  );
  return result;
}

const quiz = await time("import @qkv/quiz", () => import("@qkv/quiz"));
const node = await time("import @qkv/quiz/node", () => import("@qkv/quiz/node"));
const loaded = await time("loadContentDir(content/)", () => node.loadContentDir(CONTENT));
console.log(
  `  ${loaded.questions.length} questions, ${loaded.questions.reduce((n, q) => n + q.exercises.length, 0)} exercises, ${loaded.problems.length} problems`,
);
await time("loadContentDir(content/) again", () => node.loadContentDir(CONTENT));
await time("parseAnswer('e^2/(1+e^2)')", () => quiz.parseAnswer("e^2/(1+e^2)"), 2000);
await time("renderMarkdown(all answers)", () =>
  loaded.questions.map((q) => quiz.renderMarkdown(q.answer, { file: q.path })),
);
await time("renderPlainText(all answers)", () => loaded.questions.map((q) => quiz.renderPlainText(q.answer)));
const code = loaded.questions.flatMap((q) => q.exercises).find((e) => e.kind === "code");
if (code && code.kind === "code") {
  const runner = node.createNodeRunner();
  await time(
    `checkCode(${code.id}, solution) in the Node sandbox`,
    () => quiz.checkCode(code, code.solution, runner, { seed: 1 }),
    10,
  );
  // The peer: one sandbox process serving many runs, as qkv check does for the repository's own solutions.
  const shared = node.createNodeRunner({ jobsPerProcess: 100 });
  await time(
    `  same, one process serving many runs`,
    () => quiz.checkCode(code, code.solution, shared, { seed: 1 }),
    10,
  );
  runner.close();
  shared.close();
}
const example = loaded.questions.flatMap((q) => q.examples)[0];
if (example) await time("runExample(first content example)", () => node.runExample(example.code), 10);
let progress = quiz.emptyProgress();
const ids = quiz.allCards(loaded.questions).map((c) => c.id);
const t0 = Date.parse("2026-01-01T00:00:00Z");
for (let i = 0; i < 5000; i++)
  progress = quiz.recordReview(progress, ids[i % ids.length], "good", new Date(t0 + i * 600_000));
await time(
  "dueCards over 5000 reviews (fresh progress object)",
  () => quiz.dueCards({ ...progress }, ids, new Date(t0 + 60 * 86_400_000)),
  5,
);
await time("checkContent(content/)", () => node.checkContent(CONTENT));
