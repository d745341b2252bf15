// The program of a sandbox process (run with `node -e`, so no file needs to be readable): see sandbox-process.ts
// for the flags and limits it is started with. It reports readiness with one byte, then reads jobs from stdin, runs
// each in a fresh vm context and writes its result (a string) to stdout; by default a process runs one job.
//
// Strict mode throughout, so no stack-trace callsite of this realm hands out its global object; everything that
// could reach outside the process is removed from this realm before any job runs. The vm context is defence in
// depth; the boundary is the process (permission model, rlimits, no string code generation in this realm).

/** Byte the child writes to stdout once it is ready for its first job (the host starts the time limit then). */
export const READY_BYTE = "\x06";

export type SandboxJob =
  /** `script` (from buildSandboxScript) evaluates to the result string. */
  | { kind: "code"; script: string }
  /** `core` defines `__qkvCore` (the @qkv/core bundle); `code` is CommonJS whose console output is captured. */
  | { kind: "example"; core: string; code: string };

/** A job as sent: `last` makes the process exit right after writing the result. */
export type SandboxFrame = SandboxJob & { last: boolean };

/**
 * First part of the program: captures what the job runner needs, then removes from this realm everything that
 * could reach outside. The attack tests run their own code after it, standing for a learner who escaped the vm
 * context.
 */
export const CHILD_PRELUDE = `"use strict";
const vm = require("node:vm");
const { format } = require("node:util");
const { writeSync } = require("node:fs");
const stdin = process.stdin;
const exit = process.exit.bind(process);
for (const name of ["require", "module", "exports", "__filename", "__dirname", "fetch", "WebSocket", "EventSource",
  "WebAssembly", "SharedArrayBuffer", "Atomics", "Worker", "BroadcastChannel", "MessageChannel", "MessagePort"]) {
  try { delete globalThis[name]; } catch {}
}
for (const name of ["kill", "_kill", "dlopen", "binding", "_linkedBinding", "abort", "chdir", "setuid", "setgid",
  "seteuid", "setegid", "setgroups", "initgroups", "send", "disconnect"]) {
  try { Object.defineProperty(process, name, { value: undefined, writable: false, configurable: false }); } catch {}
}
process.env = {};
`;

const CHILD_MAIN = `

const CONTEXT_SETUP = '"use strict"; delete globalThis.WebAssembly; delete globalThis.SharedArrayBuffer; delete globalThis.Atomics;';
function freshContext() {
  const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
  vm.runInContext(CONTEXT_SETUP, context);
  return context;
}

// Code evaluated in a vm context looks every global up through the context's interceptors, which V8 cannot
// cache: a numeric loop runs ~10x slower. So code runs inside a function whose parameters are the context's own
// globals (its built-ins), and every lookup is a plain variable. undefined, NaN and Infinity stay the read-only
// globals (a parameter could be reassigned).
const IDENTIFIER = /^[A-Za-z_$][\\w$]*$/;
function runScoped(context, body, filename) {
  const names = vm.runInContext("Object.getOwnPropertyNames(globalThis)", context)
    .filter((n) => IDENTIFIER.test(n) && !["eval", "arguments", "undefined", "NaN", "Infinity"].includes(n));
  const list = names.join(", ");
  return vm.runInContext("(function (" + list + ") {\\n" + body + "\\n})(" + list + ")", context, { filename });
}

function describe(e) {
  try {
    return (e && e.name ? e.name + ": " : "") + (e && e.message ? e.message : String(e));
  } catch {
    return "an error that could not be described";
  }
}

function runCode(job) {
  const out = runScoped(freshContext(), "return " + job.script + ";", "learner-code.js");
  return typeof out === "string" ? out : JSON.stringify({ error: "the sandbox returned no result" });
}

// Compiled inside the context (from its source text), so the example sees only context-realm functions.
function exampleHelpers(core, sink) {
  "use strict";
  const log = function () { sink(Array.prototype.slice.call(arguments)); };
  const require = function (name) {
    if (name === "@qkv/core") return core;
    throw new Error('examples may import only from "@qkv/core", not "' + name + '"');
  };
  return { console: { log: log, info: log, warn: log, error: log }, require: require };
}

// UTF-8 TextEncoder/TextDecoder for examples (core's BPE uses them; they are not JavaScript built-ins, so a vm
// context lacks them). Compiled inside the context; the host-realm coders stay hidden in the closure.
function installTextCoding(encode, decode) {
  "use strict";
  class TextEncoder {
    get encoding() { return "utf-8"; }
    encode(s) {
      const r = encode(String(s === undefined ? "" : s));
      const out = new Uint8Array(r.length);
      for (let i = 0; i < r.length; i++) out[i] = r[i];
      return out;
    }
  }
  class TextDecoder {
    constructor(label, options) { this.fatal = !!(options && options.fatal); }
    get encoding() { return "utf-8"; }
    decode(bytes) { return decode(bytes === undefined ? new Uint8Array(0) : bytes, this.fatal); }
  }
  globalThis.TextEncoder = TextEncoder;
  globalThis.TextDecoder = TextDecoder;
}
const utf8Encoder = new TextEncoder();
const utf8Decoders = [new TextDecoder("utf-8"), new TextDecoder("utf-8", { fatal: true })];

function runExample(job) {
  const lines = [];
  const context = freshContext();
  vm.runInContext("(" + installTextCoding + ")", context)(
    (s) => utf8Encoder.encode(s),
    (bytes, fatal) => utf8Decoders[fatal ? 1 : 0].decode(bytes),
  );
  const core = runScoped(context, job.core + ";\\nreturn __qkvCore;", "qkv-core.js");
  const helpers = vm.runInContext("(" + exampleHelpers + ")", context)(core, (args) => { lines.push(format.apply(null, args)); });
  const module = vm.runInContext("({ exports: {} })", context);
  try {
    const fn = runScoped(context, "return function (require, console, exports, module) {\\n" + job.code + "\\n};",
      "example.js");
    fn(helpers.require, helpers.console, module.exports, module);
  } catch (e) {
    return JSON.stringify({ output: lines.join("\\n"), error: describe(e) });
  }
  return JSON.stringify({ output: lines.join("\\n") });
}

function writeAll(text) {
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at);
    } catch (e) {
      if (!e || e.code !== "EAGAIN") exit(2);
    }
  }
}

// Jobs arrive as "<byte length>\\n<JSON>" frames; each result leaves the same way. After a job marked last the
// process exits at once: promise jobs the learner queued never run after the result.
let pending = Buffer.alloc(0);
stdin.on("data", (chunk) => {
  pending = Buffer.concat([pending, chunk]);
  for (;;) {
    const newline = pending.indexOf(10);
    if (newline < 0) return;
    const length = Number(pending.subarray(0, newline).toString("latin1"));
    if (pending.length < newline + 1 + length) return;
    const text = pending.subarray(newline + 1, newline + 1 + length).toString("utf8");
    pending = pending.subarray(newline + 1 + length);
    let job;
    let out;
    try {
      job = JSON.parse(text);
      out = job.kind === "example" ? runExample(job) : runCode(job);
    } catch (e) {
      out = JSON.stringify({ error: describe(e) });
    }
    writeAll(Buffer.byteLength(out, "utf8") + "\\n" + out);
    if (!job || job.last) exit(0);
  }
});
stdin.on("end", () => exit(0));
writeSync(1, ${JSON.stringify(READY_BYTE)});
`;

/** The program of a sandbox process. */
export const CHILD_SOURCE = CHILD_PRELUDE + CHILD_MAIN;
