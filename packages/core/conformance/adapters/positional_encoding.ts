import { Tensor, applyRope, concat, ropeAngles, ropeBackward, sinusoidalEncoding, slice, type RopeConvention, type RopeOptions } from "../../src/index.js";
import { input, optionalInput, optionalParam, param, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

/** `params.kind` where present, otherwise RoPE exactly when the case has q or k to rotate. */
export function peKind(c: FixtureCase): "sinusoidal" | "rope" {
  const kind = c.params.kind ?? ("q" in c.inputs || "k" in c.inputs ? "rope" : "sinusoidal");
  if (kind !== "sinusoidal" && kind !== "rope") throw new Error(`unknown positional_encoding kind "${String(kind)}"`);
  return kind;
}

/** The positions a RoPE case rotates by: inputs.positions, else start_pos … start_pos+T−1. */
function ropePositions(c: FixtureCase, T: number): number[] {
  const given = optionalInput(c, "positions");
  if (given) {
    if (given.size !== T) throw new Error(`inputs.positions must list T=${T} positions, got ${given.size}`);
    return Array.from(given.data);
  }
  const startPos = optionalParam(c, "start_pos", 0);
  return Array.from({ length: T }, (_, t) => startPos + t);
}

/**
 * Apply `rotate` (RoPE or its backward, which take a first position) row by row at the case's positions, so any
 * list of positions works, consecutive or not. x (T, H, hd).
 */
function atPositions(c: FixtureCase, x: Tensor, rotate: (x: Tensor, options: RopeOptions) => Tensor): Tensor {
  const T = x.shape[x.rank - 3];
  const options = { convention: param<RopeConvention>(c, "convention"), base: optionalParam(c, "base", 10000) };
  const rows = ropePositions(c, T).map((startPos, t) => rotate(slice(x, x.rank - 3, t, t + 1), { ...options, startPos }));
  return concat(rows, x.rank - 3);
}

const adapter: Adapter = {
  run(c) {
    if (peKind(c) === "sinusoidal") {
      const positions = "positions" in c.inputs ? Array.from(input(c, "positions").data) : param<number>(c, "T");
      return { pe: sinusoidalEncoding(positions, param<number>(c, "d_model"), optionalParam(c, "base", 10000)) };
    }
    const q = optionalInput(c, "q");
    const k = optionalInput(c, "k");
    const x = q ?? k ?? input(c, "q");
    const positions = ropePositions(c, x.shape[x.rank - 3]);
    const { angles, cos, sin } = ropeAngles(positions, x.shape[x.rank - 1], optionalParam(c, "base", 10000));
    const out: Record<string, unknown> = { angles, cos, sin };
    if (q) out.q_rot = atPositions(c, q, applyRope);
    if (k) out.k_rot = atPositions(c, k, applyRope);
    return out;
  },
  // FORMAT.md: relative 1e-9 for sinusoidal PE at far positions (angles grow with the position).
  tolerance: { abs: 1e-9, rel: 1e-9 },
  backward(c, of, upstream) {
    // Sinusoidal PE, angles, cos and sin depend only on integer positions: no float leaf, nothing to differentiate.
    if (peKind(c) === "sinusoidal") return { inputs: {} };
    // q_rot depends on q only and k_rot on k only: the other input's gradient is zero (and both are for the tables).
    if (!["q_rot", "k_rot", "angles", "cos", "sin"].includes(of)) throw new Error(`cannot differentiate "${of}"`);
    const inputs: Record<string, Tensor> = {};
    for (const name of ["q", "k"]) {
      const t = optionalInput(c, name);
      if (!t) continue;
      inputs[name] = of === `${name}_rot` ? atPositions(c, upstreamTensor(upstream), ropeBackward) : Tensor.zeros(t.shape);
    }
    return { inputs };
  },
};
export default adapter;
