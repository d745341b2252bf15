import { describe, expect, it } from "vitest";
import { lossCurveSvg, ticks } from "./loss-curve.js";

describe("ticks", () => {
  it("gives round values covering the range", () => {
    expect(ticks(0, 250, 8)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(ticks(1.5, 4.5, 6)).toEqual([1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
  });
});

describe("lossCurveSvg", () => {
  const train = Array.from({ length: 50 }, (_, i) => ({ step: i, loss: 4 - i / 20 }));
  const svg = lossCurveSvg({ title: "a <b> & c", train, validation: [{ step: 0, loss: 4.1 }, { step: 49, loss: 1.7 }] });

  it("is one standalone SVG with both series, escaped text and no script", () => {
    expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("a &lt;b&gt; &amp; c");
    expect(svg).not.toMatch(/<script|on\w+=/i);
    expect(svg.match(/<circle /g)).toHaveLength(2);
  });

  it("maps the last step to the right edge and the lowest loss towards the bottom", () => {
    const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(circles[1][0]).toBe(720 - 20);
    expect(circles[1][1]).toBeGreaterThan(circles[0][1]); // lower loss → larger y (further down)
  });

  it("refuses an empty curve", () => {
    expect(() => lossCurveSvg({ title: "", train: [], validation: [] })).toThrow(/no points/);
  });
});
