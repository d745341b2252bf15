import { describe, expect, it } from "vitest";
import { wrapText } from "./wrap.js";

describe("wrapText", () => {
  it("breaks at spaces, never inside a word that fits on a line", () => {
    const text = "Why does multi-head attention split d_model into h heads of size d_model/h instead of using one big head?";
    for (const width of [20, 37, 40, 57, 80]) {
      const lines = wrapText(text, width).split("\n");
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(width);
      expect(lines.join(" ")).toBe(text);
    }
  });
  it("keeps line breaks and indentation; cuts only words longer than the line", () => {
    expect(wrapText("a b\n  c d e f g h", 10)).toBe("a b\n  c d e f\n  g h");
    expect(wrapText("x " + "y".repeat(25), 10).split("\n")).toEqual(["x", "yyyyyyyyyy", "yyyyyyyyyy", "yyyyy"]);
  });
});
