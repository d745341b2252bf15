// Experiment pages in a real browser with JavaScript off (the plots are static SVG): at least 14 pages, each with a
// plot whose axes are labelled, each linked from at least one question page, whose "verified" panel shows the plot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, type Browser } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch({ javaScript: false });
});
afterAll(async () => {
  await browser?.close();
});

async function linksOn(path: string, selector = "main a[href]"): Promise<string[]> {
  const { page, errors } = await browser.open(path);
  expect(errors).toEqual([]);
  const links = await page.$$eval(selector, (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  await page.close();
  return links;
}

describe("experiments", () => {
  it("≥ 14 experiment pages, each with an SVG plot (labelled axes), verdict, checks and data; each linked from a question page", async () => {
    const experimentPages = [...new Set((await linksOn("/experiments/")).filter((p) => /^\/experiments\/[a-z0-9-]+\/$/.test(p)))];
    expect(experimentPages.length).toBeGreaterThanOrEqual(14);

    const askers = new Map<string, string[]>(); // experiment page → question pages linking it
    for (const path of experimentPages) {
      const { page, errors } = await browser.open(path);
      expect(errors).toEqual([]);
      const info = await page.evaluate(() => {
        const svg = document.querySelector("main figure svg.qkv-plot");
        return {
          marks: svg ? svg.querySelectorAll("path, circle, rect").length : 0,
          axisLabels: svg ? [...svg.querySelectorAll('[data-label$="axis label"] text')].map((t) => t.textContent ?? "") : [],
          verdict: document.querySelector(".qkv-claim .qkv-verdict")?.textContent,
          checks: document.querySelectorAll("table.qkv-checks tbody tr").length,
          dataRows: document.querySelectorAll("table.qkv-data tbody tr").length,
          questions: [...document.querySelectorAll("#questions + ul a")].map((a) => new URL((a as HTMLAnchorElement).href).pathname),
        };
      });
      expect(info.marks, `${path}: plot`).toBeGreaterThan(3);
      expect(info.axisLabels.length, `${path}: axis labels`).toBe(2);
      for (const label of info.axisLabels) expect(label.replace(/[↑→←↓\s]/g, "").length, `${path}: axis label`).toBeGreaterThan(0);
      expect(info.verdict).toBe("PASS");
      expect(info.checks).toBeGreaterThan(0);
      expect(info.dataRows).toBeGreaterThan(0);
      expect(info.questions.length, `${path}: questions`).toBeGreaterThan(0);
      askers.set(path, info.questions);
      await page.close();
    }

    // The other direction, from the question pages themselves: each links back through its "verified" panel.
    for (const [experiment, questions] of askers) {
      let linked = false;
      for (const q of questions) {
        const { page, errors } = await browser.open(q);
        expect(errors).toEqual([]);
        const panel = await page.evaluate((target) => {
          const a = [...document.querySelectorAll(".qkv-verified a")].find((x) => new URL((x as HTMLAnchorElement).href).pathname === target);
          const aside = a?.closest(".qkv-verified");
          return { linked: Boolean(a), plot: Boolean(aside?.querySelector("svg.qkv-plot")) };
        }, experiment);
        await page.close();
        if (panel.linked) {
          expect(panel.plot, `${q}: panel plot`).toBe(true);
          linked = true;
          break;
        }
      }
      expect(linked, `${experiment} is linked from a question page`).toBe(true);
    }
  });
});
