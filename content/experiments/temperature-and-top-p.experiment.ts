import { Rng, applyTemperature, argmax, randn, softmax, topPFilter } from "@qkv/core";
import { check, defineExperiment, entropy, fmt, type Row } from "@qkv/experiments";

export default defineExperiment<"temperature-multiplies">({
  id: "temperature-and-top-p",
  title: "Temperature and top-p do what they promise",
  claim:
    "Raising the temperature raises the entropy of the sampling distribution monotonically, a temperature near 0 approaches greedy decoding, and top-p keeps the smallest set of most likely tokens whose probability reaches p.",
  method: `Random logits over a vocabulary of 64 tokens. For temperatures from 0.001 to 20, divide the logits with
\`applyTemperature\` and measure the entropy (nats) and the largest probability of the softmax. For
$p \\in \\{0.1, …, 0.99\\}$, apply \`topPFilter\` and check the kept set: its probability mass reaches $p$, dropping
its least likely member falls below $p$ (smallest), and no removed token is more likely than a kept one (most
likely first).

PASS when the entropy never falls as the temperature rises and approaches $\\ln 64$, at $T = 0.001$ the top token
holds > 0.99 of the mass and is the greedy (argmax) token, and every top-p set passes its three checks.`,
  breaks: { "temperature-multiplies": "logits are multiplied by the temperature instead of divided" },
  run({ mode, broken, progress }) {
    const V = 64;
    const rng = new Rng(10);
    const trials = mode === "full" ? 20 : 4;
    const temperatures = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20];
    const ps = [0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99];
    const rows: Row[] = [];
    let monotone = true;
    let greedy = true;
    let topPOk = true;
    let worstTopP = "";
    let lowestTop = 1;
    let highestEntropy = 0;
    const entropySum = new Float64Array(temperatures.length);
    for (let trial = 0; trial < trials; trial++) {
      const logits = randn([V], rng, 2);
      const greedyToken = argmax(logits).data[0];
      const hs = temperatures.map((T, i) => {
        const scaled = broken === "temperature-multiplies" ? applyTemperature(logits, 1 / T) : applyTemperature(logits, T);
        const p = softmax(scaled).data;
        const h = entropy(p);
        entropySum[i] += h;
        if (i === 0) {
          lowestTop = Math.min(lowestTop, Math.max(...p));
          greedy &&= Math.max(...p) > 0.99 && argmax(scaled).data[0] === greedyToken;
        }
        return h;
      });
      highestEntropy = Math.max(highestEntropy, hs[hs.length - 1]);
      // Non-decreasing at every step (at the coldest temperatures the entropy can underflow to exactly 0 twice).
      monotone &&= hs.every((h, i) => i === 0 || h >= hs[i - 1]) && hs[hs.length - 1] > hs[0];
      const probs = softmax(logits).data;
      for (const p of ps) {
        const kept = topPFilter(logits, p).data;
        const keptP = Array.from(probs).filter((_, j) => Number.isFinite(kept[j]));
        const removedP = Array.from(probs).filter((_, j) => !Number.isFinite(kept[j]));
        const mass = keptP.reduce((a, b) => a + b, 0);
        const smallest = Math.min(...keptP);
        const ok = mass >= p - 1e-12 && mass - smallest < p && removedP.every((r) => r <= smallest);
        if (!ok && topPOk) worstTopP = `trial ${trial}, p = ${p}: ${keptP.length} kept, mass ${fmt(mass)}`;
        topPOk &&= ok;
        if (trial === 0) rows.push({ kind: "top-p", setting: p, kept: keptP.length, mass });
      }
      progress((trial + 1) / trials);
    }
    const entropyRows: Row[] = temperatures.map((T, i) => ({ temperature: T, entropy: entropySum[i] / trials }));
    return {
      figures: [
        { label: "mean entropy at T = 0.001", value: entropyRows[0].entropy as number, unit: "nats" },
        { label: "mean entropy at T = 20", value: entropyRows[entropyRows.length - 1].entropy as number, unit: "nats" },
        { label: "ln V (uniform)", value: Math.log(V), unit: "nats" },
        { label: "smallest top-token probability at T = 0.001", value: lowestTop },
      ],
      checks: [
        check("entropy never falls as the temperature rises (and rises overall), in every trial", monotone, entropyRows.map((r) => fmt(r.entropy as number)).join(" → ")),
        check("at T = 20 the entropy is within 5 % of ln V", highestEntropy > 0.95 * Math.log(V), `${fmt(highestEntropy)} vs ${fmt(Math.log(V))}`),
        check("at T = 0.001 the top token holds > 0.99 and is the greedy token", greedy, `smallest top probability ${fmt(lowestTop)}`),
        check("top-p keeps the smallest most-likely set reaching p, for every p and trial", topPOk, topPOk ? `${ps.length * trials} sets` : worstTopP),
      ],
      table: {
        columns: [
          { key: "kind", label: "setting" },
          { key: "setting", label: "value" },
          { key: "entropy", label: "mean entropy", unit: "nats" },
          { key: "kept", label: "tokens kept (trial 1)" },
          { key: "mass", label: "mass kept (trial 1)" },
        ],
        rows: [
          ...entropyRows.map((r) => ({ kind: "temperature", setting: r.temperature, entropy: r.entropy, kept: "–", mass: "–" })),
          ...rows.map((r) => ({ ...r, entropy: "–" })),
        ],
      },
      plot: {
        mark: "line",
        x: { key: "temperature", label: "temperature", scale: "log" },
        y: { key: "entropy", label: "entropy of the sampling distribution", unit: "nats" },
        rows: entropyRows,
        caption: `Mean entropy of softmax(logits / T) over ${trials} random logit vectors (V = ${V}); ln V = ${fmt(Math.log(V))} is uniform.`,
      },
    };
  },
});
