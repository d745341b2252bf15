import { format } from "node:util";
import { Rng, randn, tensor } from "@qkv/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGrid, formatLog, formatLogValue, gridNumberFormat } from "./format-log.js";

/** The printed grid read back as numbers (it is a JavaScript array literal). */
function readGrid(text: string): unknown {
  return JSON.parse(text.replace(/-Infinity/g, '"-Infinity"').replace(/(?<!-)Infinity/g, '"Infinity"').replace(/NaN/g, '"NaN"'), (_k, x) =>
    typeof x === "string" ? Number(x) : x,
  );
}

describe("formatLog", () => {
  it("prints strings, numbers, booleans, null, undefined and bigints as Node's console.log does", () => {
    const primitive = fc.oneof(
      fc.string().filter((s) => !s.includes("%")),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.bigInt(),
    );
    fc.assert(
      fc.property(fc.array(primitive, { minLength: 1, maxLength: 5 }), (args) => {
        expect(formatLog(args)).toBe(format(...args));
      }),
    );
  });

  it("fills printf directives (%s %d %i %f %j %o %O %c %%) in a first string as Node's console.log does", () => {
    const text = (letters: string[]) => fc.array(fc.constantFrom(...letters), { maxLength: 12 }).map((xs) => xs.join(""));
    // (Strings from an alphabet with quotes and a line break: Node's escapes of other control characters are not copied.)
    const str = fc.string({ unit: fc.constantFrom("a", " ", "%", "s", "'", '"', "`", "\n", "\\"), maxLength: 5 });
    const base = [str, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)];
    const pieces = ["%", "s", "d", "i", "f", "c", "o", "O", "x", " ", "%%", "1"];
    fc.assert(
      fc.property(text([...pieces, "j"]), fc.array(fc.oneof(...base), { maxLength: 4 }), (f, rest) => {
        expect(formatLog([f, ...rest])).toBe(format(f, ...rest));
      }),
    );
    // (%j of a bigint throws in Node: bigints go with the other directives.)
    fc.assert(
      fc.property(text(pieces), fc.array(fc.oneof(...base, fc.bigInt()), { maxLength: 4 }), (f, rest) => {
        expect(formatLog([f, ...rest])).toBe(format(f, ...rest));
      }),
    );
    expect(formatLog(["%s has %d rows, %i%%", "W", 3.5, "7.9 x", "extra"])).toBe("W has 3.5 rows, 7% extra");
  });

  it("prints a matrix as aligned rows that read back within the shown precision", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.double({ min: -1e5, max: 1e5, noNaN: true }), { minLength: 36, maxLength: 36 }),
        (rows, cols, pool) => {
          const m = Array.from({ length: rows }, (_, i) => pool.slice(i * cols, (i + 1) * cols));
          const text = formatLogValue(m);
          const lines = text.split("\n");
          expect(lines).toHaveLength(rows);
          // Every row is as long as the first (cells right-aligned to one width, so columns line up).
          expect(new Set(lines.map((l) => l.slice(2).replace(/[\],]+$/, "").length)).size).toBe(1);
          const back = readGrid(text) as number[][];
          const hi = Math.max(...pool.slice(0, rows * cols).map(Math.abs));
          // Fixed decimals give the largest value 4 significant digits: every value is within half a unit of the
          // last shown place; exponent form keeps 4 significant digits of each value.
          for (let i = 0; i < rows; i++)
            for (let j = 0; j < cols; j++) {
              const err = Math.abs(back[i][j] - m[i][j]);
              expect(err).toBeLessThanOrEqual(Math.max(hi, Math.abs(m[i][j])) * 5e-4 + 1e-300);
            }
        },
      ),
    );
  });

  it("labels a core Tensor with its shape and dtype and prints its values", () => {
    const t = tensor([[0.5, -Infinity], [0.25, 1]]);
    // The largest magnitude (1) gets 4 significant digits; every cell is as wide as the widest, -Infinity.
    expect(formatLog([t])).toBe("Tensor (2, 2) float64\n[[     0.500, -Infinity ],\n [     0.250,     1.000 ]]");
    expect(formatLog(["x:", tensor([1, 2, 3])])).toBe("x: Tensor (3,) float64\n[ 1, 2, 3 ]");
  });

  it("separates the blocks of a rank-3 value by a blank line", () => {
    expect(formatLogValue([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])).toBe(
      "[[[ 1, 2 ],\n  [ 3, 4 ]],\n\n [[ 5, 6 ],\n  [ 7, 8 ]]]",
    );
  });

  it("prints typed arrays with their type and length", () => {
    expect(formatLogValue(new Float64Array([0.125, 2]))).toBe("Float64Array(2) [ 0.125, 2.000 ]");
    expect(formatLogValue(new Float32Array(0))).toBe("Float32Array(0) []");
  });

  it("summarizes a large tensor with its first and last rows and columns", () => {
    const t = randn([30, 40], new Rng(0));
    const text = formatLogValue(t);
    const lines = text.split("\n");
    expect(lines[0]).toBe("Tensor (30, 40) float64");
    expect(lines).toHaveLength(1 + 4 + 1 + 4);
    expect(lines[5].trim()).toBe("…,");
    const f = gridNumberFormat(Array.from(t.data));
    // The corners are the tensor's corners.
    expect(lines[1]).toContain(f(t.data[0]).trim());
    expect(lines[9]).toContain(f(t.data[30 * 40 - 1]).trim());
    expect(lines[1].match(/-?\d\.\d+|…/g)).toHaveLength(4 + 1 + 4);
  });

  it("switches to exponent form for very large or very small magnitudes", () => {
    expect(formatGrid([2], [1e-6, -3e-7])).toBe("[  1.000e-6, -3.000e-7 ]");
    expect(formatGrid([2], [2.5e7 + 0.5, 1.5])).toBe("[ 2.500e+7, 1.500e+0 ]");
  });

  it("prints other values briefly, with cycles and depth bounded", () => {
    const o: Record<string, unknown> = { name: "q", dims: [1, "a"], nested: { a: { b: { c: { d: { e: 1 } } } } } };
    o.self = o;
    expect(formatLogValue(o)).toBe(
      "{\n  name: 'q',\n  dims: [ 1, 'a' ],\n  nested: { a: { b: { c: [Object] } } },\n  self: [Circular]\n}",
    );
    expect(formatLogValue(new Map([["k", 1]]))).toBe("Map(1) { 'k' => 1 }");
    expect(formatLogValue(new Set())).toBe("Set(0) {}");
    expect(formatLogValue(new RangeError("bad"))).toBe("RangeError: bad");
    expect(formatLogValue([])).toBe("[]");
    expect(formatLogValue(Array.from({ length: 60 }, () => "x"))).toContain("… 10 more");
  });
});
