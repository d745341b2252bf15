import { describe, expect, it } from "vitest";
import { describeRunError } from "./run-error.js";

const url = "blob:http://127.0.0.1:4321/0d9f-4c1a";

describe("describeRunError", () => {
  it("names the error and the learner's line from the innermost frame in their script", () => {
    const e = new TypeError("x.map is not a function");
    e.stack = `TypeError: x.map is not a function
    at softmax (http://127.0.0.1:4321/_astro/example-env.js:1:2345)
    at f (${url}:7:12)
    at ${url}:9:1`;
    expect(describeRunError(e, url, 1)).toEqual({ message: "TypeError: x.map is not a function", line: 6 });
  });

  it("has no line when the stack does not pass through the learner's script, or lies before their code", () => {
    const e = new Error("boom");
    e.stack = "Error: boom\n    at http://127.0.0.1:4321/_astro/example-env.js:1:2";
    expect(describeRunError(e, url, 1)).toEqual({ message: "Error: boom" });
    e.stack = `Error: boom\n    at ${url}:1:40`;
    expect(describeRunError(e, url, 1)).toEqual({ message: "Error: boom" });
  });

  it("describes thrown non-errors and objects whose properties throw", () => {
    expect(describeRunError("just a string", url, 1)).toEqual({ message: "just a string" });
    expect(describeRunError(42, url, 1)).toEqual({ message: "42" });
    const hostile = { get message(): string { throw new Error("no"); } };
    expect(describeRunError(hostile, url, 1)).toEqual({ message: "an error that could not be described" });
  });
});
