import { add, embed, embedBackward, sinusoidalEncoding } from "../../src/index.js";
import { input, optionalParam, upstreamTensor, weight, type Adapter } from "../adapter.js";

const adapter: Adapter = {
  run(c) {
    const table = weight(c, "table");
    const ids = input(c, "token_ids");
    const paddingIdx = optionalParam<number | undefined>(c, "padding_idx", undefined);
    const scale = optionalParam<number | boolean>(c, "scale", true);
    const embedded = embed(table, ids, { paddingIdx });
    const scaled = embed(table, ids, { scale, paddingIdx });
    // Positions 0 … T−1 along the last id axis, broadcast over any batch axis.
    const pe = sinusoidalEncoding(ids.shape[ids.rank - 1], table.shape[1], optionalParam(c, "base", 10000));
    return { embedded, scaled, scaled_plus_sinusoidal_pe: add(scaled, pe) };
  },
  tolerance: { abs: 1e-9, rel: 1e-9 },
  backward(c, of, upstream) {
    // scaled and scaled + PE (a constant) share the scaled lookup's gradient; `embedded` is unscaled.
    if (!["embedded", "scaled", "scaled_plus_sinusoidal_pe"].includes(of)) throw new Error(`cannot differentiate "${of}"`);
    const table = weight(c, "table");
    const paddingIdx = optionalParam<number | undefined>(c, "padding_idx", undefined);
    const scale = of === "embedded" ? false : optionalParam<number | boolean>(c, "scale", true);
    return { weights: { table: embedBackward(input(c, "token_ids"), upstreamTensor(upstream), table.shape[0], { scale, paddingIdx }) } };
  },
};
export default adapter;
