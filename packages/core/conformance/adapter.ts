// The contract between the runner and one component's adapter, plus helpers adapters share.
import { ArgumentError, Tensor, asBoolTensor, asTensor, type NestedArray, type NestedBool } from "../src/index.js";
import type { Tolerance } from "./compare.js";
import type { FixtureCase, FixtureFile } from "./fixture.js";

/**
 * Runs one fixture case through the public API and returns outputs keyed like `case.expected` (Tensors, numbers,
 * booleans or nested arrays). It must read params/inputs/weights generically, never branch on the case name.
 */
export interface Adapter {
  run(c: FixtureCase, file: FixtureFile): Record<string, unknown>;
  /** Default `{ abs: 1e-9 }` (FORMAT.md, float64). */
  tolerance?: Tolerance;
  /**
   * Reverse mode for a case's `backward` block: the gradients of Σ upstream ⊙ output[of] with respect to the
   * case's float inputs and weights, as a tree shaped like the case (`{ inputs: { x }, weights: { blocks: [{ W_O }] } }`),
   * so every dotted leaf path of the block resolves in it. Throw for an `of` it cannot differentiate.
   */
  backward?(c: FixtureCase, of: string, upstream: Tensor | number, file: FixtureFile): GradientTree;
}

/** Gradients keyed like the case: `inputs.<name>`, `weights.<name>` with nested groups and list indices. */
export interface GradientTree {
  inputs?: object;
  weights?: object;
}

/** The upstream gradient as a tensor (a scalar upstream becomes a rank-0 tensor). */
export function upstreamTensor(upstream: Tensor | number): Tensor {
  return typeof upstream === "number" ? new Tensor(Float64Array.of(upstream), []) : upstream;
}

function pick(c: FixtureCase, section: "inputs" | "weights" | "params", key: string): unknown {
  const v = c[section][key];
  if (v === undefined) throw new ArgumentError("conformance", `${section}.${key}`, `is missing from case "${c.name}"`);
  return v;
}

/** A required tensor from `inputs`. */
export function input(c: FixtureCase, key: string): Tensor {
  return asTensor(pick(c, "inputs", key) as NestedArray);
}

/** An optional tensor from `inputs`. */
export function optionalInput(c: FixtureCase, key: string): Tensor | undefined {
  const v = c.inputs[key];
  return v === undefined || v === null ? undefined : asTensor(v as NestedArray);
}

/** A required bool mask from `inputs` as a 0/1 tensor. */
export function boolInput(c: FixtureCase, key: string): Tensor {
  return asBoolTensor(pick(c, "inputs", key) as NestedBool);
}

/** A required tensor from `weights` (or from an explicit weights object, for nested groups). */
export function weight(c: FixtureCase, key: string, from: Record<string, unknown> = c.weights): Tensor {
  const v = from[key];
  if (v === undefined) throw new ArgumentError("conformance", `weights.${key}`, `is missing from case "${c.name}"`);
  return asTensor(v as NestedArray);
}

/** An optional tensor from `weights`. */
export function optionalWeight(c: FixtureCase, key: string, from: Record<string, unknown> = c.weights): Tensor | undefined {
  const v = from[key];
  return v === undefined || v === null ? undefined : asTensor(v as NestedArray);
}

/** A required parameter. */
export function param<T = unknown>(c: FixtureCase, key: string): T {
  return pick(c, "params", key) as T;
}

/** An optional parameter with a default. */
export function optionalParam<T>(c: FixtureCase, key: string, fallback: T): T {
  const v = c.params[key];
  return v === undefined || v === null ? fallback : (v as T);
}
