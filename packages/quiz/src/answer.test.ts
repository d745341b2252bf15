import { describe, expect, test } from "vitest";
import { parseAnswer } from "./answer.js";

const ok = (input: string) => {
  const r = parseAnswer(input);
  if (!r.ok) throw new Error(`expected "${input}" to parse, got: ${r.reason}`);
  return r.value;
};
const reason = (input: string) => {
  const r = parseAnswer(input);
  if (r.ok) throw new Error(`expected "${input}" to be rejected, got ${JSON.stringify(r.value)}`);
  return r.reason;
};

describe("parseAnswer", () => {
  test("numbers", () => {
    expect(ok("0.25")).toBe(0.25);
    expect(ok(" -2 ")).toBe(-2);
    expect(ok("1e-3")).toBe(0.001);
    expect(ok("−0.5")).toBe(-0.5); // Unicode minus as pasted from rendered math
  });

  test("vectors and matrices", () => {
    expect(ok("[1, 2]")).toEqual([1, 2]);
    expect(ok("[[1,2],[3,4]]")).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(ok("[1, 2] / 4")).toEqual([0.25, 0.5]);
    expect(ok("[exp(1), 1] / (1 + e)")).toEqual([Math.E / (1 + Math.E), 1 / (1 + Math.E)]);
  });

  test("expressions", () => {
    expect(ok("e^2/(1+e^2)")).toBeCloseTo(Math.exp(2) / (1 + Math.exp(2)), 15);
    expect(ok("sqrt(2)/2")).toBeCloseTo(Math.SQRT1_2, 15);
    expect(ok("1/√8")).toBeCloseTo(1 / Math.sqrt(8), 15);
    expect(ok("ln(2)")).toBeCloseTo(Math.LN2, 15);
    expect(ok("2pi")).toBeCloseTo(2 * Math.PI, 15);
    expect(ok("log(e^3)")).toBeCloseTo(3, 15);
  });

  test("rejections say why", () => {
    expect(reason("")).toBe("the answer is empty");
    expect(reason("[1, 2")).toMatch(/^could not read "\[1, 2": /);
    expect(reason("[[1,2],[3]]")).toBe("matrix rows have different lengths: row 0 has 2, row 1 has 1");
    expect(reason("1/0")).toBe("the value is Infinity — not a finite number");
    expect(reason("sqrt(-1)")).toMatch(/not a finite number|not a number/);
    expect(reason("x + 1")).toBe('unknown name "x" (known constants: pi, e, tau)');
    expect(reason("foo(2)")).toMatch(/^unknown function "foo"/);
    expect(reason('"text"')).toBe('only numbers are allowed, not "text"');
    expect(reason("2 cm")).toMatch(/unknown name "cm"/);
    expect(reason("[[[1]]]")).toBe("only numbers, vectors and matrices (up to 2 dimensions) are accepted");
    expect(reason("1:3")).toMatch(/not allowed/);
    expect(reason("3!")).toMatch(/operator "!" is not allowed/);
    expect(reason("-".repeat(19_000) + "1")).toMatch(/nested too deeply|could not read/);
    expect(reason("(".repeat(15_000) + "1" + ")".repeat(4_000))).toMatch(/too long|nested too deeply|could not read/);
  });

  test("mathjs cannot reach import, createUnit, evaluate, assignments or definitions", () => {
    expect(reason("import({x: 1}, {override: true})")).toMatch(/^unknown function "import"/);
    expect(reason('createUnit("foo")')).toMatch(/^unknown function "createUnit"/);
    expect(reason('evaluate("1+1")')).toMatch(/^unknown function "evaluate"/);
    expect(reason("a = 2")).toBe("assignments and function definitions are not allowed: type a value or an expression");
    expect(reason("f(x) = x^2")).toBe(
      "assignments and function definitions are not allowed: type a value or an expression",
    );
    expect(reason("sqrt.constructor")).toMatch(/property access/);
    expect(reason("[1][1]")).toMatch(/indexing/);
    expect(reason("1; 2")).toMatch(/only one expression/);
    expect(reason("{a: 1}")).toMatch(/not allowed/);
  });
});

describe("evaluation", () => {
  test("products follow linear algebra; undefined operations are refused", () => {
    expect(ok("[1, 2] * [3, 4]")).toBe(11);
    expect(ok("[[1, 2], [3, 4]] * [1, 1]")).toEqual([3, 7]);
    expect(ok("[[1, 2], [3, 4]] * [[0, 1], [1, 0]]")).toEqual([
      [2, 1],
      [4, 3],
    ]);
    expect(ok("[1, 2] .* [3, 4]")).toEqual([3, 8]);
    expect(ok("log(8, 2)")).toBeCloseTo(3, 15);
    expect(ok("max([1, 5], 3)")).toBe(5);
    expect(reason("[1, 2] / [1, 2]")).toMatch(/dividing by a vector or matrix is not defined/);
    expect(reason("[1, 2] + [1, 2, 3]")).toMatch(/sizes differ \(2 vs 3\)/);
  });
});

test("the browser (ESM, tree-shaken) and Node (single-file) mathjs builds parse identically", async () => {
  const esm = await import("./mathjs-parse.esm.js");
  const umd = await import("./mathjs-parse.umd.js");
  for (const s of [
    "e^2/(1+e^2)",
    "[[1,2],[3,4]] * [1, -1]",
    "sqrt(2)/2 + 2pi",
    "f(x) = x",
    "a.b[1]",
    "3!",
    "1:3",
    "{a: 1}",
  ]) {
    expect(esm.parseExpression(s).toString()).toBe(umd.parseExpression(s).toString());
    expect(esm.parseExpression(s).type).toBe(umd.parseExpression(s).type);
  }
});
