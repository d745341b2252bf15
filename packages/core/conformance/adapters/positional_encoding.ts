import { applyRope, ropeAngles, sinusoidalEncoding, type RopeConvention } from "../../src/index.js";
import { input, optionalParam, param, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const kind = param<string>(c, "kind");
    const base = optionalParam(c, "base", 10000);
    if (kind === "sinusoidal") {
      const positions = "positions" in c.inputs ? Array.from(input(c, "positions").data) : param<number>(c, "T");
      return { pe: sinusoidalEncoding(positions, param<number>(c, "d_model"), base) };
    }
    if (kind === "rope") {
      const q = input(c, "q");
      const k = input(c, "k");
      const startPos = optionalParam(c, "start_pos", 0);
      const convention = param<RopeConvention>(c, "convention");
      const T = q.shape[q.rank - 3];
      const positions = Array.from({ length: T }, (_, t) => startPos + t);
      const { angles, cos, sin } = ropeAngles(positions, q.shape[q.rank - 1], base);
      const options = { convention, startPos, base };
      return { angles, cos, sin, q_rotated: applyRope(q, options), k_rotated: applyRope(k, options) };
    }
    throw new Error(`unknown positional_encoding kind "${kind}"`);
  },
  // FORMAT.md: relative 1e-9 for sinusoidal PE at far positions (angles grow with the position).
  tolerance: { abs: 1e-9, rel: 1e-9 },
};
export default adapter;
