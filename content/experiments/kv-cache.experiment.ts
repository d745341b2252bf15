import { KVCache, Rng, gpt2, gpt2Cached, initGpt2, type Gpt2Config } from "@qkv/core";
import { check, defineExperiment, fmt, logLogSlope, maxAbsDiff, type Row } from "@qkv/experiments";

export default defineExperiment<"cache-without-history">({
  id: "kv-cache",
  title: "A KV cache changes the work, not the logits",
  claim:
    "Decoding with a KV cache gives the same logits as recomputing the whole sequence while turning the attention work per step from growing with T² into growing with T.",
  method: `A small random GPT-2 (\`initGpt2\`: 2 layers, d = 32, 4 heads). At each step $t$ the next-token logits come
(a) from \`gpt2\` on all $t$ tokens and (b) from \`gpt2Cached\` on the newest token with a \`KVCache\` carried
over. Attention work per step and layer is counted as score entries: queries × keys, i.e. $t·t$ for the recompute
and $1·S$ for the cache, where $S$ is the number of keys the cache actually holds after the step. Slopes are fitted
on log-log axes over the second half of the steps.

PASS when the logits agree to $10^{-12}$ at every step, the cache holds exactly $t$ keys at step $t$, the
recompute's slope is in $[1.9, 2.1]$ and the cache's in $[0.9, 1.1]$.`,
  breaks: { "cache-without-history": "each step starts a fresh cache, so the new token attends to nothing before it" },
  run({ mode, broken, progress }) {
    const T = mode === "full" ? 64 : 16;
    const config: Gpt2Config = { vocabSize: 50, contextLength: 64, dModel: 32, numHeads: 4, numLayers: 2 };
    const rng = new Rng(11);
    const weights = initGpt2(config, rng, 0.2);
    const ids = Array.from({ length: T }, () => rng.int(config.vocabSize));
    let cache = new KVCache(config.numLayers);
    const rows: Row[] = [];
    let worst = 0;
    let heldOk = true;
    for (let t = 1; t <= T; t++) {
      const full = gpt2(weights, config, ids.slice(0, t)).logits;
      const last = full.data.subarray((t - 1) * config.vocabSize, t * config.vocabSize);
      if (broken === "cache-without-history") cache = new KVCache(config.numLayers);
      const cached = gpt2Cached(weights, config, cache, [ids[t - 1]]).data;
      const diff = maxAbsDiff(last, cached);
      worst = Math.max(worst, diff);
      heldOk &&= cache.size === t;
      rows.push({ step: t, recompute: t * t, cached: 1 * cache.size, diff });
      progress(t / T);
    }
    const tail = rows.slice(Math.floor(T / 2));
    const steps = tail.map((r) => r.step as number);
    const slopeFull = logLogSlope(steps, tail.map((r) => r.recompute as number));
    const slopeCached = logLogSlope(steps, tail.map((r) => r.cached as number));
    return {
      figures: [
        { label: "largest |Δ logit| cached vs recomputed", value: worst },
        { label: "slope of work per step, recompute", value: slopeFull },
        { label: "slope of work per step, KV cache", value: slopeCached },
      ],
      checks: [
        check("logits agree to 1e-12 at every step", worst <= 1e-12, `max |Δ| = ${fmt(worst)}`),
        check("the cache holds exactly t keys at step t", heldOk, `${rows[rows.length - 1].cached} keys at step ${T}`),
        check("recompute work slope ∈ [1.9, 2.1]", slopeFull >= 1.9 && slopeFull <= 2.1, fmt(slopeFull)),
        check("KV-cache work slope ∈ [0.9, 1.1]", slopeCached >= 0.9 && slopeCached <= 1.1, fmt(slopeCached)),
      ],
      table: {
        columns: [
          { key: "step", label: "step t" },
          { key: "recompute", label: "score entries per layer, recompute" },
          { key: "cached", label: "score entries per layer, KV cache" },
          { key: "diff", label: "max |Δ logit|" },
        ],
        rows,
      },
      plot: {
        mark: "line",
        x: { key: "step", label: "decoding step t", unit: "tokens", scale: "log" },
        y: { key: "work", label: "attention score entries per layer", scale: "log" },
        series: "decoding",
        rows: rows.flatMap((r) => [
          { step: r.step, work: r.recompute, decoding: "recompute all" },
          { step: r.step, work: r.cached, decoding: "KV cache" },
        ]),
        caption: "Attention work per decoding step with and without a KV cache (log-log: slope 2 against slope 1).",
      },
    };
  },
});
