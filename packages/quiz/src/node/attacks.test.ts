// The attack suite: what someone who wants a pass without solving the exercise, or wants to harm the machine,
// would try against checkCode, the Node runner and the content checker. Every attack must end in a verdict that is
// not a pass, with no file written; the host (this test process) must survive every resource attack, each ended by
// a kill (time limit, memory or output limit) rather than measured with a clock.
import { Rng } from "@qkv/core";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CodeExercise } from "../exercise.js";
import { checkCode, type CodeVerdict } from "../grade-code.js";
import { importMarkdown, toContentFile } from "../importer.js";
import { checkContent } from "./check-content.js";
import { loadContentDir } from "./load-dir.js";
import { runExample } from "./run-example.js";
import { createNodeRunner } from "./runner.js";
import { CHILD_PRELUDE } from "./sandbox-child.js";
import { networkIsolationAvailable, spawnSandboxProcess } from "./sandbox-process.js";

const dir = mkdtempSync(join(tmpdir(), "qkv-attacks-"));
/** Written by no attack: every test checks it does not exist afterwards. */
const CANARY = join(dir, "pwned");
/** Stands for the hidden reference solution on disk (content/*.exercises.ts). */
const SECRET = join(dir, "secret-reference.ts");
const SECRET_TEXT = "export const reference = (x: number) => (x * 7919) % 104729;";
const ENV_SECRET = "QKV_ATTACK_SUITE_SECRET";

const runner = createNodeRunner({ poolSize: 2 });
beforeAll(() => {
  writeFileSync(SECRET, SECRET_TEXT);
  process.env[ENV_SECRET] = "s3cr3t";
});
afterAll(() => {
  runner.close();
  delete process.env[ENV_SECRET];
  rmSync(dir, { recursive: true, force: true });
});

// A function nobody can guess from its name: the only way to pass is to compute it (or to steal the reference).
const exercise: CodeExercise = {
  kind: "code",
  id: "secret",
  prompt: "Return (x * 7919) mod 104729.",
  functionName: "f",
  starter: 'export function f(x: number): number {\n  throw new Error("TODO");\n}',
  solution: "export function f(x: number): number {\n  return (x * 7919) % 104729;\n}",
  tests: (rng: Rng) => Array.from({ length: 6 }, () => ({ args: [rng.int(1_000_000)] })),
  reference: (x: unknown) => ((x as number) * 7919) % 104729,
  tolerance: {},
};

const grade = (code: string, timeoutMs = 3000, seed = 1): Promise<CodeVerdict> =>
  checkCode(exercise, code, runner, { seed, timeoutMs });

/** Learner-side helper: every route to host powers an escape could use, tried in order. */
const TRY_ALL = (action: string) => `
const routes = [
  () => process,
  () => globalThis.process,
  () => this.constructor.constructor("return process")(),
  () => Function("return process")(),
  () => (0, eval)("process"),
  () => ({}).constructor.constructor("return process")(),
  () => Object.getPrototypeOf(globalThis).constructor.constructor("return process")(),
];
let done = "nothing";
for (const r of routes) {
  try {
    const p = r();
    if (p && p.versions) { ${action}; done = "escaped"; break; }
  } catch (e) {}
}`;

const WRITE = `(p.mainModule ? p.mainModule.require("fs") : p.binding("fs")).writeFileSync(${JSON.stringify(CANARY)}, "x")`;
const READ = `x = String((p.mainModule ? p.mainModule.require("fs") : p.binding("fs")).readFileSync(${JSON.stringify(SECRET)}))`;

function expectNoPass(v: CodeVerdict): void {
  expect(v.correct).toBe(false);
  expect(v.passed).toBe(0);
  expect(existsSync(CANARY)).toBe(false);
}

describe("escapes: no file written, no pass", () => {
  test("a correct solution still passes (so a failing attack fails for its own reasons)", async () => {
    expect(await grade(exercise.solution)).toMatchObject({ correct: true, passed: 6 });
  });

  test("the stack-overflow RangeError constructor.constructor escape", async () => {
    const code = `export function f(x: number) {
      let max = 0;
      const depth = (d: number): void => { max = d; depth(d + 1); };
      try { depth(0); } catch {}
      const at = (d: number, target: number): unknown => {
        if (d < target) return at(d + 1, target);
        const e = new Error("x");
        try { void e.stack; return null; } catch (caught) { return caught; }
      };
      for (let k = 0; k < 300; k++) {
        let caught: any;
        try { caught = at(0, max - k); } catch (y) { caught = y; }
        if (!caught) continue;
        try {
          const p = caught.constructor.constructor("return process")();
          p.mainModule.require("fs").writeFileSync(${JSON.stringify(CANARY)}, "x");
          return Number(p.mainModule.require("child_process").execSync("echo 1"));
        } catch {}
      }
      return -1;
    }`;
    expectNoPass(await grade(code, 8000));
  });

  test("the rejected dynamic import() escape", async () => {
    const code = `export function f(x: number) {
      for (let i = 0; i < 20; i++)
        import("node:fs").then((fs: any) => fs.writeFileSync(${JSON.stringify(CANARY)}, "x"), (e: any) => {
          try { e.constructor.constructor("return process")().mainModule.require("fs").writeFileSync(${JSON.stringify(CANARY)}, "x"); } catch {}
        });
      const until = Date.now() + 200;
      while (Date.now() < until) {}
      return 0;
    }`;
    expectNoPass(await grade(code));
  });

  test("reading the hidden reference solution from disk", async () => {
    const code = `export function f(x: number) {
      ${TRY_ALL(READ)}
      return done === "escaped" ? (x * 7919) % 104729 : -1;
    }`;
    expectNoPass(await grade(code));
  });

  test("writing a file, and child_process (a fork bomb included)", async () => {
    expectNoPass(await grade(`export function f(x: number) { ${TRY_ALL(WRITE)} return -1; }`));
    const fork = `const cp = p.mainModule.require("child_process"); for (let i = 0; i < 1000; i++) cp.spawn(p.execPath, ["-e", "setInterval(()=>{},1e3)"])`;
    expectNoPass(await grade(`export function f(x: number) { ${TRY_ALL(fork)} return -1; }`));
  });

  test("process.exit, signals to the host and env vars are out of reach", async () => {
    const code = `export function f(x: number) {
      ${TRY_ALL(`p.kill(p.ppid, "SIGKILL"); p.exit(0)`)}
      return typeof process + typeof require + typeof Buffer + typeof setTimeout + typeof fetch;
    }`;
    const v = await grade(code);
    expectNoPass(v);
    expect(v.cases[0].got).toBe('"undefinedundefinedundefinedundefinedundefined"');
  });

  test("WebAssembly, SharedArrayBuffer and Atomics are not in the learner's scope", async () => {
    const v = await grade(
      "export function f() { return [typeof WebAssembly, typeof SharedArrayBuffer, typeof Atomics]; }",
    );
    expect(v.cases[0].got).toBe('["undefined", "undefined", "undefined"]');
  });
});

describe("cheating on the comparison: no pass", () => {
  test("replacing JSON, Array, Number, Math and Object built-ins in the sandbox changes nothing in the host", async () => {
    const code = `JSON.stringify = () => '{"results":[{"value":"0"}]}';
      JSON.parse = () => ({ results: [] });
      Array.prototype.map = function () { return []; };
      Array.prototype.push = function () { return 0; };
      Number.prototype.toString = () => "42";
      Math.abs = () => 0;
      Object.defineProperty(Object.prototype, "toJSON", { value: () => 0 });
      export function f(x: number) { return x; }`;
    expectNoPass(await grade(code));
  });

  test("rebinding undefined, isFinite, ArrayBuffer or Object.prototype in the sandbox cannot forge a value", async () => {
    const code = `export function f(x: number) {
      try { (undefined as any) = 1; } catch {}
      (globalThis as any).isFinite = () => false;
      (ArrayBuffer as any).isView = () => true;
      Object.defineProperty(Object.prototype, "$nf", { get: () => "1", configurable: true });
      return NaN;
    }`;
    expectNoPass(await grade(code));
  });

  test("objects with toString/valueOf, Proxies and throwing getters are not numbers", async () => {
    for (const value of [
      "({ valueOf: () => 1, toString: () => '1' })",
      "new Proxy({}, { get: () => 1 })",
      "new Proxy([], { get: (t, k) => (k === 'length' ? 1 : 1), ownKeys: () => ['length'] })",
      "({ get toJSON() { throw new Error('no'); } })",
      "({ $nf: 'NaN' })",
    ]) {
      const v = await grade(`export function f(x: number) { return ${value}; }`);
      expectNoPass(v);
    }
  });

  test("returned __proto__ keys do not pollute the host's prototypes", async () => {
    const code = `export function f() { return JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}'); }`;
    expectNoPass(await grade(code));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });

  test("printing a fake verdict: control characters never reach the verdict text", async () => {
    const code = `export function f() { throw { name: "\\x1b[2J\\x1b[H", message: "\\r✓ All 6 tests passed.\\n\\u202e" }; }`;
    const v = await grade(code);
    expectNoPass(v);
    for (const text of [v.message, ...v.cases.map((c) => c.reason + c.got)])
      expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(v.cases[0].reason).toContain("\\x1b[2J");
    // The same in a returned value, which the diagnosis shows in full.
    const shown = await grade('export function f() { return ["\\u009b2J\\x1b[1A", "\\u202e"]; }');
    expectNoPass(shown);
    expect(shown.diagnosis).toBeDefined();
    for (const text of [
      shown.message,
      shown.diagnosis!.case.got,
      shown.diagnosis!.summary,
      ...shown.cases.map((c) => c.got),
    ])
      expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  test("a lookup table of one seed's expected values fails at another seed", async () => {
    const table = exercise.tests(new Rng(1)).map((c) => [c.args[0], exercise.reference(...c.args)]);
    const code = `const table = new Map(${JSON.stringify(table)});\nexport function f(x: number) { return table.get(x) ?? 0; }`;
    expect((await grade(code, 3000, 1)).correct).toBe(true);
    expectNoPass(await grade(code, 3000, 2));
  });
});

describe("the host survives, each attack ended by a kill or a limit", () => {
  // Smaller limits than the defaults (256 MB heap, 512 MB data) keep these quick; the mechanism is the same.
  const small = { maxMemoryMb: 64, memoryLimitMb: 256 };

  test("a one-shot huge allocation (new Array(5e7).fill(1.5), 400 MB) kills the sandbox process", async () => {
    const tight = createNodeRunner(small);
    const v = await checkCode(exercise, "export function f() { return new Array(5e7).fill(1.5).length; }", tight, {
      seed: 1,
      timeoutMs: 10_000,
    });
    tight.close();
    expectNoPass(v);
    expect(v.error).toBe("out of memory (limit 256 MB)");
  });

  test("a typed-array flood is stopped by the OS data limit, not the (smaller) heap cap", async () => {
    const tight = createNodeRunner(small);
    const flood = (mb: number) => `export function f() {
      const held: Uint8Array[] = [];
      try { for (let i = 0; i < 100; i++) { const a = new Uint8Array(${mb} << 20); a.fill(1); held.push(a); } }
      catch (e) { return held.length * ${mb}; }
      return -held.length * ${mb};
    }`;
    // 64 MB chunks: the failing request leaves V8 room to throw, and the learner sees how much it held.
    const v = await checkCode(exercise, flood(64), tight, { seed: 1, timeoutMs: 20_000 });
    expectNoPass(v);
    const heldMb = Number(v.cases[0].got);
    expect(heldMb).toBeGreaterThan(64);
    expect(heldMb).toBeLessThanOrEqual(256);
    // 16 MB chunks: the limit is usually reached with no room left for V8, and the process dies instead.
    const small16 = await checkCode(exercise, flood(16), tight, { seed: 1, timeoutMs: 20_000 });
    expectNoPass(small16);
    if (small16.error !== undefined) expect(small16.error).toBe("out of memory (limit 256 MB)");
    else expect(Number(small16.cases[0].got)).toBeLessThanOrEqual(256);
    tight.close();
  });

  test("WebAssembly.Memory growth has no WebAssembly to grow", async () => {
    const v = await grade(
      "export function f() { const m = new WebAssembly.Memory({ initial: 1 }); for (;;) m.grow(100); }",
    );
    expectNoPass(v);
    expect(v.cases[0].reason).toMatch(/ReferenceError: WebAssembly is not defined/);
  });

  test("a huge output is cut off at 1 MiB before the host parses it", async () => {
    const v = await grade('export function f() { return new Array(2e4).fill("x".repeat(100)); }', 20_000);
    expectNoPass(v);
    expect(v.error).toMatch(/the result is too large \(more than 1048576 bytes\)/);
  });

  test("an endless loop, also at load time and in a getter the harness reads", async () => {
    for (const code of [
      "export function f() { for (;;) {} }",
      "for (;;) {}\nexport function f() { return 1; }",
      "export function f() { return { get x() { for (;;) {} } }; }",
    ]) {
      const v = await grade(code, 300);
      expectNoPass(v);
      expect(v.error).toBe("time limit of 300 ms exceeded (an endless loop?)");
    }
  });

  test.runIf(process.platform === "linux")("a host that exits during a run leaves no sandbox process behind", () => {
    // A host process whose learner code spins forever; it exits after a second. Its sandbox is recognised by a heap
    // cap nothing else uses.
    const host = join(dir, "host.mts");
    const runnerUrl = new URL("./runner.ts", import.meta.url).href;
    writeFileSync(
      host,
      `import { createNodeRunner } from ${JSON.stringify(runnerUrl)};
void createNodeRunner({ maxMemoryMb: 77 }).run("function f() { for (;;) {} }", "f", [[]], 60_000);
setTimeout(() => process.exit(0), 1500);`,
    );
    const tsx = createRequire(import.meta.url).resolve("tsx/cli");
    expect(spawnSync(process.execPath, [tsx, host], { timeout: 60_000 }).status).toBe(0);
    const sandboxes = readdirSync("/proc").filter((pid) => {
      try {
        return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--max-old-space-size=77\0");
      } catch {
        return false; // the process ended while we looked
      }
    });
    expect(sandboxes).toEqual([]);
  });

  test("a result nested too deeply to walk fails its case instead of crashing the host", async () => {
    const v = await grade(
      "export function f() { let a: unknown = 1; for (let i = 0; i < 100000; i++) a = [a]; return a; }",
    );
    expectNoPass(v);
  });
});

// The process boundary alone, with no vm context: code standing for a learner who fully escaped into the sandbox
// process's own realm (after the prelude that runs before every job) must still reach nothing outside.
describe("the sandbox process itself", () => {
  let server: Server;
  let connections = 0;
  let port = 0;
  beforeAll(async () => {
    server = createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => server.close());

  test("no files, processes, workers, addons, signals, env, code generation or WebAssembly", async () => {
    const link = join(dir, "link-to-secret");
    symlinkSync(SECRET, link);
    mkdirSync(join(dir, "sub"), { recursive: true });
    const escaped = `
(async () => {
  const out = {};
  const attempt = async (name, f) => { try { out[name] = "ALLOWED " + String(await f()).slice(0, 40); } catch (e) { out[name] = e.code || e.name; } };
  const fs = await import("node:fs");
  await attempt("readSecret", () => fs.readFileSync(${JSON.stringify(SECRET)}, "utf8"));
  await attempt("readSymlink", () => fs.readFileSync(${JSON.stringify(link)}, "utf8"));
  await attempt("procEnviron", () => fs.readFileSync("/proc/self/environ", "utf8"));
  await attempt("procParent", () => fs.readFileSync("/proc/" + process.ppid + "/cmdline", "utf8"));
  await attempt("etcPasswd", () => fs.readFileSync("/etc/passwd", "utf8"));
  await attempt("write", () => fs.writeFileSync(${JSON.stringify(CANARY)}, "x"));
  await attempt("mkdir", () => fs.mkdirSync(${JSON.stringify(join(dir, "sub", "new"))}));
  const cp = await import("node:child_process");
  await attempt("exec", () => cp.execSync("touch " + ${JSON.stringify(CANARY)}));
  await attempt("spawn", () => cp.spawnSync(process.execPath, ["-e", "1"]).error.code);
  const wt = await import("node:worker_threads");
  await attempt("worker", () => new wt.Worker("1", { eval: true }));
  await attempt("dlopen", () => process.dlopen({}, "/nonexistent.node"));
  await attempt("binding", () => process.binding("fs"));
  await attempt("kill", () => process.kill(process.ppid, "SIGKILL"));
  await attempt("eval", () => eval("1"));
  await attempt("Function", () => Function("return 1")());
  await attempt("wasm", () => WebAssembly.Memory);
  out.env = Object.keys(process.env).length;
  out.secretEnv = String(process.env.${ENV_SECRET});
  process.stdout.write(JSON.stringify(out));
})();`;
    const program = CHILD_PRELUDE + escaped;
    const child = spawnSandboxProcess(program, { heapMb: 64, memoryMb: 256 });
    const chunks: Buffer[] = [];
    child.stdout!.on("data", (c: Buffer) => chunks.push(c));
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await new Promise((r) => child.on("close", r));
    clearTimeout(killer);
    const out = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string | number>;
    const denied = "ERR_ACCESS_DENIED";
    expect(out).toEqual({
      readSecret: denied,
      readSymlink: denied,
      procEnviron: denied,
      procParent: denied,
      etcPasswd: denied,
      write: denied,
      mkdir: denied,
      exec: denied,
      spawn: denied,
      worker: denied,
      dlopen: "TypeError",
      binding: "TypeError",
      kill: "TypeError",
      eval: "EvalError",
      Function: "EvalError",
      wasm: "ReferenceError",
      env: 0,
      secretEnv: "undefined",
    });
    expect(existsSync(CANARY)).toBe(false);
    expect(existsSync(join(dir, "sub", "new"))).toBe(false);
  });

  test.runIf(process.platform === "linux")(
    "the OS data limit also bounds WebAssembly.Memory (checked with WebAssembly exposed, as the sandbox never is)",
    () => {
      const grow = `const m = new WebAssembly.Memory({ initial: 1, maximum: 65536 }); let pages = 1;
        try { for (;;) { m.grow(160); pages += 160; } } catch (e) {} process.stdout.write(String(pages * 64 / 1024));`;
      const r = spawnSync("/bin/sh", ["-c", 'ulimit -d 262144 && exec "$0" -e "$1"', process.execPath, grow], {
        encoding: "utf8",
        timeout: 30_000,
      });
      const grownMb = Number(r.stdout);
      expect(grownMb).toBeGreaterThan(64);
      expect(grownMb).toBeLessThanOrEqual(256);
    },
  );

  test.runIf(networkIsolationAvailable())("no network: a connection to a local server never arrives", async () => {
    const program = `${CHILD_PRELUDE}
(async () => {
  const net = await import("node:net");
  const result = await new Promise((resolve) => {
    const s = net.connect(${port}, "127.0.0.1", () => resolve("connected"));
    s.on("error", (e) => resolve(e.code));
  });
  process.stdout.write(String(result));
})();`;
    const child = spawnSandboxProcess(program, { heapMb: 64, memoryMb: 256 });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await new Promise((r) => child.on("close", r));
    clearTimeout(killer);
    expect(out).toMatch(/^E[A-Z]+$/);
    expect(connections).toBe(0);
  });
});

describe("content examples never run in the host", () => {
  test("an example that slipped through reaches nothing: no process, no require, no files", async () => {
    const r = await runExample(`console.log(typeof process, typeof require, typeof globalThis.process);
try { (globalThis as any).constructor.constructor("return process")(); } catch (e) { console.log((e as Error).name); }
import("node:fs").then((fs) => fs.writeFileSync(${JSON.stringify(CANARY)}, "x"), () => {});`);
    expect(r.output).toBe("undefined function undefined\nEvalError");
    expect(existsSync(CANARY)).toBe(false);
  });

  test("qkv check on an imported malicious Markdown file runs nothing from it", async () => {
    const content = join(dir, "content");
    const payload = `require("fs").writeFileSync(${JSON.stringify(CANARY)}, "x")`;
    const doc = [
      "## Q1: What does this print?",
      "### Answer",
      "Look:",
      "\t```",
      "```ts example",
      payload,
      "```",
      "```text output",
      "",
      "```",
      "    ```ts example",
      payload,
      "    ```",
    ].join("\n");
    const [q] = importMarkdown(doc).questions;
    const file = toContentFile(q, { topic: "tokens", id: "malicious" });
    mkdirSync(join(content, "tokens"), { recursive: true });
    writeFileSync(join(content, file.path), file.text);
    const { questions } = await loadContentDir(content);
    expect(questions.map((x) => [x.id, x.examples.length])).toEqual([["malicious", 0]]);
    const problems = await checkContent(content, { runner });
    expect(problems).toEqual([]);
    expect(existsSync(CANARY)).toBe(false);
  });
});
