import { ArgumentError } from "./errors.js";
import { Tensor, asTensor } from "./tensor.js";

/**
 * A model's tensors by dotted path, e.g. "wte", "blocks.0.W_Q", "blocks.1.ln_2.gamma": the names that optimisers,
 * gradient clipping and checkpoints use, and that the oracle's `backward` blocks use after "weights.".
 * Insertion order is the weights object's own order, so every consumer visits tensors in the same order.
 */
export type NamedTensors = Record<string, Tensor>;

/**
 * Flatten a nested weights object into named tensors. A Tensor or an array of numbers is one tensor; an array of
 * objects is indexed ("blocks.0"); plain numbers (hyperparameters such as a LayerNorm's eps) are not tensors and
 * are left out.
 */
export function flattenTensors(weights: unknown, fn = "flattenTensors"): NamedTensors {
  const out: NamedTensors = {};
  const walk = (node: unknown, path: string): void => {
    if (node instanceof Tensor || (Array.isArray(node) && isNumeric(node))) {
      out[path] = asTensor(node as Tensor);
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, join(path, String(i))));
    } else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) walk(child, join(path, key));
    } else if (typeof node !== "number") {
      throw new ArgumentError(fn, path || "weights", `must hold tensors, arrays, objects or numbers, got ${node === null ? "null" : typeof node}`);
    }
  };
  walk(weights, "");
  return out;
}

/**
 * The same nested structure with every tensor replaced by `tensors[its path]` (numbers kept). Every path of
 * `weights` must be present in `tensors` with the same shape, and `tensors` may hold no other names.
 */
export function unflattenTensors<W>(weights: W, tensors: NamedTensors, fn = "unflattenTensors"): W {
  const used = new Set<string>();
  const walk = (node: unknown, path: string): unknown => {
    if (node instanceof Tensor || (Array.isArray(node) && isNumeric(node))) {
      const t = tensors[path];
      if (!(t instanceof Tensor)) throw new ArgumentError(fn, "tensors", `is missing "${path}"`);
      const want = asTensor(node as Tensor).shape;
      if (t.shape.length !== want.length || t.shape.some((d, i) => d !== want[i])) {
        throw new ArgumentError(fn, "tensors", `"${path}" must have shape (${want.join(", ")}), got (${t.shape.join(", ")})`);
      }
      used.add(path);
      return t;
    }
    if (Array.isArray(node)) return node.map((child, i) => walk(child, join(path, String(i))));
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child, join(path, key))]));
    }
    return node;
  };
  const result = walk(weights, "") as W;
  const extra = Object.keys(tensors).filter((k) => !used.has(k));
  if (extra.length) throw new ArgumentError(fn, "tensors", `has names the weights do not: ${extra.join(", ")}`);
  return result;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** An array whose innermost first element is a number (or that is empty): tensor data, not a list of modules. */
function isNumeric(a: unknown[]): boolean {
  let probe: unknown = a;
  while (Array.isArray(probe)) {
    if (probe.length === 0) return true;
    probe = probe[0];
  }
  return typeof probe === "number";
}
