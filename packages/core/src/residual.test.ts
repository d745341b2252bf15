import { describe, expect, it } from "vitest";
import { ArgumentError } from "./errors.js";
import { layerNorm } from "./layer-norm.js";
import { add, scale } from "./ops.js";
import { Rng, randn } from "./random.js";
import { residual } from "./residual.js";
import type { Tensor } from "./tensor.js";

describe("residual", () => {
  const x = randn([3, 4], new Rng(2));
  const f = (t: Tensor): Tensor => scale(t, 2);
  const norm = (t: Tensor): Tensor => layerNorm(t);
  const post = (t: Tensor): Tensor => scale(t, -1);

  it("post = norm(x + f(x)), pre = x + f(norm(x)), sandwich = x + post(f(norm(x)))", () => {
    expect(residual(x, f, norm, "post").toArray()).toEqual(norm(add(x, f(x))).toArray());
    expect(residual(x, f, norm, "pre").toArray()).toEqual(add(x, f(norm(x))).toArray());
    expect(residual(x, f, norm, "sandwich", post).toArray()).toEqual(add(x, post(f(norm(x)))).toArray());
  });

  it("requires postNorm exactly for sandwich", () => {
    expect(() => residual(x, f, norm, "sandwich")).toThrow(ArgumentError);
    expect(() => residual(x, f, norm, "pre", post)).toThrow(/only used with placement "sandwich"/);
    expect(() => residual(x, f, norm, "middle" as never)).toThrow(/placement/);
  });
});
