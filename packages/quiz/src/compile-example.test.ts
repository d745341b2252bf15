import { describe, expect, it } from "vitest";
import { compileExample } from "./compile-example.js";

describe("compileExample", () => {
  it("strips types and turns the core import into require, keeping every line where it was", () => {
    const code = 'import { softmax } from "@qkv/core";\nconst x: number[] = [1, 2];\n\ninterface P {\n  a: number;\n}\nconsole.log(softmax(x));';
    const r = compileExample(code);
    expect("js" in r).toBe(true);
    const js = (r as { js: string }).js;
    expect(js).toContain("require('@qkv/core')");
    expect(js.split("\n")).toHaveLength(code.split("\n").length);
    expect(js.split("\n")[6]).toContain("console.log(");
    expect(js.split("\n")[1]).toBe("const x = [1, 2];");
  });

  it("reports a syntax error with its line and column, without them in the message", () => {
    expect(compileExample("const a = 1;\nconst x = ;")).toEqual({ error: "Unexpected token", line: 2, column: 11 });
  });
});
