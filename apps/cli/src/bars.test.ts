import { describe, expect, it } from "vitest";
import { bar, barTable, sessionBar } from "./bars.js";

describe("bar", () => {
  it("fills proportionally and always has the requested width", () => {
    expect(bar(0, 10)).toBe("░".repeat(10));
    expect(bar(1, 10)).toBe("█".repeat(10));
    expect(bar(0.5, 10)).toBe("█████" + "░".repeat(5));
    for (const f of [0, 0.01, 0.13, 0.5, 0.77, 0.999, 1]) expect([...bar(f, 7)]).toHaveLength(7);
  });
  it("uses eighth blocks for partial cells", () => {
    expect(bar(0.25, 2)).toBe("▌░"); // a quarter of 2 cells = half a cell
    expect(bar(0.0625, 2)).toBe("▏░"); // one eighth of a cell
  });
  it("clamps out-of-range fractions and rejects bad arguments", () => {
    expect(bar(-1, 4)).toBe("░░░░");
    expect(bar(3, 4)).toBe("████");
    expect(() => bar(NaN, 4)).toThrow(/fraction/);
    expect(() => bar(0.5, 0)).toThrow(/width/);
  });
});

describe("barTable", () => {
  it("aligns labels and bars", () => {
    const lines = barTable(
      [
        { label: "attention", fraction: 1, note: "4/4" },
        { label: "tokens", fraction: 0, note: "0/12" },
      ],
      60,
    );
    expect(lines).toHaveLength(2);
    expect(lines[0].indexOf("█")).toBe(lines[1].indexOf("░"));
    expect(lines[1].startsWith("tokens   ")).toBe(true);
    expect(lines[0].endsWith("4/4")).toBe(true);
  });
  it("takes two lines per row when one does not fit, and never exceeds the width", () => {
    const rows = [
      { label: "multi-head-attention", fraction: 0.5, note: " 50%  3/10 seen  2 due" },
      { label: "tokens", fraction: 1, note: "100%  4/4 seen  0 due" },
    ];
    const lines = barTable(rows, 40);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe("multi-head-attention");
    expect(lines[1]).toMatch(/^ {2}█+[▏▎▍▌▋▊▉]?░+ {3}50%  3\/10 seen  2 due$/);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(40);
    expect(barTable(rows, 120)).toHaveLength(2);
  });
  it("returns nothing for no rows", () => {
    expect(barTable([])).toEqual([]);
  });
});

describe("sessionBar", () => {
  it("shows the count and the fraction done", () => {
    expect(sessionBar(1, 4, 8)).toBe("[1/4] ██░░░░░░");
    expect(sessionBar(0, 0, 4)).toBe("[0/0] ████");
  });
});
