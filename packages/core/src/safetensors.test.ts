import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { roundToFloat16 } from "./float16.js";
import { initGpt2 } from "./gpt2.js";
import { flattenTensors } from "./named-tensors.js";
import { Rng, randn } from "./random.js";
import { SafetensorsError, readSafetensors, writeSafetensors, type SafetensorsDtype } from "./safetensors.js";
import { Tensor, tensor } from "./tensor.js";

type Value = number | "NaN" | "Infinity" | "-Infinity";
interface Listing {
  dtype: SafetensorsDtype;
  shape: number[];
  values: Value[];
}
const num = (v: Value): number => (typeof v === "number" ? v : Number(v));
const fixtureDir = new URL("../fixtures/safetensors/", import.meta.url);
const oracle = new URL("../../../tools/oracle/safetensors_np.py", import.meta.url).pathname;

describe("a safetensors file written by numpy (committed)", () => {
  const bytes = new Uint8Array(readFileSync(new URL("numpy_sample.safetensors", fixtureDir)));
  const doc = JSON.parse(readFileSync(new URL("numpy_sample.json", fixtureDir), "utf8")) as {
    metadata: Record<string, string>;
    source: Record<string, Listing>;
    stored: Record<string, Listing>;
  };

  it("is read by core: every tensor's dtype, shape and stored value, and the metadata", () => {
    const file = readSafetensors(bytes);
    expect(file.metadata).toEqual(doc.metadata);
    expect(Object.keys(file.tensors)).toEqual(Object.keys(doc.stored));
    for (const [name, want] of Object.entries(doc.stored)) {
      expect(file.dtypes[name]).toBe(want.dtype);
      expect(file.tensors[name].shape).toEqual(want.shape);
      expect(Array.from(file.tensors[name].data)).toEqual(want.values.map(num));
    }
  });

  it("is written byte for byte by core from the same float64 values (float16 rounding included)", () => {
    const tensors = Object.fromEntries(Object.entries(doc.source).map(([n, s]) => [n, new Tensor(Float64Array.from(s.values, num), s.shape)]));
    const mine = writeSafetensors(tensors, { dtype: (name) => doc.source[name].dtype as "F64" | "F32" | "F16", metadata: doc.metadata });
    expect(Buffer.from(mine).equals(Buffer.from(bytes))).toBe(true);
  });
});

let hasNumpy = false;
try {
  execFileSync("/usr/bin/python3", ["-c", "import numpy"], { stdio: "ignore" });
  hasNumpy = true;
} catch {
  // No Python with numpy here: the committed numpy-written file above still checks the format.
}

describe.runIf(hasNumpy)("a file written by core, read by numpy (tools/oracle/safetensors_np.py)", () => {
  it("gives numpy the same tensors, dtypes and metadata", () => {
    const weights = flattenTensors(initGpt2({ vocabSize: 7, contextLength: 5, dModel: 8, numHeads: 2, numLayers: 1 }, new Rng(3), 0.5));
    const tensors = { ...weights, "extra.f64": randn([2, 2], new Rng(4)), "extra.f32": randn([3], new Rng(5), 1, "float32") };
    const dtype = (name: string): "F64" | "F32" | "F16" => (name.startsWith("extra") ? (name.endsWith("f64") ? "F64" : "F32") : "F16");
    const bytes = writeSafetensors(tensors, { dtype, metadata: { config: '{"d":8}' } });
    const dir = mkdtempSync(join(tmpdir(), "qkv-st-"));
    try {
      writeFileSync(join(dir, "m.safetensors"), bytes);
      const listing = JSON.parse(execFileSync("/usr/bin/python3", [oracle, "read", join(dir, "m.safetensors")], { encoding: "utf8" })) as {
        metadata: Record<string, string>;
        tensors: Record<string, Listing>;
      };
      expect(listing.metadata).toEqual({ config: '{"d":8}' });
      expect(Object.keys(listing.tensors)).toEqual(Object.keys(tensors));
      for (const [name, t] of Object.entries(tensors)) {
        const round = { F64: (v: number) => v, F32: Math.fround, F16: roundToFloat16 }[dtype(name)];
        expect(listing.tensors[name].dtype).toBe(dtype(name));
        expect(listing.tensors[name].shape).toEqual([...t.shape]);
        expect(listing.tensors[name].values.map(num)).toEqual(Array.from(t.data, round));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("writeSafetensors / readSafetensors", () => {
  it("round-trips float64 exactly and float32 as float32", () => {
    const t = { a: randn([3, 2], new Rng(1)), b: randn([4], new Rng(2), 1, "float32") };
    const back = readSafetensors(writeSafetensors(t));
    expect(back.dtypes).toEqual({ a: "F64", b: "F32" });
    expect(Array.from(back.tensors.a.data)).toEqual(Array.from(t.a.data));
    expect(back.tensors.b.dtype).toBe("float32");
    expect(Array.from(back.tensors.b.data)).toEqual(Array.from(t.b.data));
  });

  it("pads the header to 8 bytes so the data is aligned", () => {
    const bytes = writeSafetensors({ x: tensor([1, 2, 3]) }, { metadata: { k: "v" } });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    expect(bytes.length).toBe(8 + n + 24);
  });

  it("rejects malformed files with a message that says what is wrong", () => {
    const good = writeSafetensors({ x: tensor([1, 2]) });
    const withHeader = (h: unknown, data = new Uint8Array(16)): Uint8Array => {
      const json = new TextEncoder().encode(JSON.stringify(h));
      const out = new Uint8Array(8 + json.length + data.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      out.set(data, 8 + json.length);
      return out;
    };
    expect(() => readSafetensors(good.subarray(0, 5))).toThrow(/shorter than the 8-byte header length/);
    expect(() => readSafetensors(good.subarray(0, good.length - 20))).toThrow(/header length \d+ exceeds/);
    expect(() => readSafetensors(withHeader({ x: { dtype: "I64", shape: [2], data_offsets: [0, 16] } }))).toThrow(/has dtype "I64"/);
    expect(() => readSafetensors(withHeader({ x: { dtype: "F64", shape: [3], data_offsets: [0, 16] } }))).toThrow(/spans 16 bytes, but F64 \(3\) needs 24/);
    expect(() => readSafetensors(withHeader({ x: { dtype: "F64", shape: [4], data_offsets: [0, 32] } }))).toThrow(/ends at byte 32 of a 16-byte data section/);
    expect(() =>
      readSafetensors(withHeader({ x: { dtype: "F64", shape: [1], data_offsets: [0, 8] }, y: { dtype: "F32", shape: [2], data_offsets: [4, 12] } })),
    ).toThrow(/overlaps/);
    expect(() => readSafetensors(withHeader({ x: { dtype: "F64", shape: [1], data_offsets: [0, 8] } }))).toThrow(/8 bytes that no tensor covers/);
    expect(() => readSafetensors(withHeader([1, 2]))).toThrow(SafetensorsError);
    expect(() => readSafetensors(withHeader({ __metadata__: { n: 1 } }, new Uint8Array(0)))).toThrow(/"__metadata__.n" must be a string/);
  });
});
