import { add, embed, sinusoidalEncoding } from "../../src/index.js";
import { input, optionalParam, weight, type Adapter } from "../adapter.js";

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
};
export default adapter;
