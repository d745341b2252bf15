// Live code in Debian chromium: a question page's example edited and run again prints the new output (the same text
// @qkv/quiz's formatter prints in Node), errors name message and line, an endless loop is stopped, Reset restores
// the example; a playground link reopened shows the same code and output; the page ships the editor only on Edit;
// the learner's code reaches no server and none of the page's storage.
import { softmax, tensor } from "@qkv/core";
import { formatLog } from "@qkv/quiz";
import type { Page } from "playwright-core";
import { startCountingServer, type CountingServer } from "@qkv/testing/counting-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questions, questionUrl } from "../src/lib/content";
import { axeScript, launch, type Browser } from "./browser";
import { QUESTION_PAGE_JS_BUDGET, shippedJs } from "./shipped-js";


let browser: Browser;
let trap: CountingServer;

beforeAll(async () => {
  browser = await launch();
  trap = await startCountingServer();
});
afterAll(async () => {
  await browser?.close();
  await trap?.close();
});

/** A question whose first example uses @qkv/core and prints only text (so an unedited run prints its checked output). */
const q = questions().find((x) => x.examples.length > 0 && x.examples[0].code.includes("@qkv/core") && !/^[[{]/m.test(x.examples[0].expectedOutput))!;
const example = q.examples[0];

const NEW_CODE = `import { softmax, tensor } from "@qkv/core";
console.log("edited", softmax(tensor([[1, 2, 3], [0, 0, 1]])));`;
const newOutput = formatLog(["edited", softmax(tensor([[1, 2, 3], [0, 0, 1]]))]);

/** Replaces the text of the focused CodeMirror editor in `scope`. */
async function typeCode(page: Page, scope: string, code: string): Promise<void> {
  await page.locator(`${scope} .cm-content`).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(code);
}

/** The text of the CodeMirror editor in `scope`, line by line (innerText doubles the line break of an empty line). */
function editorText(page: Page, scope: string): Promise<string> {
  return page.locator(`${scope} .cm-line`).evaluateAll((lines) => lines.map((l) => l.textContent).join("\n"));
}

async function openExample(): Promise<{ page: Page; errors: string[]; box: string }> {
  const { page, errors } = await browser.open(questionUrl(q));
  const box = '[data-live="1"]';
  await page.locator(`${box} [data-live-run]`).waitFor();
  return { page, errors, box };
}

/** Clicks Run and waits for the result (a run first clears the previous result's state). */
async function runAndWait(page: Page, box: string): Promise<void> {
  await page.locator(`${box} [data-live-run]`).click();
  await page.locator(`${box} .qkv-live-result[data-state]`).waitFor();
}

describe("live code on a question page", () => {
  it("runs the example as it is, then edited (button and Ctrl+Enter), and Reset restores it", async () => {
    expect(q, "content has a core example printing text").toBeDefined();
    const { page, errors, box } = await openExample();
    await runAndWait(page, box);
    expect(await page.locator(`${box} [data-live-output]`).textContent()).toBe(example.expectedOutput);
    expect(await page.locator(`${box} .qkv-live-result`).getAttribute("data-state")).toBe("ok");

    await page.locator(`${box} [data-live-edit]`).click();
    await page.locator(`${box} .cm-content`).waitFor();
    expect(await page.locator(`${box} pre.qkv-example`).isHidden()).toBe(true);
    await typeCode(page, box, NEW_CODE);
    await runAndWait(page, box);
    expect(await page.locator(`${box} [data-live-output]`).textContent()).toBe(newOutput);

    // Ctrl+Enter in the editor runs it again.
    await page.locator(`${box} .cm-content`).press("Control+Enter");
    await page.locator(`${box} .qkv-live-result[aria-busy]`).waitFor({ state: "detached" });
    await page.locator(`${box} .qkv-live-result[data-state="ok"]`).waitFor();
    expect(await page.locator(`${box} [data-live-output]`).textContent()).toBe(newOutput);

    await page.locator(`${box} [data-live-reset]`).click();
    expect(await editorText(page, box)).toBe(example.code);
    expect(await page.locator(`${box} .qkv-live-result`).isHidden()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an error's message and line (marked in the editor) and stops an endless loop", async () => {
    const { page, errors, box } = await openExample();
    await page.locator(`${box} [data-live-edit]`).click();
    await typeCode(page, box, 'const rows = [[1, 2]];\nconsole.log("first", rows[0][0]);\nconsole.log(rows[1][0]);');
    await runAndWait(page, box);
    expect(await page.locator(`${box} .qkv-live-result`).getAttribute("data-state")).toBe("error");
    expect(await page.locator(`${box} [data-live-output]`).textContent()).toBe("first 1");
    expect(await page.locator(`${box} [data-live-error]`).textContent()).toMatch(/^Line 3: TypeError: Cannot read properties of undefined/);
    expect(await page.locator(`${box} [data-live-status]`).textContent()).toContain("on line 3");
    expect(await page.locator(`${box} .cm-line.qkv-cm-error-line`).innerText()).toBe("console.log(rows[1][0]);");

    await typeCode(page, box, 'console.log("looping");\nlet n = 0;\nwhile (true) n++;');
    await runAndWait(page, box);
    expect(await page.locator(`${box} .qkv-live-result`).getAttribute("data-state")).toBe("timeout");
    expect(await page.locator(`${box} [data-live-output]`).textContent()).toBe("looping");
    expect(await page.locator(`${box} [data-live-error]`).textContent()).toMatch(/^Stopped after 5 s: the time limit/);
    // The page stays usable and the next run works.
    await typeCode(page, box, 'console.log("after");');
    await runAndWait(page, box);
    expect(await page.locator(`${box} [data-live-output]`).textContent()).toBe("after");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the editor is monospace and labelled; Tab indents inside it, Escape then Tab leaves it", async () => {
    const { page, box } = await openExample();
    await page.locator(`${box} [data-live-edit]`).click();
    const content = page.locator(`${box} .cm-content`);
    await content.waitFor();
    expect(await content.getAttribute("aria-label")).toMatch(/^Example 1 code, editable/);
    expect(await content.getAttribute("role")).toBe("textbox");
    expect(await content.evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    await typeCode(page, box, "const a = 1;");
    await page.keyboard.press("Home");
    await page.keyboard.press("Tab");
    expect(await editorText(page, box)).toBe("  const a = 1;");
    expect(await page.evaluate((b) => document.activeElement?.closest(b) !== null && document.activeElement!.classList.contains("cm-content"), box)).toBe(true);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-live-run"))).toBe(true);
    expect(await editorText(page, box)).toBe("  const a = 1;");
    await page.close();
  });

  it("with the editor open and a failed run shown: no serious axe violation (light, dark), and it fits a phone", async () => {
    const { page, errors, box } = await openExample();
    await page.locator(`${box} [data-live-edit]`).click();
    // A line wider than the editor, a wide printed matrix and an error: editor and output scroll inside themselves.
    await typeCode(page, box, `import { randn, Rng } from "@qkv/core"; // ${"wide ".repeat(40)}\nconsole.log(randn([3, 40], new Rng(1)));\nnull!.x;`);
    await runAndWait(page, box);
    expect(await page.locator(`${box} .qkv-live-result`).getAttribute("data-state")).toBe("error");
    await page.evaluate(axeScript());
    for (const theme of ["light", "dark"]) {
      const violations = await page.evaluate(async (t) => {
        document.documentElement.dataset.theme = t;
        const axe = (window as unknown as { axe: { run(c: Element, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const r = await axe.run(document.querySelector("main")!, { resultTypes: ["violations"] });
        return r.violations.filter((v) => v.impact === "critical" || v.impact === "serious").map((v) => `${v.impact} ${v.id} (${v.nodes.length})`);
      }, theme);
      expect(violations, theme).toEqual([]);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    const fit = await page.evaluate((b) => {
      const out = document.querySelector<HTMLElement>(`${b} [data-live-output]`)!;
      const editor = document.querySelector<HTMLElement>(`${b} .cm-scroller`)!;
      return {
        page: document.documentElement.scrollWidth,
        width: document.documentElement.clientWidth,
        outScrolls: out.scrollWidth > out.clientWidth,
        editorScrolls: editor.scrollWidth > editor.clientWidth,
      };
    }, box);
    expect(fit.page).toBeLessThanOrEqual(fit.width);
    expect(fit.outScrolls).toBe(true);
    expect(fit.editorScrolls).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("ships the editor only on Edit: before it, the page's JavaScript stays within the budget", async () => {
    const r = await shippedJs(browser.context, browser.baseURL + questionUrl(q), async (page) => {
      await page.locator('[data-live="1"] [data-live-edit]').click();
      await page.locator('[data-live="1"] .cm-content').waitFor();
    });
    const before = r.urls.filter((u) => !u.lazy).map((u) => u.url);
    expect(before.some((u) => u.includes("/live-code."))).toBe(true);
    expect(before.filter((u) => /\/(editor|live-run|example-env)[.-]/.test(u))).toEqual([]);
    expect(r.initial).toBeLessThan(QUESTION_PAGE_JS_BUDGET);
    const editorChunk = r.urls.find((u) => u.lazy && /\/editor\./.test(u.url));
    expect(editorChunk, "the editor chunk loads on Edit").toBeDefined();
    // The editor alone is larger than what a read-only visit may ship: it must never be on the first load.
    expect(editorChunk!.bytes).toBeGreaterThan(20 * 1024);
  });

  it("edited code reaches no server and none of the page's storage", async () => {
    const { page, errors, box } = await openExample();
    await page.evaluate(async () => {
      localStorage.setItem("qkv-secret", "page-only-4417");
      await new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("qkv-secret-db", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("s").put("page-only-4417", "k");
        open.onsuccess = () => (open.result.close(), resolve());
        open.onerror = () => reject(open.error);
      });
    });
    await page.locator(`${box} [data-live-edit]`).click();
    const u = `http://127.0.0.1:${trap.port}/`;
    await typeCode(
      page,
      box,
      `const g = self as any;
const tries: Record<string, () => unknown> = {
  fetch: () => g.fetch("${u}fetch"),
  importUrl: () => import("${u}import.js").catch(() => 0),
  xhr: () => { const x = new g.XMLHttpRequest(); x.open("GET", "${u}xhr"); x.send(); },
  webSocket: () => new g.WebSocket("ws://127.0.0.1:${trap.port}/ws"),
  beacon: () => g.navigator.sendBeacon("${u}beacon", "x"),
  importScripts: () => g.importScripts("${u}s.js"),
  localStorage: () => g.localStorage.getItem("qkv-secret"),
  indexedDB: () => g.indexedDB.open("qkv-secret-db"),
  caches: () => g.caches.keys(),
  cookie: () => g.document.cookie,
  opener: () => g.parent.localStorage,
};
for (const [name, t] of Object.entries(tries)) {
  try { t(); console.log(name, "ran"); } catch (e) { console.log(name, "blocked"); }
}
const end = Date.now() + 400;
while (Date.now() < end) {}`,
    );
    trap.hits.length = 0;
    await runAndWait(page, box);
    await page.waitForTimeout(800);
    expect(trap.hits).toEqual([]);
    const out = (await page.locator(`${box} [data-live-output]`).textContent()) ?? "";
    // import(url) starts (and is refused by the page's CSP); every other way threw before anything left.
    expect(out.split("\n").filter((l) => l.endsWith(" ran"))).toEqual(["importUrl ran"]);
    expect(out).not.toContain("page-only-4417");
    expect(out.split("\n")).toHaveLength(11);
    expect(errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
    await page.close();
  });
});

describe("playground", () => {
  it("Open in playground carries an example's code over, and it prints the checked output there", async () => {
    const { page, errors, box } = await openExample();
    await page.locator(`${box} [data-live-open]`).click();
    await page.waitForURL(/\/playground\/#code=[\w-]+$/);
    await page.locator('[data-playground] .qkv-live-result[data-state="ok"]').waitFor();
    expect(await page.locator("[data-playground] [data-live-output]").textContent()).toBe(example.expectedOutput);
    expect(errors).toEqual([]);
    await page.close();
  });


  it("a copied link reopens the same code and shows the same output", async () => {
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: browser.baseURL });
    const { page, errors } = await browser.open("/playground/");
    await page.locator("[data-playground][data-ready=true]").waitFor();
    // The starter runs.
    await page.locator("[data-playground-run]").click();
    await page.locator('[data-playground] .qkv-live-result[data-state="ok"]').waitFor();
    expect(await page.locator("[data-playground] [data-live-output]").textContent()).toContain("Tensor (4, 4) float64");

    const code = `import { softmax, tensor } from "@qkv/core";\n// kept in the link: ü → ✓\nconsole.log("edited", softmax(tensor([[1, 2, 3], [0, 0, 1]])));`;
    await typeCode(page, "[data-playground]", code);
    await page.locator("[data-playground-copy]").click();
    await expect.poll(() => page.locator("[data-playground-message]").textContent()).toBe("Link copied.");
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(page.url());
    expect(new URL(link).hash).toMatch(/^#code=[\w-]+$/);
    await page.close();

    const reopened = await browser.context.newPage();
    await reopened.goto(link);
    await reopened.locator('[data-playground] .qkv-live-result[data-state="ok"]').waitFor();
    expect(await editorText(reopened, "[data-playground]")).toBe(code);
    expect(await reopened.locator("[data-playground] [data-live-output]").textContent()).toBe(
      formatLog(["edited", softmax(tensor([[1, 2, 3], [0, 0, 1]]))]),
    );
    await reopened.close();
    // A damaged link says so and opens the starter.
    const damaged = await browser.context.newPage();
    await damaged.goto(`${new URL(link).origin}/playground/#code=AAAA!`);
    await damaged.locator("[data-playground][data-ready=true]").waitFor();
    expect(await damaged.locator("[data-playground-message]").textContent()).toMatch(/could not be read/);
    expect(await editorText(damaged, "[data-playground]")).toContain("scaledDotProductAttention");
    await damaged.close();
    expect(errors).toEqual([]);
  });
});
