import { LayerCache, Rng, cachedSelfAttention, randn, Tensor, type AttentionWeights } from "@qkv/core";
import { check, defineExperiment, fmt, type Row } from "@qkv/experiments";

/** Mean of each group of `group` consecutive heads of a (d, H·hd) projection → (d, H/group · hd). */
function poolHeads(W: Tensor, H: number, group: number): Tensor {
  const [d, D] = W.shape;
  const hd = D / H;
  const out = Tensor.zeros([d, (H / group) * hd]);
  for (let r = 0; r < d; r++)
    for (let h = 0; h < H; h++)
      for (let i = 0; i < hd; i++) out.data[r * (D / group) + Math.floor(h / group) * hd + i] += W.data[r * D + h * hd + i] / group;
  return out;
}

/** Repeat each kv head `group` times: (d, H_kv·hd) → (d, H_kv·group·hd), what a cache without GQA would store. */
function repeatHeads(W: Tensor, Hkv: number, group: number): Tensor {
  const [d, Dkv] = W.shape;
  const hd = Dkv / Hkv;
  const out = Tensor.zeros([d, Dkv * group]);
  for (let r = 0; r < d; r++)
    for (let h = 0; h < Hkv * group; h++)
      for (let i = 0; i < hd; i++) out.data[r * Dkv * group + h * hd + i] = W.data[r * Dkv + Math.floor(h / group) * hd + i];
  return out;
}

export default defineExperiment<"cache-repeated-heads">({
  id: "gqa-cache",
  title: "Grouped-query attention shrinks the KV cache by H / H_kv",
  claim:
    "Grouped-query attention with H_kv key/value heads shrinks the KV cache by exactly H / H_kv, at a measurable cost in output difference from full multi-head attention.",
  method: `One attention layer ($d = 64$, $H = 8$ heads of size 8) decodes $T$ random tokens one at a time with
\`cachedSelfAttention\` and a \`LayerCache\`. The GQA variants are made from the same multi-head weights the way
GQA checkpoints are converted (Ainslie et al. 2023): each group's key and value projections are mean-pooled. The
cache size is the byte length of the keys and values the cache holds after the last token; the cost is the
relative difference $\\lVert o_{GQA} - o_{MHA}\\rVert / \\lVert o_{MHA}\\rVert$ of the outputs over all steps. With
random, untrained weights the heads of a group are unrelated, so pooling them costs far more than it does for a
trained model (whose converted checkpoint is then briefly trained further); the measurement shows the direction and
that the cost is not zero, not its size in practice.

PASS when the bytes shrink by exactly $H/H_{kv}$ for every $H_{kv}$, the difference is 0 for $H_{kv} = H$, and it
grows as $H_{kv}$ shrinks.`,
  breaks: { "cache-repeated-heads": "the kv heads are repeated to H before caching, as a cache unaware of groups would" },
  run({ mode, broken, progress }) {
    const d = 64;
    const H = 8;
    const T = mode === "full" ? 64 : 16;
    const rng = new Rng(12);
    const w = (cols: number) => randn([d, cols], rng, 1 / Math.sqrt(d));
    const mha: AttentionWeights = { W_Q: w(d), W_K: w(d), W_V: w(d), W_O: w(d) };
    const x = randn([T, d], rng);
    const decode = (W: AttentionWeights, Hkv: number) => {
      const cache = new LayerCache();
      const out = new Float64Array(T * d);
      for (let t = 0; t < T; t++) {
        const xt = new Tensor(x.data.slice(t * d, (t + 1) * d), [1, d]);
        out.set(cachedSelfAttention(xt, W, cache, { numHeads: H, numKVHeads: Hkv }).output.data, t * d);
      }
      return { out, bytes: cache.keys!.data.byteLength + cache.values!.data.byteLength };
    };
    const reference = decode(mha, H);
    const norm = Math.hypot(...reference.out);
    const rows: Row[] = [];
    const kvHeads = [8, 4, 2, 1];
    for (const [i, Hkv] of kvHeads.entries()) {
      const group = H / Hkv;
      let W: AttentionWeights = { ...mha, W_K: poolHeads(mha.W_K as Tensor, H, group), W_V: poolHeads(mha.W_V as Tensor, H, group) };
      let cacheHeads = Hkv;
      if (broken === "cache-repeated-heads") {
        W = { ...W, W_K: repeatHeads(W.W_K as Tensor, Hkv, group), W_V: repeatHeads(W.W_V as Tensor, Hkv, group) };
        cacheHeads = H;
      }
      const r = decode(W, cacheHeads);
      let diff = 0;
      for (let k = 0; k < r.out.length; k++) diff += (r.out[k] - reference.out[k]) ** 2;
      rows.push({ kvHeads: Hkv, bytes: r.bytes, shrink: reference.bytes / r.bytes, expected: H / Hkv, difference: Math.sqrt(diff) / norm });
      progress((i + 1) / kvHeads.length);
    }
    const diffs = rows.map((r) => r.difference as number);
    return {
      figures: [
        { label: `MHA cache after ${T} tokens`, value: reference.bytes, unit: "bytes" },
        { label: "MQA (H_kv = 1) cache", value: rows[rows.length - 1].bytes as number, unit: "bytes" },
        { label: "relative output difference at H_kv = 1", value: diffs[diffs.length - 1] },
      ],
      checks: [
        check("cache bytes shrink by exactly H / H_kv", rows.every((r) => r.shrink === r.expected), rows.map((r) => `${r.kvHeads}: ×${fmt(r.shrink as number)}`).join(", ")),
        check("output difference is 0 at H_kv = H", diffs[0] === 0, fmt(diffs[0])),
        check("output difference grows as H_kv shrinks", diffs.every((v, k) => k === 0 || v > diffs[k - 1]), diffs.map(fmt).join(" → ")),
      ],
      table: {
        columns: [
          { key: "kvHeads", label: "kv heads H_kv" },
          { key: "bytes", label: "cache size", unit: "bytes" },
          { key: "shrink", label: "shrink vs MHA" },
          { key: "expected", label: "H / H_kv" },
          { key: "difference", label: "relative output difference" },
        ],
        rows,
      },
      plot: {
        mark: "bar",
        x: { key: "label", label: "key/value heads (H = 8 query heads)", scale: "band" },
        y: { key: "kib", label: "KV cache", unit: "KiB" },
        rows: rows.map((r) => ({ label: `H_kv = ${r.kvHeads}`, kib: (r.bytes as number) / 1024 })),
        caption: `Bytes the cache holds after ${T} tokens (float64) for one layer, by number of key/value heads.`,
      },
    };
  },
});
