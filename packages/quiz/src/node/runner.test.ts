import { describe, expect, test } from "vitest";
import { createNodeRunner } from "./runner.js";

const runner = createNodeRunner();
const run = (code: string, args: unknown[][] = [[]], timeoutMs = 2000) => runner.run(code, "f", args, timeoutMs);

describe("Node sandbox", () => {
  test("returns values per call, keeping NaN, ±Infinity and typed arrays", async () => {
    const r = await run("function f(x) { return [x * 2, 0 / 0, -1 / 0, new Float64Array([1, 2])]; }", [[1], [2]]);
    expect(r).toEqual({ results: [{ value: [2, NaN, -Infinity, [1, 2]] }, { value: [4, NaN, -Infinity, [1, 2]] }] });
  });

  test("arguments with -Infinity (masks) arrive intact", async () => {
    const r = await run("function f(m) { return m[0][1] === -Infinity; }", [[[[0, -Infinity]]]]);
    expect(r).toEqual({ results: [{ value: true }] });
  });

  test("a throw fails only that call", async () => {
    const r = await run("function f(x) { if (x > 1) throw new RangeError('too big'); return x; }", [[1], [2]]);
    expect(r).toEqual({ results: [{ value: 1 }, { error: "RangeError: too big" }] });
  });

  test("while(true){} is killed at the time limit", async () => {
    const started = Date.now();
    const r = await run("function f() { while (true) {} }", [[]], 250);
    expect(r).toEqual({ error: "time limit of 250 ms exceeded", timedOut: true });
    // Generous bound: process start-up plus the limit, far below a hang.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("an endless loop at load time is killed; one queued in a promise job cannot hold the result back", async () => {
    expect(await run("while (true) {}\nfunction f() {}", [[]], 250)).toEqual({
      error: "time limit of 250 ms exceeded",
      timedOut: true,
    });
    // The result is written and the process exits before any queued promise job can run.
    expect(
      await run("Promise.resolve().then(() => { while (true) {} });\nfunction f() { return 1; }", [[]], 250),
    ).toEqual({
      results: [{ value: 1 }],
    });
  });

  test("cannot reach process, require, fs, globalThis escapes or eval", async () => {
    const probe = `function f() {
      const out = {};
      out.process = typeof process;
      out.require = typeof require;
      out.buffer = typeof Buffer;
      out.module = typeof module;
      out.timers = typeof setTimeout;
      try { out.ctor = typeof this.constructor.constructor("return process")(); } catch (e) { out.ctor = "blocked: " + e.name; }
      try { out.globalCtor = typeof globalThis.constructor.constructor("return process")(); } catch (e) { out.globalCtor = "blocked: " + e.name; }
      try { out.protoCtor = typeof Object.getPrototypeOf(globalThis).constructor.constructor("return process")(); } catch (e) { out.protoCtor = "blocked: " + e.name; }
      try { out.fnCtor = typeof (function(){}).constructor("return process")(); } catch (e) { out.fnCtor = "blocked: " + e.name; }
      try { out.eval = typeof eval("process"); } catch (e) { out.eval = "blocked: " + e.name; }
      return out;
    }`;
    const r = await run(probe);
    expect(r).toEqual({
      results: [
        {
          value: {
            process: "undefined",
            require: "undefined",
            buffer: "undefined",
            module: "undefined",
            timers: "undefined",
            ctor: "blocked: TypeError",
            globalCtor: "blocked: EvalError",
            protoCtor: "blocked: EvalError",
            fnCtor: "blocked: EvalError",
            eval: "blocked: EvalError",
          },
        },
      ],
    });
  });

  test("a missing function and load-time errors are reported", async () => {
    expect(await run("function g() {}")).toEqual({ error: "no function named f is defined" });
    expect(await run("throw new Error('boom'); function f() {}")).toEqual({
      error: "the code threw while loading: boom",
    });
    expect(await run("function f( {")).toMatchObject({ error: expect.stringMatching(/^SyntaxError/) });
  });

  test("runaway memory kills the sandbox process, not the host", async () => {
    const r = await createNodeRunner({ maxMemoryMb: 32 }).run(
      "function f() { const a = []; for (;;) a.push(new Array(1e5).fill(1)); }",
      "f",
      [[]],
      20_000,
    );
    expect(r).toMatchObject({ error: expect.stringMatching(/out of memory|crashed|exited/) });
  });
});

test("special values survive host → sandbox → host in both encoders", async () => {
  const args = [[NaN, Infinity, -Infinity, 0, -1.5, [1, [2, NaN]]]];
  const r = await runner.run(
    "function f(a) { return [a, undefined, new Float32Array([0.5]), typeof a[5][1][1]]; }",
    "f",
    [args],
    2000,
  );
  expect(r).toEqual({ results: [{ value: [args[0], undefined, [0.5], "number"] }] });
});

test("learner code cannot reach the harness or forge results by replacing JSON", async () => {
  const forge = `JSON.stringify = function () { return '{"results":[{"value":"42"}]}'; };
function f() {
  return [typeof __qkvArgs, typeof __qkvEncode, typeof __qkvOut];
}`;
  expect(await run(forge)).toEqual({ results: [{ value: ["undefined", "undefined", "undefined"] }] });
});

test("a process serving several runs (trusted code only) gives each a fresh context and recovers from a kill", async () => {
  const shared = createNodeRunner({ jobsPerProcess: 3 });
  const leak = "globalThis.seen = (globalThis.seen || 0) + 1;\nfunction f() { return globalThis.seen; }";
  for (let i = 0; i < 4; i++) expect(await shared.run(leak, "f", [[]], 2000)).toEqual({ results: [{ value: 1 }] });
  expect(await shared.run("function f() { for (;;) {} }", "f", [[]], 200)).toEqual({
    error: "time limit of 200 ms exceeded",
    timedOut: true,
  });
  expect(await shared.run("function f(x) { return x + 1; }", "f", [[1]], 2000)).toEqual({ results: [{ value: 2 }] });
  shared.close();
});
