import { Rng, randn, softmax, Tensor } from "@qkv/core";
import { check, defineExperiment, fmt, maxAbsDiff, type Row } from "@qkv/experiments";

/** Softmax straight from the definition, e^{x_i} / Σ e^{x_j}, without subtracting the maximum. */
function naiveSoftmax(x: ArrayLike<number>): Float64Array {
  const e = Float64Array.from(x, Math.exp);
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export default defineExperiment<"no-max-subtraction">({
  id: "stable-softmax",
  title: "Subtracting the maximum makes softmax overflow-proof without changing it",
  claim:
    "Softmax is unchanged when a constant is added to every logit, so subtracting the maximum gives the same probabilities while never overflowing, where the textbook formula returns NaN once logits pass about 709.",
  method: `Random logit rows (16 per offset, 32 logits each, standard normal) are shifted by constants $c$ from 0 to
$10^4$. Core's \`softmax\` (which subtracts the row maximum) of $x + c$ is compared with its softmax of $x$; the
textbook formula $e^{x_i}/\\sum_j e^{x_j}$ is evaluated on the same rows. $e^{x}$ overflows float64 for $x > 709.78$.

PASS when core's output stays within $10^{-9}$ of the unshifted result and finite for every shift (forming
$x + c$ already rounds each logit to float64's spacing at $c$, about $2·10^{-12}$ at $10^4$), while the
textbook formula agrees for small shifts but returns NaN for shifts of 1000 and above.`,
  breaks: { "no-max-subtraction": "core's softmax is replaced by the textbook formula" },
  run({ mode, broken, progress }) {
    const shifts = mode === "full" ? [0, 1, 10, 100, 500, 700, 710, 1000, 1e4] : [0, 10, 700, 1000, 1e4];
    const rowsPer = mode === "full" ? 64 : 16;
    const rng = new Rng(17);
    const x = randn([rowsPer, 32], rng);
    const naiveRows = (t: Tensor) => {
      const out = new Float64Array(t.size);
      for (let r = 0; r < rowsPer; r++) out.set(naiveSoftmax(t.data.subarray(r * 32, (r + 1) * 32)), r * 32);
      return out;
    };
    const stable = (t: Tensor) => (broken === "no-max-subtraction" ? naiveRows(t) : softmax(t).data);
    const reference = softmax(x).data;
    const rows: Row[] = [];
    for (const [i, c] of shifts.entries()) {
      const shifted = new Tensor(x.data.map((v) => v + c), x.shape);
      const core = stable(shifted);
      const naive = naiveRows(shifted);
      const nanCount = (a: ArrayLike<number>) => Array.from(a).filter((v) => !Number.isFinite(v)).length;
      rows.push({
        shift: c,
        coreDiff: nanCount(core) ? Infinity : maxAbsDiff(core, reference),
        coreNonFinite: nanCount(core),
        naiveDiff: nanCount(naive) ? Infinity : maxAbsDiff(naive, reference),
        naiveNonFinite: nanCount(naive),
      });
      progress((i + 1) / shifts.length);
    }
    const big = rows.filter((r) => (r.shift as number) >= 1000);
    const small = rows.filter((r) => (r.shift as number) <= 10);
    return {
      figures: [
        { label: "core: largest deviation over all shifts", value: Math.max(...rows.map((r) => r.coreDiff as number)) },
        { label: "textbook formula: non-finite outputs at shift 1000", value: big[0].naiveNonFinite as number, unit: `of ${rowsPer * 32}` },
      ],
      checks: [
        check("core softmax of x + c equals softmax of x to 1e-9, finite, for every shift", rows.every((r) => (r.coreDiff as number) < 1e-9), rows.map((r) => fmt(r.coreDiff as number)).join(", ")),
        check("the textbook formula agrees for shifts ≤ 10", small.every((r) => (r.naiveDiff as number) < 1e-12), small.map((r) => fmt(r.naiveDiff as number)).join(", ")),
        check("the textbook formula gives non-finite values for shifts ≥ 1000", big.every((r) => (r.naiveNonFinite as number) > 0), big.map((r) => `${r.naiveNonFinite} non-finite`).join(", ")),
      ],
      table: {
        columns: [
          { key: "shift", label: "shift c" },
          { key: "coreDiff", label: "core: max |Δp|" },
          { key: "coreNonFinite", label: "core: non-finite" },
          { key: "naiveDiff", label: "textbook: max |Δp|" },
          { key: "naiveNonFinite", label: "textbook: non-finite" },
        ],
        rows: rows.map((r) => ({ ...r, coreDiff: Number.isFinite(r.coreDiff) ? r.coreDiff : "NaN", naiveDiff: Number.isFinite(r.naiveDiff) ? r.naiveDiff : "NaN" })),
      },
      plot: {
        mark: "line",
        x: { key: "shift", label: "shift c added to every logit", scale: "log" },
        y: { key: "fraction", label: "fraction of probabilities that are NaN or ∞" },
        series: "softmax",
        rows: rows
          .filter((r) => (r.shift as number) > 0)
          .flatMap((r) => [
            { shift: r.shift, fraction: (r.coreNonFinite as number) / (rowsPer * 32), softmax: "max subtracted (core)" },
            { shift: r.shift, fraction: (r.naiveNonFinite as number) / (rowsPer * 32), softmax: "textbook e^x / Σe^x" },
          ]),
        caption: "Share of non-finite softmax outputs as the logits are shifted: the textbook formula breaks past e^709.",
      },
    };
  },
});
