import {
  AdamW,
  Rng,
  Tensor,
  add,
  causalMask,
  crossEntropy,
  crossEntropyBackward,
  embed,
  embedBackward,
  encoderLayerWithPullback,
  initEncoderLayer,
  layerNorm,
  layerNormBackward,
  linear,
  linearBackward,
  randn,
  warmupCosine,
  type EncoderLayerConfig,
  type EncoderLayerGrads,
  type EncoderLayerWeights,
} from "@qkv/core";
import { check, defineExperiment, fmt, mean, type Row } from "@qkv/experiments";

type Placement = "post" | "pre";
const V = 16;
const T = 16;
const d = 32;
const DEPTH = 6;
const LR = 0.01;

/** A small causal language model: token + learned position embeddings, encoder layers under a causal mask, a head. */
interface Model {
  E: Tensor;
  P: Tensor;
  layers: EncoderLayerWeights[];
  W_out: Tensor;
}

/** Sequences x_{t+1} = x_t + k (mod V) with k drawn per sequence: the next token needs the previous two. */
function batchOf(rng: Rng, B: number): { ids: Tensor; targets: number[] } {
  const ids: number[] = [];
  const targets: number[] = [];
  for (let b = 0; b < B; b++) {
    const k = 1 + rng.int(V - 1);
    let x = rng.int(V);
    for (let t = 0; t < T; t++) {
      ids.push(x);
      x = (x + k) % V;
      targets.push(x);
    }
  }
  return { ids: new Tensor(Float64Array.from(ids), [B, T]), targets };
}

/** Every tensor of a nested weights object by dotted path (the optimiser keeps its moments by name). */
function named(value: unknown, prefix: string, out: Record<string, Tensor> = {}): Record<string, Tensor> {
  if (value instanceof Tensor) out[prefix] = value;
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) named(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function rebuild<W>(value: W, tensors: Record<string, Tensor>, prefix = ""): W {
  if (value instanceof Tensor) return tensors[prefix] as W;
  if (Array.isArray(value)) return value.map((v, i) => rebuild(v, tensors, prefix ? `${prefix}.${i}` : String(i))) as W;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebuild(v, tensors, prefix ? `${prefix}.${k}` : k)])) as W;
  return value;
}

/** Mean cross-entropy of next-token prediction and its gradient for every weight, by the same dotted names. */
function lossAndGrads(m: Model, placement: Placement, ids: Tensor, targets: number[]): { loss: number; grads: Record<string, Tensor> } {
  const [B] = ids.shape;
  const config: EncoderLayerConfig = { numHeads: 4, activation: "relu", norm: placement };
  const positions = new Tensor(new Float64Array(B * T * d), [B, T, d]);
  for (let b = 0; b < B; b++) positions.data.set(m.P.data, b * T * d);
  let x = add(embed(m.E, ids), positions); // (B, T, d)
  const backs: ((dy: Tensor) => { dSrc: Tensor; grads: EncoderLayerGrads })[] = [];
  for (const w of m.layers) {
    const r = encoderLayerWithPullback(x, w, config, { srcMask: causalMask(T) });
    backs.push(r.backward);
    x = r.output;
  }
  const h = (placement === "pre" ? layerNorm(x) : x).reshape([B * T, d]); // Pre-LN ends with a final LayerNorm
  const logits = linear(h, m.W_out);
  const head = linearBackward(h, m.W_out, crossEntropyBackward(logits, targets, { mean: 1 }));
  let dy = head.dx.reshape([B, T, d]);
  if (placement === "pre") dy = layerNormBackward(x, dy, {}).dx;
  const layers: EncoderLayerGrads[] = new Array(m.layers.length);
  for (let l = m.layers.length - 1; l >= 0; l--) {
    const r = backs[l](dy);
    layers[l] = r.grads;
    dy = r.dSrc;
  }
  const dP = Tensor.zeros([T, d]);
  for (let b = 0; b < B; b++) for (let i = 0; i < T * d; i++) dP.data[i] += dy.data[b * T * d + i];
  const grads = named({ E: embedBackward(ids, dy, V), P: dP, layers, W_out: head.dW }, "");
  return { loss: crossEntropy(logits, targets).mean, grads };
}

/** Trains one model with AdamW and a warm-up + cosine schedule; returns the loss of every step. */
function train(placement: Placement, warmupSteps: number, steps: number, B: number): number[] {
  const rng = new Rng(1); // the same initial weights and data for every run of a placement
  const init = (): Model => ({
    E: randn([V, d], rng),
    P: randn([T, d], rng, 0.1),
    layers: Array.from({ length: DEPTH }, () =>
      initEncoderLayer({ numHeads: 4, activation: "relu", norm: placement, dModel: d, ffnHidden: 4 * d }, rng, Math.sqrt(2 / (5 * d))),
    ),
    W_out: randn([d, V], rng, Math.sqrt(2 / (d + V))),
  });
  let model = init();
  const optimizer = new AdamW({ lr: LR, betas: [0.9, 0.98], weightDecay: 0 });
  const lr = warmupCosine({ peakLr: LR, warmupSteps, totalSteps: steps });
  const data = new Rng(2);
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const { ids, targets } = batchOf(data, B);
    const { loss, grads } = lossAndGrads(model, placement, ids, targets);
    losses.push(loss);
    model = rebuild(model, optimizer.step(named(model, ""), grads, lr(s)));
  }
  return losses;
}

type Run = { placement: Placement; warmup: boolean };
const RUNS: Run[] = [
  { placement: "post", warmup: false },
  { placement: "post", warmup: true },
  { placement: "pre", warmup: false },
  { placement: "pre", warmup: true },
];
const name = (r: Run) => `${r.placement === "post" ? "Post-LN" : "Pre-LN"}, ${r.warmup ? "warm-up" : "no warm-up"}`;

export default defineExperiment<"warmup-ignored">({
  id: "post-ln-warmup",
  title: "Post-LN needs learning-rate warm-up; Pre-LN does not",
  claim:
    "At a learning rate where a Pre-LN Transformer trains without warm-up and gains little from it, the same Post-LN Transformer without warm-up never gets below the loss of a uniform guess, while with warm-up it learns.",
  method: `A small causal language model (token and learned position embeddings, ${DEPTH} encoder layers of width ${d}
with 4 heads under a causal mask, a linear head) learns sequences $x_{t+1} = x_t + k \\bmod ${V}$ with $k$ drawn per
sequence, so each prediction needs the two previous tokens. Forward and backward run on core
(\`encoderLayerWithPullback\`, \`linearBackward\`, \`embedBackward\`, \`crossEntropyBackward\`), with \`AdamW\`
($\\beta = (0.9, 0.98)$, no weight decay) at peak learning rate ${LR} under \`warmupCosine\`: either no warm-up or a
linear warm-up over the first quarter of the steps. The same seeds give every run the same initial weights (per
placement) and batches. A run's result is its best 10-step mean loss (did it learn at all?); the final 10-step mean
is reported too. $\\ln ${V} \\approx ${Math.log(V).toFixed(3)}$ is the loss of a uniform guess.

PASS when Post-LN without warm-up never gets more than 0.05 below the uniform loss (or diverges), Post-LN with
warm-up and Pre-LN without it get at least 0.3 below it, and warm-up changes Pre-LN's best loss by less than half
as much as Post-LN's.

What the final losses show besides (figures): at this learning rate Post-LN stays fragile even after its warm-up,
and in the longer full run it gives back part of what it learned, while Pre-LN keeps improving. A lower learning
rate (0.005) lets Post-LN recover without warm-up within 200 steps: the need for warm-up is a matter of learning
rate, as Xiong et al. (2020) describe.`,
  breaks: { "warmup-ignored": "the warm-up runs use no warm-up either" },
  run({ mode, broken, progress }) {
    const steps = mode === "full" ? 200 : 80;
    const B = 4;
    const uniform = Math.log(V);
    const curves: Row[] = [];
    const finals = new Map<string, number>();
    const lasts = new Map<string, number>();
    for (const [i, r] of RUNS.entries()) {
      const warmup = r.warmup && broken !== "warmup-ignored" ? Math.floor(steps / 4) : 0;
      const losses = train(r.placement, warmup, steps, B);
      // Best 10-step mean over the run: whether the model learned at all, even if a later step undid it.
      let best = Infinity;
      for (let s = 10; s <= losses.length; s++) best = Math.min(best, mean(losses.slice(s - 10, s)));
      finals.set(name(r), Number.isFinite(best) ? best : Infinity);
      const last = mean(losses.slice(-10));
      lasts.set(name(r), Number.isFinite(last) ? last : Infinity);
      losses.forEach((loss, step) => {
        if (step % 2 === 0 || step === steps - 1) curves.push({ step, loss: Number.isFinite(loss) ? loss : uniform * 4, run: name(r) });
      });
      progress((i + 1) / RUNS.length);
    }
    const f = (placement: Placement, warmup: boolean) => finals.get(name({ placement, warmup }))!;
    const postGain = f("post", false) - f("post", true);
    const preGain = Math.abs(f("pre", false) - f("pre", true));
    return {
      figures: [
        ...RUNS.map((r) => ({ label: `best loss, ${name(r)}`, value: finals.get(name(r))!, unit: "nats" })),
        ...RUNS.map((r) => ({ label: `final loss, ${name(r)}`, value: lasts.get(name(r))!, unit: "nats" })),
        { label: "uniform guess ln V", value: uniform, unit: "nats" },
      ],
      checks: [
        check("Post-LN without warm-up never gets 0.05 below the uniform loss (or diverges)", f("post", false) >= uniform - 0.05, `best ${fmt(f("post", false))} vs ln V = ${fmt(uniform)}`),
        check("Post-LN with warm-up gets ≥ 0.3 below the uniform loss", f("post", true) <= uniform - 0.3, `best ${fmt(f("post", true))}`),
        check("Pre-LN without warm-up gets ≥ 0.3 below the uniform loss", f("pre", false) <= uniform - 0.3, `best ${fmt(f("pre", false))}`),
        check("warm-up changes Pre-LN's best loss by less than half as much as Post-LN's", preGain < 0.5 * postGain, `Pre-LN ${fmt(preGain)}, Post-LN ${fmt(postGain)}`),
      ],
      table: {
        columns: [
          { key: "run", label: "run" },
          { key: "best", label: "best 10-step loss", unit: "nats" },
          { key: "final", label: "final 10-step loss", unit: "nats" },
        ],
        rows: RUNS.map((r) => ({ run: name(r), best: finals.get(name(r))!, final: lasts.get(name(r))! })),
      },
      plot: {
        mark: "line",
        x: { key: "step", label: "optimiser step" },
        y: { key: "loss", label: "training loss (cross-entropy)", unit: "nats" },
        series: "run",
        rows: curves,
        caption: `Training loss of the same model at learning rate ${LR}, with and without warm-up, Post-LN against Pre-LN (ln ${V} = ${fmt(uniform)} is a uniform guess).`,
      },
    };
  },
});
