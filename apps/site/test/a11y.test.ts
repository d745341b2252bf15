// axe-core (injected from npm's axe-core, run in Debian chromium) on one page of every type, light and dark: no
// critical or serious violation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questions } from "../src/lib/content";
import { axeScript, launch, type Browser } from "./browser";


let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** One page per page type: a question with each exercise kind, and every demo (each has its own controls). */
function pageTypes(): string[] {
  const byKind = new Map<string, string>();
  for (const q of questions()) {
    const kinds = q.exercises.length === 0 ? ["recall"] : q.exercises.map((e) => e.kind);
    for (const k of kinds) if (!byKind.has(k)) byKind.set(k, `/topics/${q.topic}/${q.id}/`);
  }
  const q = questions()[0];
  return [
    "/",
    `/topics/${q.topic}/`,
    ...new Set(byKind.values()),
    "/core/",
    "/core/attention/",
    "/core/lr-schedule/",
    "/proof/",
    "/demos/attention/",
    "/demos/positional-encoding/",
    "/demos/normalization/",
    "/demos/sampling/",
    "/demos/moe/",
    "/demos/trained-model/",
    "/demos/model-walk/",
    "/experiments/",
    "/experiments/kv-cache/",
    "/review/",
    "/playground/",
    "/about/",
  ];
}

describe("accessibility (axe-core)", () => {
  for (const scheme of ["light", "dark"] as const) {
    it(`no critical or serious violation on any page type (${scheme})`, async () => {
      const problems: string[] = [];
      for (const path of pageTypes()) {
        const { page, errors } = await browser.open(path);
        problems.push(...errors);
        await page.evaluate((theme) => {
          document.documentElement.dataset.theme = theme;
        }, scheme);
        await page.evaluate(axeScript());
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
          const r = await axe.run(document, { resultTypes: ["violations"] });
          return r.violations
            .filter((v) => v.impact === "critical" || v.impact === "serious")
            .map((v) => `${v.impact} ${v.id}: ${v.nodes.length} × (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")})`);
        });
        for (const v of violations) problems.push(`${path} [${scheme}] ${v}`);
        await page.close();
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }
});
