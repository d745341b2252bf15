import { Rng, layerNorm, randn, rmsNorm, Tensor } from "@qkv/core";
import { check, defineExperiment, fmt, maxAbsDiff, mean, type Row } from "@qkv/experiments";

type Norm = "LayerNorm" | "RMSNorm";
type Change = "scale ×a" | "shift +c" | "centred input";

export default defineExperiment<"rms-norm-centres">({
  id: "norm-invariances",
  title: "RMSNorm keeps LayerNorm's re-scaling invariance and drops the re-centring",
  claim:
    "LayerNorm's output is unchanged when a token vector is scaled or shifted, RMSNorm's only when it is scaled, and on zero-mean vectors the two are equal.",
  method: `Random token vectors ($d = 64$, eps = 0). Compare each norm's output on $x$ with its output on $a·x$
($a > 0$ random), on $x + c$ ($c$ a random constant per token), and, for zero-mean $x$ (centred first), compare
\`rmsNorm(x)\` with \`layerNorm(x)\` directly. Differences are max absolute, relative to the output's largest value.

PASS when LayerNorm changes by less than $10^{-12}$ under both scale and shift, RMSNorm by less than $10^{-12}$
under scale and by more than $10^{-2}$ under shift, and the two agree to $10^{-12}$ on centred input.`,
  breaks: { "rms-norm-centres": "the RMSNorm side subtracts the mean first (it becomes LayerNorm)" },
  run({ mode, broken, progress }) {
    const d = 64;
    const tokens = mode === "full" ? 256 : 32;
    const rng = new Rng(16);
    const norms: Record<Norm, (x: Tensor) => Tensor> = {
      LayerNorm: (x) => layerNorm(x, { eps: 0 }),
      RMSNorm: (x) => (broken === "rms-norm-centres" ? layerNorm(x, { eps: 0 }) : rmsNorm(x, { eps: 0 })),
    };
    const x = randn([tokens, d], rng, 3);
    const scaled = new Tensor(x.data.slice(), x.shape);
    const shifted = new Tensor(x.data.slice(), x.shape);
    const centred = new Tensor(x.data.slice(), x.shape);
    for (let t = 0; t < tokens; t++) {
      const a = 0.1 + 10 * rng.uniform();
      const c = 5 * rng.normal();
      const m = mean(x.data.subarray(t * d, (t + 1) * d));
      for (let j = 0; j < d; j++) {
        const i = t * d + j;
        scaled.data[i] *= a;
        shifted.data[i] += c;
        centred.data[i] -= m;
      }
    }
    const rel = (a: Tensor, b: Tensor) => maxAbsDiff(a.data, b.data) / Math.max(...Array.from(a.data, Math.abs));
    const rows: Row[] = [];
    for (const [i, norm] of (["LayerNorm", "RMSNorm"] as Norm[]).entries()) {
      const f = norms[norm];
      const base = f(x);
      rows.push({ norm, change: "scale ×a" satisfies Change, difference: rel(base, f(scaled)) });
      rows.push({ norm, change: "shift +c" satisfies Change, difference: rel(base, f(shifted)) });
      progress((i + 1) / 3);
    }
    const agree = rel(norms.LayerNorm(centred), norms.RMSNorm(centred));
    rows.push({ norm: "RMSNorm vs LayerNorm", change: "centred input" satisfies Change, difference: agree });
    progress(1);
    const get = (norm: string, change: Change) => rows.find((r) => r.norm === norm && r.change === change)!.difference as number;
    return {
      figures: [
        { label: "RMSNorm change under a shift", value: get("RMSNorm", "shift +c") },
        { label: "LayerNorm change under a shift", value: get("LayerNorm", "shift +c") },
        { label: "RMSNorm vs LayerNorm on centred input", value: agree },
      ],
      checks: [
        check("LayerNorm: scale and shift change the output by < 1e-12", get("LayerNorm", "scale ×a") < 1e-12 && get("LayerNorm", "shift +c") < 1e-12, `${fmt(get("LayerNorm", "scale ×a"))}, ${fmt(get("LayerNorm", "shift +c"))}`),
        check("RMSNorm: scale changes the output by < 1e-12", get("RMSNorm", "scale ×a") < 1e-12, fmt(get("RMSNorm", "scale ×a"))),
        check("RMSNorm: shift changes the output by > 1e-2", get("RMSNorm", "shift +c") > 1e-2, fmt(get("RMSNorm", "shift +c"))),
        check("on zero-mean input RMSNorm = LayerNorm to 1e-12", agree < 1e-12, fmt(agree)),
      ],
      table: {
        columns: [
          { key: "norm", label: "normalisation" },
          { key: "change", label: "input change" },
          { key: "difference", label: "relative max |Δ output|" },
        ],
        rows,
      },
      plot: {
        mark: "dot",
        x: { key: "change", label: "input change", scale: "band" },
        y: { key: "shown", label: "relative change of the output (floor 1e-18)", scale: "log" },
        series: "norm",
        rows: rows.map((r) => ({ ...r, shown: Math.max(r.difference as number, 1e-18) })),
        caption: "How much each normalisation's output moves when the input token is rescaled or shifted (and RMSNorm against LayerNorm on centred input).",
      },
    };
  },
});
