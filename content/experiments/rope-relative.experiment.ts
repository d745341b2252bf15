import { Rng, applyRope, randn, sinusoidalEncoding, Tensor, type RopeConvention } from "@qkv/core";
import { check, defineExperiment, fmt, type Row } from "@qkv/experiments";

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

export default defineExperiment<"absolute-positions">({
  id: "rope-relative",
  title: "RoPE scores depend only on the offset",
  claim: "With RoPE the score q·k depends only on the relative offset between query and key, for any pair of absolute positions.",
  method: `A random query and key (head size 64). For offsets $\\Delta \\in \\{0, 1, 4, 16\\}$ place the key at every
absolute position $m$ and the query at $m + \\Delta$, rotate both with \`applyRope\` (both conventions) and take
$q\\cdot k$. For contrast, add sinusoidal encodings instead ($(q + PE_{m+\\Delta})\\cdot(k + PE_m)$). The spread of
the score across $m$, relative to $|q||k|$, is what must vanish.

PASS when the RoPE spread is below $10^{-12}$ for every offset and both conventions, and the sinusoidal spread is
above $10^{-2}$ (absolute encodings do not have the property).`,
  breaks: { "absolute-positions": "the RoPE path adds sinusoidal encodings instead of rotating" },
  run({ mode, broken, progress }) {
    const hd = 64;
    const positions = mode === "full" ? 256 : 32;
    const offsets = [0, 1, 4, 16];
    const rng = new Rng(13);
    const q = randn([hd], rng);
    const k = randn([hd], rng);
    const unit = Math.sqrt(dot(q.data, q.data) * dot(k.data, k.data));
    const pe = sinusoidalEncoding(positions + 16, hd);
    const at = (v: Tensor, pos: number, how: RopeConvention | "sinusoidal"): ArrayLike<number> => {
      if (how === "sinusoidal" || broken === "absolute-positions") {
        const out = new Float64Array(hd);
        for (let i = 0; i < hd; i++) out[i] = v.data[i] + pe.data[pos * hd + i];
        return out;
      }
      return applyRope(v.reshape([1, 1, hd]), { convention: how, startPos: pos }).data;
    };
    const rows: Row[] = [];
    const spreads: Record<string, number[]> = { interleaved: [], rotate_half: [], sinusoidal: [] };
    for (const [i, delta] of offsets.entries()) {
      for (const how of ["interleaved", "rotate_half", "sinusoidal"] as const) {
        const scores: number[] = [];
        for (let m = 0; m < positions; m++) scores.push(dot(at(q, m + delta, how), at(k, m, how)) / unit);
        spreads[how].push(Math.max(...scores) - Math.min(...scores));
        if (how !== "interleaved" && (delta === 1 || delta === 16))
          scores.forEach((s, m) => rows.push({ keyPosition: m, score: s, encoding: `${how === "rotate_half" ? "RoPE" : "sinusoidal"}, Δ = ${delta}` }));
      }
      progress((i + 1) / offsets.length);
    }
    const table: Row[] = offsets.map((delta, i) => ({
      offset: delta,
      interleaved: spreads.interleaved[i],
      rotate_half: spreads.rotate_half[i],
      sinusoidal: spreads.sinusoidal[i],
    }));
    return {
      figures: [
        { label: "largest RoPE spread across positions", value: Math.max(...spreads.interleaved, ...spreads.rotate_half) },
        { label: "smallest sinusoidal spread", value: Math.min(...spreads.sinusoidal) },
      ],
      checks: [
        check("RoPE (interleaved): spread < 1e-12 for every offset", spreads.interleaved.every((s) => s < 1e-12), spreads.interleaved.map(fmt).join(", ")),
        check("RoPE (rotate_half): spread < 1e-12 for every offset", spreads.rotate_half.every((s) => s < 1e-12), spreads.rotate_half.map(fmt).join(", ")),
        check("sinusoidal added: spread > 1e-2 for every offset", spreads.sinusoidal.every((s) => s > 1e-2), spreads.sinusoidal.map(fmt).join(", ")),
      ],
      table: {
        columns: [
          { key: "offset", label: "offset Δ" },
          { key: "interleaved", label: "spread, RoPE interleaved" },
          { key: "rotate_half", label: "spread, RoPE rotate_half" },
          { key: "sinusoidal", label: "spread, sinusoidal added" },
        ],
        rows: table,
      },
      plot: {
        mark: "line",
        x: { key: "keyPosition", label: "absolute key position m", unit: "tokens" },
        y: { key: "score", label: "q·k / (|q||k|)" },
        series: "encoding",
        rows,
        caption: `The same query and key placed at every absolute position with a fixed offset Δ: RoPE gives a flat line.`,
      },
    };
  },
});
