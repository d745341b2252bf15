// Site benchmark: build time, JavaScript shipped per page type (gzip, measured from what the browser loads), and
// demo recompute times measured in the browser. Prints numbers; asserts nothing (speed is never a test).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { distDir, ensureBuilt } from "../test/build.ts";
import { chromiumLaunchOptions } from "@qkv/testing/chromium";
import { serveStatic } from "../test/static-server.ts";
import { QUESTION_PAGE_JS_BUDGET, shippedJs } from "../test/shipped-js.ts";

const buildMs = ensureBuilt(process.argv.includes("--no-build") ? false : true);
const { url, server } = await serveStatic(distDir);
const profile = mkdtempSync(join(tmpdir(), "qkv-site-bench-"));
const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions);

/** Gzip bytes of the JavaScript `path` loads until idle (plus during `action`, reported apart). */
const shipped = (path: string, action?: (page: Page) => Promise<void>) => shippedJs(context, url + path, action);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
/** The first built question page with a numeric exercise (and no demo: question pages never embed one). */
function numericQuestionPage(): { topic: string; path: string } {
  for (const topic of readdirSync(join(distDir, "topics"))) {
    const dir = join(distDir, "topics", topic);
    for (const id of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
      if (readFileSync(join(dir, id, "index.html"), "utf8").includes('data-kind="numeric"')) return { topic, path: `/topics/${topic}/${id}/` };
    }
  }
  throw new Error("no built question page has a numeric exercise");
}
const plain = numericQuestionPage();
const answerOnce = async (page: Page) => {
  const article = page.locator('article[data-kind="numeric"]').first();
  await article.locator("input[name=answer]").fill("0");
  await article.locator("button[type=submit]").click();
  await article.locator("[data-verdict]:not([hidden])").waitFor();
};
const pages: [string, string, ((p: Page) => Promise<void>)?][] = [
  ["home", "/"],
  ["topic", `/topics/${plain.topic}/`],
  ["question (no demo)", plain.path, answerOnce],
  ["core component", "/core/softmax/"],
  ["demo: attention", "/demos/attention/"],
  ["demo: positional encoding", "/demos/positional-encoding/"],
  ["demo: normalisation", "/demos/normalization/"],
  ["demo: sampling", "/demos/sampling/"],
  ["demo: mixture of experts", "/demos/moe/"],
];

console.log(`build: ${buildMs === null ? "dist was fresh (run without --no-build to time it)" : `${(buildMs / 1000).toFixed(1)} s`}`);
console.log("\nJavaScript shipped (gzip), as loaded by chromium:");
const results: Record<string, { initial: number; lazy: number }> = {};
for (const [name, path, action] of pages) {
  const r = await shipped(path, action);
  results[name] = r;
  console.log(`  ${name.padEnd(28)} ${kb(r.initial).padStart(9)} in ${r.files} files${action ? `  (+${kb(r.lazy)} loaded on first answer: grader, exercise module)` : ""}`);
}
const q = results["question (no demo)"].initial;
console.log(`\nquestion page without a demo ships ${kb(q)} of JS gzip on load: ${q < QUESTION_PAGE_JS_BUDGET ? "under" : "OVER"} the ${kb(QUESTION_PAGE_JS_BUDGET)} budget`);

/** Median recompute time (ms, in the page) of a demo over `n` input changes. */
async function recompute(
  path: string,
  demo: string,
  inputs: { name: string; values: string[] },
  setup: Record<string, string> = {},
  prepare?: (page: Page) => Promise<void>,
): Promise<{ total: number[]; compute: number[] }> {
  const page = await context.newPage();
  await page.goto(url + path, { waitUntil: "networkidle" });
  await prepare?.(page);
  const root = `[data-demo="${demo}"]`;
  await page.waitForSelector(`${root}[data-ready="true"]`);
  for (const [name, value] of Object.entries(setup)) await page.selectOption(`${root} [name="${name}"]`, value);
  const times: number[] = [];
  const computeTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const v = inputs.values[i % inputs.values.length];
    const t = await page.evaluate(
      ([r, name, value]) => {
        const el = document.querySelector(`${r} [name="${name}"]`) as HTMLInputElement | HTMLSelectElement;
        el.value = value;
        el.dispatchEvent(new Event("input", { bubbles: true }));
        const root = document.querySelector(r)!;
        return [Number(root.getAttribute("data-recompute-ms")), Number(root.getAttribute("data-compute-ms"))];
      },
      [root, inputs.name, v] as const,
    );
    times.push(t[0]);
    computeTimes.push(t[1]);
  }
  await page.close();
  return { total: times.sort((a, b) => a - b), compute: computeTimes.sort((a, b) => a - b) };
}
const sixteen = Array.from({ length: 16 }, (_, i) => `tok${i % 7}`).join(" ");
const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
console.log("\nDemo recompute time in the browser, ms over 30 input changes: total median / max (math + slot content median)");
const demos: [string, string, string, { name: string; values: string[] }][] = [
  ["attention (16 tokens, d_k 16)", "/demos/attention/", "attention", { name: "tokens", values: [sixteen, sixteen.replace("tok0", "tokX")] }],
  ["positional encoding (64×64)", "/demos/positional-encoding/", "positional-encoding", { name: "T", values: ["64", "63"] }],
  ["normalisation", "/demos/normalization/", "normalization", { name: "gamma", values: ["1.5", "2"] }],
  ["sampling", "/demos/sampling/", "sampling", { name: "temperature", values: ["0.5", "1.5"] }],
  ["mixture of experts (16 tokens)", "/demos/moe/", "moe", { name: "tokens", values: [sixteen, sixteen.replace("tok0", "tokX")] }],
];
const report = (label: string, t: { total: number[]; compute: number[] }) =>
  console.log(`  ${label.padEnd(32)} ${median(t.total).toFixed(2).padStart(7)} / ${t.total[t.total.length - 1].toFixed(2).padStart(6)}  (${median(t.compute).toFixed(2)})`);
for (const [label, path, demo, inputs] of demos) {
  report(label, await recompute(path, demo, inputs, demo === "attention" ? { dk: "16" } : demo === "positional-encoding" ? { dModel: "64" } : {}));
}
// The attention page's trained-model section: a forward pass of the trained model per change (64 characters).
const prompt64 = "Attention weights say how much of each value a query mixes in. ".slice(0, 64);
const loadTrained = async (page: Page) => {
  const section = '[data-demo="attention-trained"]';
  await page.click(`${section} button[data-load]`);
  await page.waitForSelector(`${section}[data-model="loaded"][data-ready="true"]`);
  await page.fill(`${section} [name="prompt"]`, prompt64);
};
// Peer in the same run for the positional-encoding heatmap: the whole recompute (math, patched heatmap, charts)
// against only re-parsing the heatmap's HTML (the path before in-place patching), each followed by a forced layout
// (what the frame pays; a re-parsed 64 × 64 table is styled and laid out anew). Alternating, so both see the same load.
{
  const page = await context.newPage();
  await page.goto(url + "/demos/positional-encoding/", { waitUntil: "networkidle" });
  const root = '[data-demo="positional-encoding"]';
  await page.waitForSelector(`${root}[data-ready="true"]`);
  await page.selectOption(`${root} [name="dModel"]`, "64");
  const pairs = await page.evaluate((r) => {
    const input = document.querySelector(`${r} [name="T"]`) as HTMLInputElement;
    const slot = document.querySelector(`${r} [data-slot="heatmap"]`)!;
    const out: [number, number][] = [];
    for (let i = 0; i < 30; i++) {
      let t0 = performance.now();
      input.value = i % 2 ? "63" : "64";
      input.dispatchEvent(new Event("input", { bubbles: true }));
      void document.body.offsetHeight;
      const patched = performance.now() - t0;
      const html = slot.innerHTML;
      t0 = performance.now();
      slot.innerHTML = html;
      void document.body.offsetHeight;
      out.push([patched, performance.now() - t0]);
    }
    return out;
  }, root);
  await page.close();
  const patched = pairs.map((p) => p[0]).sort((a, b) => a - b);
  const reparse = pairs.map((p) => p[1]).sort((a, b) => a - b);
  console.log(
    `  positional encoding 64×64, same run, incl. layout: whole recompute (patched) ${median(patched).toFixed(2)} ms vs ` +
      `re-parsing the heatmap alone ${median(reparse).toFixed(2)} ms (median; ${(median(reparse) / median(patched)).toFixed(1)}×)`,
  );
}
report("attention: trained model (64 chars)", await recompute("/demos/attention/", "attention-trained", { name: "head", values: ["0", "1", "2", "3"] }, {}, loadTrained));

/** The first built question page with an executable example that imports @qkv/core. */
function examplePage(): string {
  for (const topic of readdirSync(join(distDir, "topics"))) {
    const dir = join(distDir, "topics", topic);
    for (const id of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
      const html = readFileSync(join(dir, id, "index.html"), "utf8");
      if (/<pre class="qkv-example"[^>]*><code[^>]*>[^<]*@qkv\/core/.test(html)) return `/topics/${topic}/${id}/`;
    }
  }
  throw new Error("no built question page has an example importing @qkv/core");
}
const live = examplePage();
const box = '[data-live="1"]';
console.log(`\nLive code (${live}):`);
const onEdit = await shipped(live, async (page) => {
  await page.locator(`${box} [data-live-edit]`).click();
  await page.locator(`${box} .cm-content`).waitFor();
});
const editorChunk = onEdit.urls.filter((u) => u.lazy && /\/editor\./.test(u.url)).reduce((a, u) => a + u.bytes, 0);
console.log(`  question page before Edit       ${kb(onEdit.initial).padStart(9)} in ${onEdit.files} files (${onEdit.initial < QUESTION_PAGE_JS_BUDGET ? "under" : "OVER"} the ${kb(QUESTION_PAGE_JS_BUDGET)} budget)`);
console.log(`  editor chunk (CodeMirror), on Edit ${kb(editorChunk).padStart(6)}  (everything loaded on Edit: ${kb(onEdit.lazy)})`);
const onRun = await shipped(live, async (page) => {
  await page.locator(`${box} [data-live-run]`).click();
  await page.locator(`${box} .qkv-live-result[data-state]`).waitFor();
});
console.log(`  runner (sucrase + @qkv/quiz/live), on first Run ${kb(onRun.lazy)}`);
const envFile = readdirSync(join(distDir, "_astro")).find((f) => /^example-env[-.].*\.js$/.test(f));
if (!envFile) throw new Error("no example-env bundle in dist/_astro");
const envBytes = readFileSync(join(distDir, "_astro", envFile));
console.log(`  worker bundle (@qkv/core + formatter, ${envFile}) ${kb(gzipSync(envBytes).length)} gzip, ${kb(envBytes.length)} raw`);

/** Milliseconds from clicking Run to the printed output on screen, measured in the page. */
async function runToOutput(page: Page): Promise<number> {
  return page.evaluate(
    (b) =>
      new Promise<number>((resolve) => {
        const result = document.querySelector(`${b} .qkv-live-result`)!;
        const t0 = performance.now();
        const seen = new MutationObserver(() => {
          if (result.hasAttribute("data-state")) {
            seen.disconnect();
            resolve(performance.now() - t0);
          }
        });
        seen.observe(result, { attributes: true });
        document.querySelector<HTMLButtonElement>(`${b} [data-live-run]`)!.click();
      }),
    box,
  );
}
{
  const page = await context.newPage();
  await page.goto(url + live, { waitUntil: "networkidle" });
  const first = await runToOutput(page);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) times.push(await runToOutput(page));
  times.sort((a, b) => a - b);
  console.log(
    `  Run to output: first ${first.toFixed(0)} ms (loads the runner and the worker bundle), then median ${median(times).toFixed(1)} ms / max ${times[times.length - 1].toFixed(1)} ms over 20 runs (fresh worker each)`,
  );
  await page.close();
}

await context.close();
rmSync(profile, { recursive: true, force: true });
server.close();
