import { QkvError } from "./errors.js";
import { float16Bits, float16Value } from "./float16.js";
import type { NamedTensors } from "./named-tensors.js";
import { Tensor } from "./tensor.js";

/** Element types core reads and writes: F64 → Float64Array; F32, F16 and BF16 are read into Float32Array. */
export type SafetensorsDtype = "F64" | "F32" | "F16" | "BF16";

export interface Safetensors {
  tensors: NamedTensors;
  /** The stored element type of each tensor (a F16 tensor is widened to float32 on reading, exactly). */
  dtypes: Record<string, SafetensorsDtype>;
  /** The header's "__metadata__": string keys to string values. */
  metadata: Record<string, string>;
}

export interface WriteSafetensorsOptions {
  /** Element type to store, for all tensors or per name. Default: F32 for float32 tensors, F64 for float64. */
  dtype?: Exclude<SafetensorsDtype, "BF16"> | ((name: string, t: Tensor) => Exclude<SafetensorsDtype, "BF16">);
  metadata?: Record<string, string>;
}

const BYTES: Record<SafetensorsDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2 };
/** The format's own cap on the header, and a guard against a hostile length field. */
const MAX_HEADER = 100_000_000;

/** Raised on bytes that are not a well-formed safetensors file; the message says what is wrong where. */
export class SafetensorsError extends QkvError {
  override name = "SafetensorsError";
}

/**
 * Serialise tensors in the safetensors layout (Hugging Face):
 *
 *   [8 bytes: N, u64 little-endian] [N bytes: JSON header, UTF-8, space-padded to a multiple of 8] [data]
 *   header = {"__metadata__": {…}, name: {"dtype": "F32", "shape": […], "data_offsets": [begin, end]}, …}
 *
 * Offsets are relative to the data section; tensors are stored back to back in the given order, row-major,
 * little-endian. Bytes in, bytes out: no file system, so it runs in Node and the browser alike.
 */
export function writeSafetensors(tensors: NamedTensors, options: WriteSafetensorsOptions = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (options.metadata) {
    for (const [k, v] of Object.entries(options.metadata)) {
      if (typeof v !== "string") throw new SafetensorsError(`writeSafetensors: metadata "${k}" must be a string, got ${typeof v}`);
    }
    header.__metadata__ = options.metadata;
  }
  const plan: { t: Tensor; dtype: Exclude<SafetensorsDtype, "BF16">; begin: number }[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    if (name === "__metadata__") throw new SafetensorsError(`writeSafetensors: "__metadata__" cannot name a tensor`);
    const choice = options.dtype;
    const dtype = typeof choice === "function" ? choice(name, t) : (choice ?? (t.dtype === "float32" ? "F32" : "F64"));
    if (!(dtype in BYTES) || dtype === ("BF16" as string)) throw new SafetensorsError(`writeSafetensors: cannot write "${name}" as ${String(dtype)} (F64, F32 or F16)`);
    const size = t.size * BYTES[dtype];
    header[name] = { dtype, shape: [...t.shape], data_offsets: [offset, offset + size] };
    plan.push({ t, dtype, begin: offset });
    offset += size;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  const base = 8 + json.length;
  for (const { t, dtype, begin } of plan) {
    const d = t.data;
    let o = base + begin;
    for (let i = 0; i < d.length; i++) {
      if (dtype === "F64") view.setFloat64(o, d[i], true);
      else if (dtype === "F32") view.setFloat32(o, d[i], true);
      else view.setUint16(o, float16Bits(d[i]), true);
      o += BYTES[dtype];
    }
  }
  return out;
}

/**
 * Parse a safetensors file. The bytes are untrusted: the header length, the JSON, every dtype, shape and offset
 * are checked (in bounds, sized to the shape, no overlaps or holes in the data section) before anything is read.
 */
export function readSafetensors(bytes: Uint8Array): Safetensors {
  const fail = (problem: string): never => {
    throw new SafetensorsError(`readSafetensors: ${problem}`);
  };
  if (!(bytes instanceof Uint8Array)) fail(`expected a Uint8Array, got ${typeof bytes}`);
  if (bytes.length < 8) fail(`file is ${bytes.length} bytes, shorter than the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getBigUint64(0, true);
  if (n > BigInt(Math.min(MAX_HEADER, bytes.length - 8))) fail(`header length ${n} exceeds the ${bytes.length - 8} bytes after it`);
  const headerLen = Number(n);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (err) {
    fail(`header is not UTF-8 JSON (${(err as Error).message})`);
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) fail("header must be a JSON object");
  const base = 8 + headerLen;
  const dataLen = bytes.length - base;
  const metadata: Record<string, string> = {};
  const entries: { name: string; dtype: SafetensorsDtype; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (raw === null || typeof raw !== "object" || Array.isArray(raw)) fail(`"__metadata__" must be an object of strings`);
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== "string") fail(`"__metadata__.${k}" must be a string, got ${typeof v}`);
        metadata[k] = v as string;
      }
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (info === null || typeof info !== "object") fail(`tensor "${name}" must be an object with dtype, shape, data_offsets`);
    const dtype = info.dtype as SafetensorsDtype;
    if (typeof dtype !== "string" || !(dtype in BYTES)) fail(`tensor "${name}" has dtype ${JSON.stringify(info.dtype)}; core reads F64, F32, F16, BF16`);
    const shape = info.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`tensor "${name}" has shape ${JSON.stringify(shape)}, not a list of sizes`);
    const offs = info.data_offsets;
    if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((o) => Number.isSafeInteger(o) && o >= 0) || offs[0] > offs[1]) {
      fail(`tensor "${name}" has data_offsets ${JSON.stringify(offs)}, not [begin, end]`);
    }
    const [begin, end] = offs as [number, number];
    const numel = (shape as number[]).reduce((a, b) => a * b, 1);
    if (end - begin !== numel * BYTES[dtype]) fail(`tensor "${name}" spans ${end - begin} bytes, but ${dtype} (${(shape as number[]).join(", ")}) needs ${numel * BYTES[dtype]}`);
    if (end > dataLen) fail(`tensor "${name}" ends at byte ${end} of a ${dataLen}-byte data section`);
    entries.push({ name, dtype, shape: shape as number[], begin, end });
  }
  const sorted = [...entries].sort((a, b) => a.begin - b.begin);
  let cursor = 0;
  for (const e of sorted) {
    if (e.begin !== cursor) fail(e.begin < cursor ? `tensor "${e.name}" overlaps the tensor before it` : `data section has a hole before tensor "${e.name}"`);
    cursor = e.end;
  }
  if (cursor !== dataLen) fail(`data section has ${dataLen - cursor} bytes that no tensor covers`);

  const tensors: NamedTensors = {};
  const dtypes: Record<string, SafetensorsDtype> = {};
  for (const { name, dtype, shape, begin } of entries) {
    const numel = shape.reduce((a, b) => a * b, 1);
    const data = dtype === "F64" ? new Float64Array(numel) : new Float32Array(numel);
    let o = base + begin;
    for (let i = 0; i < numel; i++, o += BYTES[dtype]) {
      if (dtype === "F64") data[i] = view.getFloat64(o, true);
      else if (dtype === "F32") data[i] = view.getFloat32(o, true);
      else if (dtype === "F16") data[i] = float16Value(view.getUint16(o, true));
      else data[i] = bfloat16Value(view.getUint16(o, true));
    }
    tensors[name] = new Tensor(data, shape);
    dtypes[name] = dtype;
  }
  return { tensors, dtypes, metadata };
}

/** bfloat16 is the top half of a float32. */
function bfloat16Value(bits: number): number {
  const v = new DataView(new ArrayBuffer(4));
  v.setUint32(0, bits << 16, false);
  return v.getFloat32(0, false);
}
