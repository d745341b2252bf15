import { describe, expect, it } from "vitest";
import { clock, progressLine } from "./progress.js";

describe("progressLine", () => {
  it("shows step, bar, loss, tokens/s and an ETA from the mean step time", () => {
    const line = progressLine({ step: 50, total: 200, loss: 2.31456, tokensPerSecond: 812.4, elapsed: 60 }, 120);
    expect(line).toMatch(/^step  50\/200 [█▏▎▍▌▋▊▉░]+  25%  loss 2\.315  812 tok\/s  1:00 elapsed, ETA 3:00$/);
  });
  it("fits the terminal width", () => {
    expect(progressLine({ step: 1, total: 10, loss: 1, tokensPerSecond: 1, elapsed: 1 }, 40)).toHaveLength(40);
  });
  it("formats clocks", () => {
    expect([clock(5), clock(65), clock(3725)]).toEqual(["0:05", "1:05", "1:02:05"]);
  });
});
