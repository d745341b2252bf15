import { Tensor, type Gpt2Checkpoint } from "@qkv/core";
import type { AttentionCell, WalkGenerator, WalkResult } from "./model-walk-model";
import { barsHtml, escapeHtml, fmt, matrixView, matrixViewHtml, type MatrixView } from "./render";
import { visibleChar } from "./trained-model-view";

/** Above this many positions the attention maps are colour only (values stay in data-value, the title and the readout). */
export const MAX_NUMBERED = 16;

/** "3:e": a position and its character, as row and column labels. */
function posLabel(chars: readonly string[], t: number): string {
  return `${t}:${visibleChar(chars[t])}`;
}

/** Rows of (T, d) tensors at one position, stacked into a (rows, d) matrix. */
function stackRows(rows: readonly Tensor[], t: number): Tensor {
  const d = rows[0].shape[1];
  const out = Tensor.zeros([rows.length, d]);
  rows.forEach((r, k) => out.data.set(r.data.subarray(t * d, (t + 1) * d), k * d));
  return out;
}

function maxAbs(...ts: Tensor[]): number {
  let m = 0;
  for (const t of ts) for (let i = 0; i < t.size; i++) m = Math.max(m, Math.abs(t.data[i]));
  return m;
}

function meanStd(t: Tensor, row: number): { mean: number; std: number } {
  const d = t.shape[1];
  const x = Array.from(t.data.subarray(row * d, (row + 1) * d));
  const mean = x.reduce((a, v) => a + v, 0) / d;
  return { mean, std: Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / d) };
}

/** Euclidean norm of one row of a (rows, d) matrix: how large a vector is, for the residual captions. */
function rowNorm(t: Tensor, row: number): number {
  const d = t.shape[1];
  let s = 0;
  for (let c = 0; c < d; c++) s += t.data[row * d + c] ** 2;
  return Math.sqrt(s);
}

const dims = (d: number): string[] => Array.from({ length: d }, (_, c) => String(c));

/** Every slot of the walk for one prompt (names as in ModelWalkDemo.astro). */
export function walkSlots(model: Gpt2Checkpoint, r: WalkResult): Record<string, string | MatrixView> {
  const { trace, chars, follow: p } = r;
  const T = chars.length;
  const d = model.config.dModel;
  const at = `position ${posLabel(chars, p)}`;
  const slots: Record<string, string | MatrixView> = {};

  // Tokens.
  const cols = chars.map((_, t) => `<td data-pos="${t}" data-id="${trace.context[t]}">${trace.context[t]}</td>`).join("");
  slots.tokens =
    `<div class="qkv-scroll" tabindex="0" role="group" aria-label="Characters and their token ids"><table class="qkv-table walk-ids" data-table="walk-tokens">` +
    `<tbody><tr><th scope="row">position</th>${chars.map((_, t) => `<td>${t}</td>`).join("")}</tr>` +
    `<tr><th scope="row">character</th>${chars.map((c) => `<td data-char="${escapeHtml(c)}">${escapeHtml(visibleChar(c))}</td>`).join("")}</tr>` +
    `<tr><th scope="row">token id</th>${cols}</tr></tbody></table></div>`;
  const dropped = r.dropped.length ? ` Not in the vocabulary, so skipped: ${r.dropped.map((c) => `<code>${escapeHtml(c)}</code>`).join(" ")}.` : "";
  slots["tokens-notice"] =
    `What to notice: one token per character, ${T} in all; the id is the character's place in the model's ${model.config.vocabSize}-character vocabulary, nothing more.${dropped}`;

  // Embeddings, one colour scale for the three.
  const range = maxAbs(trace.tokenEmbedding, trace.positionEmbedding, trace.embedding);
  const labels = chars.map((_, t) => posLabel(chars, t));
  const vec = (name: string, t: Tensor, rowLabels: string[], caption: string, scale = range): MatrixView =>
    matrixView(t, { name, rowLabels, colLabels: dims(t.shape[1]), range: scale, compact: true, titles: false, caption });
  slots["emb-tok"] = vec("walk-emb-tok", trace.tokenEmbedding, labels, "Token embeddings wte[id] (rows: positions, columns: the d = 64 dimensions)");
  slots["emb-pos"] = vec("walk-emb-pos", trace.positionEmbedding, labels, "Position embeddings wpe[position]");
  slots["emb-sum"] = vec("walk-emb-sum", trace.embedding, labels, "Their sum: what enters layer 0");
  const repeated = chars.findIndex((c, t) => chars.indexOf(c) !== t);
  const same = repeated > 0 ? ` “${escapeHtml(visibleChar(chars[repeated]))}” appears at positions ${chars.indexOf(chars[repeated])} and ${repeated}: identical rows of token embeddings, different rows of the sum.` : "";
  slots["emb-notice"] = `What to notice: all three share one colour scale (full colour = ${fmt(range, 3)}).${same} The position is the only thing that tells the model where a character stands.`;

  trace.layers.forEach((L, l) => {
    const lnRows = stackRows([L.input, L.ln1], p);
    slots[`l${l}-ln`] = vec(`walk-l${l}-ln`, lnRows, ["x", "LN₁(x)"], `Layer ${l}: the residual stream at ${at}, before and after LayerNorm`, maxAbs(lnRows));
    const a = meanStd(lnRows, 0);
    const b = meanStd(lnRows, 1);
    slots[`l${l}-ln-notice`] =
      `What to notice: LayerNorm re-centres and re-scales each position on its own: x has mean ${fmt(a.mean, 3)} and standard deviation ${fmt(a.std, 3)}; ` +
      `after normalising (then × γ + β, learned) ${fmt(b.mean, 3)} and ${fmt(b.std, 3)}. Both rows share one colour scale, so a faint x row means LayerNorm scaled it up.`;
    const H = L.weights.shape[0];
    for (let h = 0; h < H; h++) slots[`l${l}-head${h}`] = headView(r, l, h);
    let self = 0;
    let prev = 0;
    for (let h = 0; h < H; h++) {
      self += L.weights.get(h, p, p) / H;
      if (p > 0) prev += L.weights.get(h, p, p - 1) / H;
    }
    slots[`l${l}-heads-notice`] =
      `What to notice: everything above the diagonal is 0 (no character sees a later one) and each row sums to 1. The heads look at different things: ` +
      `averaged over the ${H} heads, ${at} puts ${fmt(self, 2)} on itself${p > 0 ? ` and ${fmt(prev, 2)} on the character before it` : ""}. Select a cell for the query and key behind it.`;
    const resRows = stackRows([L.input, L.attention, L.afterAttention], p);
    slots[`l${l}-res1`] = vec(`walk-l${l}-res1`, resRows, ["x", "attention", "x + attention"], `Layer ${l}: residual add at ${at}`, maxAbs(resRows));
    slots[`l${l}-res1-notice`] =
      `What to notice: attention's output (norm ${fmt(rowNorm(resRows, 1), 2)}) is added to x (norm ${fmt(rowNorm(resRows, 0), 2)}), not substituted for it: ` +
      `the sum keeps what x carried, and the layer only writes a change on top.`;
    const hidden = L.mlpHidden.index(p).reshape([4, d]);
    slots[`l${l}-mlp`] = vec(`walk-l${l}-mlp`, hidden, [0, 1, 2, 3].map((k) => `${k * d}–${(k + 1) * d - 1}`), `Layer ${l}: the ${4 * d} hidden activations gelu(LN₂(x) W_fc + b_fc) at ${at}`, maxAbs(hidden));
    const hd = hidden.data;
    const active = hd.filter((v) => v > 0.1).length;
    const low = Math.min(...hd);
    slots[`l${l}-mlp-notice`] =
      `What to notice: ${active} of ${4 * d} units are clearly on (> 0.1); GELU squashes the rest towards 0 and never goes below about −0.17 (lowest here: ${fmt(low, 3)}). ` +
      `The feed-forward works on each position alone: no other character enters this step.`;
    const res2 = stackRows([L.afterAttention, L.mlp, L.output], p);
    slots[`l${l}-res2`] = vec(`walk-l${l}-res2`, res2, ["x", "feed-forward", "x + feed-forward"], `Layer ${l}: second residual add at ${at}: the layer's output`, maxAbs(res2));
    slots[`l${l}-res2-notice`] = `What to notice: the feed-forward's output (norm ${fmt(rowNorm(res2, 1), 2)}) is again added to the stream (norm ${fmt(rowNorm(res2, 0), 2)}); this sum is what ${l + 1 < trace.layers.length ? `layer ${l + 1}` : "the final LayerNorm"} reads.`;
  });

  const fin = stackRows([trace.layers[trace.layers.length - 1].output, trace.lnF], p);
  slots.final = vec("walk-final", fin, ["x", "LN_f(x)"], `Final LayerNorm at ${at}`, maxAbs(fin));
  slots["final-notice"] = `What to notice: the last step before the vocabulary. The logits are this vector's dot products with every row of the token embedding table wte (the same table as the first step: the LM head is tied to it).`;

  // Logits → softmax → sampling, for the 10 most likely characters.
  const V = model.config.vocabSize;
  const order = Array.from({ length: V }, (_, i) => i).sort((x, y) => r.logits.data[y] - r.logits.data[x]).slice(0, 10);
  const barLabels = order.map((i) => visibleChar(model.tokenizer!.decode([i])));
  const pick = (t: Tensor) => order.map((i) => t.data[i]);
  slots.logits = barsHtml(pick(r.logits), { name: "walk-logits", labels: barLabels, digits: 2 });
  slots["logits-notice"] = `What to notice: logits are unbounded scores, one per character of the vocabulary (${V}), for the character after ${at}; only their differences matter.`;
  slots.softmax = barsHtml(pick(r.probs), { name: "walk-softmax", labels: barLabels, unit: true, digits: 3 });
  const top10 = pick(r.probs).reduce((x, y) => x + y, 0);
  slots["softmax-notice"] = `What to notice: softmax turns the logits into probabilities that sum to 1 over all ${V} characters; these 10 hold ${fmt(top10 * 100, 1)} % of it.`;
  slots.sampling = barsHtml(pick(r.sampling), { name: "walk-sampling", labels: barLabels, unit: true, digits: 3, kept: order.map((i) => r.sampling.data[i] > 0) });
  const kept = r.sampling.data.filter((v) => v > 0).length;
  const chosen = model.tokenizer!.decode([r.token]);
  slots["sampling-notice"] =
    `Rng(seed) draws u = <output data-u="${r.u}">${fmt(r.u, 4)}</output>; the first character whose cumulative probability passes u is ` +
    `<strong data-sampled="${r.token}">“${escapeHtml(visibleChar(chosen))}”</strong> (id ${r.token}). What to notice: ${kept} characters survive top-k; ` +
    `a lower temperature sharpens the distribution, a higher one flattens it, and the same seed always draws the same character.`;
  return slots;
}

/** Head h of layer l: the (T, T) attention weights as a heatmap; cells are selectable (see model-walk-client). */
export function headView(r: WalkResult, l: number, h: number): MatrixView {
  const w = r.trace.layers[l].weights.index(h); // (T, T)
  const labels = r.chars.map((_, t) => posLabel(r.chars, t));
  return matrixView(w, {
    name: `walk-l${l}-h${h}`,
    rowLabels: labels,
    colLabels: labels,
    scale: "unit",
    compact: r.chars.length > MAX_NUMBERED,
    caption: `Layer ${l}, head ${h} (rows: queries, columns: keys)`,
  });
}

/** The default cell to explain: the followed position's query and the key head 0 weighs most. */
export function defaultCell(r: WalkResult, l: number): { head: number; i: number; j: number } {
  const w = r.trace.layers[l].weights;
  const T = r.chars.length;
  let j = 0;
  for (let k = 1; k < T; k++) if (w.get(0, r.follow, k) > w.get(0, r.follow, j)) j = k;
  return { head: 0, i: r.follow, j };
}

/** One selected cell: q, k and q ⊙ k as a (3, hd) matrix, and the sum that gives its score. */
export function cellHtml(r: WalkResult, c: AttentionCell): string {
  const hd = c.q.length;
  const prod = c.q.map((v, k) => v * c.k[k]);
  const m = new Tensor(Float64Array.from([...c.q, ...c.k, ...prod]), [3, hd]);
  const qi = `“${escapeHtml(visibleChar(r.chars[c.i]))}” (position ${c.i})`;
  const kj = `“${escapeHtml(visibleChar(r.chars[c.j]))}” (position ${c.j})`;
  const table = matrixViewHtml(
    matrixView(m, { name: "walk-qk", rowLabels: [`q${c.i}`, `k${c.j}`, "q ⊙ k"], colLabels: dims(hd), digits: 2, titles: true, caption: `Layer ${c.layer}, head ${c.head}: query of ${visibleChar(r.chars[c.i])}, key of ${visibleChar(r.chars[c.j])}` }),
  );
  const masked = c.j > c.i;
  const scoreLine = masked
    ? `Key ${kj} comes after query ${qi}: the causal mask replaces this score by −∞, so its weight is <output data-weight="${c.weight}">${fmt(c.weight, 4)}</output>.`
    : `Score = q·k / √${hd} = ${fmt(c.score / c.scale, 4)} × ${fmt(c.scale, 4)} = <output data-score="${c.traced}">${fmt(c.traced, 4)}</output> (before the softmax); ` +
      `after the softmax over row ${c.i}: weight <output data-weight="${c.weight}">${fmt(c.weight, 4)}</output>.`;
  // Row i's scores and weights: the softmax that turns this score into this weight, against the other keys.
  const T = c.rowScores.length;
  const rowTable = matrixViewHtml(
    matrixView(new Tensor(Float64Array.from([...c.rowScores, ...c.rowWeights]), [2, T]), {
      name: "walk-row",
      rowLabels: ["score", "weight"],
      colLabels: r.chars.map((ch, t) => `${t}:${visibleChar(ch)}`),
      digits: 2,
      marked: (_, t) => t === c.j,
      caption: `Row ${c.i} of head ${c.head}: every key's score, and the softmax of the row`,
    }),
  );
  return (
    `<p data-cell data-layer="${c.layer}" data-head="${c.head}" data-i="${c.i}" data-j="${c.j}">How much ${qi} attends to ${kj} in layer ${c.layer}, head ${c.head}:</p>` +
    table +
    `<p>${scoreLine}</p>` +
    rowTable
  );
}

/** The generation panel: text so far, the cache's size per layer, the newest keys, and the check against a full recompute. */
export function generatorSlots(g: WalkGenerator): Record<string, string | MatrixView> {
  const tok = g.model.tokenizer!;
  const prompt = g.tokens.slice(0, g.tokens.length - g.generated.length);
  const { numHeads: H, dModel: d, contextLength: n } = g.model.config;
  const hd = d / H;
  const rows = g.cache.layers
    .map((layer, l) => {
      const S = layer.held;
      return `<tr data-layer="${l}"><th scope="row">${l}</th><td data-k-rows="${S}">${S} × ${H} × ${hd}</td><td data-v-rows="${S}">${S} × ${H} × ${hd}</td><td>${(2 * S * d).toLocaleString("en")}</td></tr>`;
    })
    .join("");
  const slots: Record<string, string | MatrixView> = {
    "gen-text":
      `<span class="qkv-muted">${escapeHtml(tok.decode(prompt))}</span><strong data-walk-generated="${escapeHtml(JSON.stringify(g.generated))}">${escapeHtml(tok.decode(g.generated))}</strong>`,
    "gen-tokens": g.generated.length
      ? `Generated: ${g.generated.map((id) => `<code>${escapeHtml(visibleChar(tok.decode([id])))}</code> (id ${id})`).join(", ")}.`
      : "Nothing generated yet: the cache holds the prompt.",
    "gen-cache":
      `<div class="qkv-scroll" tabindex="0" role="group" aria-label="KV cache size per layer"><table class="qkv-table" data-table="walk-cache" data-length="${g.cache.length}">` +
      `<thead><tr><th scope="col">layer</th><th scope="col">K (rows × heads × hd)</th><th scope="col">V</th><th scope="col">numbers held</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    "gen-check":
      `The next-token logits from the cached step equal a full recompute over all ${g.tokens.length} tokens: max |difference| = ` +
      `<output data-check="${g.check}">${g.check === 0 ? "0" : g.check.toExponential(1)}</output>. ` +
      (g.full
        ? `The cache now holds the model's whole context (${n} positions): a cache cannot shift positions, so generation stops here.`
        : `What to notice: each new token adds one row of keys and one of values per layer; the old rows never change, so they are never recomputed.`),
  };
  g.cache.layers.forEach((layer, l) => {
    const { keys } = layer.rows(); // (S, d)
    const S = layer.held;
    const K = new Tensor(Float64Array.from(keys), [S, d]);
    slots[`gen-k${l}`] = matrixView(K, {
      name: `walk-cache-k${l}`,
      rowLabels: g.tokens.slice(g.tokens.length - S).map((id, t) => `${t}:${visibleChar(tok.decode([id]))}`),
      colLabels: dims(d),
      compact: true,
      titles: false,
      marked: (i) => i === S - 1,
      caption: `Layer ${l}: cached keys, ${S} rows (newest outlined)`,
    });
  });
  return slots;
}
