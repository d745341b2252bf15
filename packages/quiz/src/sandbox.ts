// Shared by the Node and browser runners: the script evaluated inside the sandbox and the value encoding across
// the boundary. Values cross as JSON text (never as objects) so no host object, and thus no host `Function`,
// is reachable from learner code; non-finite numbers and typed arrays survive the trip.

/** Outcome of one call of the learner's function. */
export type RunOutcome = { value: unknown } | { error: string };

/** Result of running the learner's code on every argument list, or why it could not run at all. */
export type RunResult = { results: RunOutcome[] } | { error: string; timedOut?: boolean };

/** Executes learner JavaScript (already stripped of types) in isolation with a time limit. */
export interface CodeRunner {
  run(code: string, functionName: string, argsList: unknown[][], timeoutMs: number): Promise<RunResult>;
}

// The value encoding, twice: as TypeScript for the host and as source text for the sandbox (a bundler may rewrite
// the TypeScript functions, so their own source cannot be embedded). The runner tests round-trip every special value
// through both.
const ENCODE_REPLACER = `function (k, x) {
  if (typeof x === "number" && !isFinite(x)) return { $nf: String(x) };
  if (x !== null && typeof x === "object" && ArrayBuffer.isView(x)) return Array.prototype.slice.call(x);
  if (x === undefined) return { $undef: 1 };
  if (typeof x === "function") return { $fn: 1 };
  if (typeof x === "bigint") return { $nf: String(x) };
  return x;
}`;
const DECODE_REVIVER = `function (k, x) {
  if (x !== null && typeof x === "object" && !Array.isArray(x)) {
    if (typeof x.$nf === "string") return Number(x.$nf);
    if (x.$undef === 1) return undefined;
    if (x.$fn === 1) return "[function]";
  }
  return x;
}`;
const CODEC = `var __qkvEncode = function (v) { return __qkvStringify(v === undefined ? { $undef: 1 } : v, ${ENCODE_REPLACER}); };
var __qkvDecode = function (s) { return __qkvParse(s, ${DECODE_REVIVER}); };`;

/** JSON text of a value with NaN/±Infinity, undefined and typed arrays preserved (see decodeValue). */
export function encodeValue(v: unknown): string {
  return JSON.stringify(v === undefined ? { $undef: 1 } : v, (_k: string, x: unknown) => {
    if (typeof x === "number" && !isFinite(x)) return { $nf: String(x) };
    if (x !== null && typeof x === "object" && ArrayBuffer.isView(x)) return Array.prototype.slice.call(x);
    if (x === undefined) return { $undef: 1 };
    if (typeof x === "function") return { $fn: 1 };
    if (typeof x === "bigint") return { $nf: String(x) };
    return x;
  });
}

export function decodeValue(s: string): unknown {
  return JSON.parse(s, (_k: string, x: unknown) => {
    if (x !== null && typeof x === "object" && !Array.isArray(x)) {
      const o = x as { $nf?: unknown; $undef?: unknown; $fn?: unknown };
      if (typeof o.$nf === "string") return Number(o.$nf);
      if (o.$undef === 1) return undefined;
      if (o.$fn === 1) return "[function]";
    }
    return x;
  });
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

/**
 * Builds a self-contained script that defines the learner's code in its own function scope, calls
 * `functionName` on each argument list and evaluates to a JSON string (a `RunResult`).
 */
export function buildSandboxScript(code: string, functionName: string, argsList: unknown[][]): string {
  if (!IDENT.test(functionName)) throw new Error(`invalid function name ${JSON.stringify(functionName)}`);
  const args = JSON.stringify(encodeValue(argsList));
  // The learner's code is compiled in a function passed in from outside, so it cannot see (or reassign) the
  // harness's variables; JSON is captured before it runs, so replacing globals cannot forge the reported results.
  return `(function (__qkvLearner) {
"use strict";
var __qkvStringify = JSON.stringify;
var __qkvParse = JSON.parse;
${CODEC}
var __qkvArgs = __qkvDecode(${args});
var __qkvFn;
try {
  __qkvFn = __qkvLearner();
} catch (e) {
  return __qkvStringify({ error: "the code threw while loading: " + (e && e.message ? e.message : String(e)) });
}
if (typeof __qkvFn !== "function") return __qkvStringify({ error: "no function named ${functionName} is defined" });
var __qkvOut = [];
for (var i = 0; i < __qkvArgs.length; i++) {
  try {
    __qkvOut.push({ value: __qkvEncode(__qkvFn.apply(undefined, __qkvArgs[i])) });
  } catch (e) {
    __qkvOut.push({ error: (e && e.name ? e.name + ": " : "") + (e && e.message ? e.message : String(e)) });
  }
}
return __qkvStringify({ results: __qkvOut });
})(function () {
"use strict";
${code}
;return typeof ${functionName} === "function" ? ${functionName} : undefined;
})`;
}

/** Turns the sandbox script's JSON string back into a RunResult (values decoded). */
export function parseSandboxOutput(json: unknown): RunResult {
  if (typeof json !== "string") return { error: "the sandbox returned no result" };
  const parsed = JSON.parse(json) as { results?: ({ value: string } | { error: string })[]; error?: string };
  if (parsed.error !== undefined || !parsed.results) return { error: parsed.error ?? "the sandbox returned no result" };
  return {
    results: parsed.results.map((r) => ("value" in r ? { value: decodeValue(r.value) } : { error: r.error })),
  };
}
