import { Tensor, applyRope, ropeAngles, ropeBackward, sinusoidalEncoding, type RopeConvention } from "../../src/index.js";
import { input, optionalInput, optionalParam, param, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

/** `params.kind` where present, otherwise RoPE exactly when the case has q or k to rotate. */
export function peKind(c: FixtureCase): "sinusoidal" | "rope" {
  const kind = c.params.kind ?? ("q" in c.inputs || "k" in c.inputs ? "rope" : "sinusoidal");
  if (kind !== "sinusoidal" && kind !== "rope") throw new Error(`unknown positional_encoding kind "${String(kind)}"`);
  return kind;
}

/** RoPE options of a case: positions start_pos … (inputs.positions, when given, must be that run). */
export function ropeOptions(c: FixtureCase, T: number): { convention: RopeConvention; startPos: number; base: number } {
  const given = optionalInput(c, "positions");
  const startPos = optionalParam(c, "start_pos", given && given.size > 0 ? given.data[0] : 0);
  if (given && (given.size !== T || given.data.some((p, t) => p !== startPos + t))) {
    throw new Error(`inputs.positions must be start_pos=${startPos} … start_pos+${T - 1} (consecutive)`);
  }
  return { convention: param<RopeConvention>(c, "convention"), startPos, base: optionalParam(c, "base", 10000) };
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
    const T = x.shape[x.rank - 3];
    const options = ropeOptions(c, T);
    const positions = Array.from({ length: T }, (_, t) => options.startPos + t);
    const { angles, cos, sin } = ropeAngles(positions, x.shape[x.rank - 1], options.base);
    const out: Record<string, unknown> = { angles, cos, sin };
    if (q) out.q_rot = applyRope(q, options);
    if (k) out.k_rot = applyRope(k, options);
    return out;
  },
  // FORMAT.md: relative 1e-9 for sinusoidal PE at far positions (angles grow with the position).
  tolerance: { abs: 1e-9, rel: 1e-9 },
  backward(c, of, upstream) {
    // q_rot depends on q only and k_rot on k only: the other input's gradient is zero.
    if (peKind(c) !== "rope" || (of !== "q_rot" && of !== "k_rot")) throw new Error(`cannot differentiate "${of}"`);
    const inputs: Record<string, Tensor> = {};
    for (const name of ["q", "k"]) {
      const t = optionalInput(c, name);
      if (!t) continue;
      const T = t.shape[t.rank - 3];
      inputs[name] = of === `${name}_rot` ? ropeBackward(upstreamTensor(upstream), ropeOptions(c, T)) : Tensor.zeros(t.shape);
    }
    return { inputs };
  },
};
export default adapter;
