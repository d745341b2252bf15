// `qkv train`: trains the character-level GPT on the content answers with @qkv/core alone (forward, backward,
// AdamW, clipping, warm-up + cosine) and writes the weights, the loss curve, samples and the validation loss.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  AdamW, CharTokenizer, Rng, applyGradients, charGptLoss, charGptSample, decayMatricesOnly, flattenTensors, initGpt2, loadGpt2,
  sampleBatch, saveGpt2, warmupCosine, type Gpt2Config, type Gpt2Weights,
} from "@qkv/core";
import { UsageError } from "../args.js";
import { loadEngine } from "../engine.js";
import { CliError } from "../errors.js";
import type { CommandRun } from "../main.js";
import { answerCorpus } from "../train/corpus.js";
import { lossCurveSvg, type LossPoint } from "../train/loss-curve.js";
import { ParallelGrads } from "../train/parallel.js";
import { progressLine } from "../train/progress.js";

/** The committed model's recipe. Changing any of it changes the weights: retrain and commit the results. */
const RECIPE = {
  model: { dModel: 64, numHeads: 4, numLayers: 2, contextLength: 64 },
  batchSize: 4,
  steps: 500,
  warmupSteps: 40,
  peakLr: 3e-3,
  minLr: 3e-4,
  betas: [0.9, 0.99] as const,
  weightDecay: 0.1,
  maxNorm: 1.0,
  initStd: 0.02,
  seed: 1337,
  /** Validation text: the first (windows · contextLength + 1) characters of the held-out answers. */
  validationWindows: 64,
  evalEvery: 100,
  samples: [
    { prompt: "Attention ", seed: 1 },
    { prompt: "The softmax ", seed: 2 },
    { prompt: "LayerNorm ", seed: 3 },
  ],
  sampling: { temperature: 0.8, topK: 20, maxNewTokens: 100 },
};

export const run: CommandRun = async (ctx, _positionals, values) => {
  const steps = values.steps === undefined ? RECIPE.steps : positiveInt("--steps", values.steps as string);
  const outDir = values.out === undefined ? defaultOutDir() : resolve(ctx.io.cwd, values.out as string);
  const tty = Boolean(ctx.io.stderr.isTTY);

  const { train, validation } = await loadCorpus(ctx.contentDir);
  const tokenizer = CharTokenizer.fromText(train + validation);
  const trainIds = tokenizer.encode(train);
  const T = RECIPE.model.contextLength;
  const validationText = [...validation].slice(0, RECIPE.validationWindows * T + 1).join(""); // code points, as tokens
  const config: Gpt2Config = { vocabSize: tokenizer.vocabSize, ...RECIPE.model };
  let weights: Gpt2Weights = initGpt2(config, new Rng(RECIPE.seed), RECIPE.initStd);
  const nParams = countParams(weights);
  ctx.err(
    `Training a ${RECIPE.model.numLayers}-layer GPT (d=${config.dModel}, ${config.numHeads} heads, context ${T}, ${tokenizer.vocabSize} characters, ` +
      `${nParams.toLocaleString("en")} parameters) on ${trainIds.length.toLocaleString("en")} characters of answers, ${steps} steps of ${RECIPE.batchSize}×${T}.`,
  );

  const optimizer = new AdamW({ lr: RECIPE.peakLr, betas: RECIPE.betas, weightDecay: decayMatricesOnly(RECIPE.weightDecay) });
  const schedule = warmupCosine({ peakLr: RECIPE.peakLr, minLr: RECIPE.minLr, warmupSteps: Math.min(RECIPE.warmupSteps, steps - 1), totalSteps: steps });
  const rng = new Rng(RECIPE.seed + 1);
  const trainCurve: LossPoint[] = [];
  const valCurve: LossPoint[] = [];
  const evaluate = (step: number): void => {
    valCurve.push({ step, loss: charGptLoss({ config, weights, tokenizer, metadata: {} }, validationText) });
  };
  evaluate(0);
  // The batch's sequences are spread over the cores; the gradients are bit-for-bit those of one thread.
  const parallel = new ParallelGrads();
  ctx.err(`Using ${parallel.threads} thread(s).`);
  const started = performance.now();
  let lastDraw = 0;
  try {
    for (let step = 0; step < steps; step++) {
      const batch = sampleBatch(trainIds, RECIPE.batchSize, T, rng);
      const { loss, grads } = await parallel.lossAndGrads(weights, config, batch);
      const r = { loss, ...applyGradients(weights, grads, { optimizer, lr: schedule(step), maxNorm: RECIPE.maxNorm }) };
      weights = r.weights;
      trainCurve.push({ step: step + 1, loss: r.loss });
      if ((step + 1) % RECIPE.evalEvery === 0 || step + 1 === steps) evaluate(step + 1);
      const elapsed = (performance.now() - started) / 1000;
      const line = progressLine(
        { step: step + 1, total: steps, loss: r.loss, tokensPerSecond: ((step + 1) * RECIPE.batchSize * T) / elapsed, elapsed },
        ctx.io.stderr.columns ?? 100,
      );
      // A terminal gets one line redrawn in place; a pipe or log file a line every 10 steps.
      if (tty && (elapsed - lastDraw > 0.2 || step + 1 === steps)) {
        ctx.io.stderr.write(`\r\x1b[K${line}`);
        lastDraw = elapsed;
      } else if (!tty && ((step + 1) % 10 === 0 || step + 1 === steps)) ctx.err(line);
    }
  } finally {
    await parallel.close();
  }
  if (tty) ctx.err();
  const seconds = (performance.now() - started) / 1000;

  // Everything recorded is computed from the weights as saved (float32), so a test can reproduce it exactly.
  const bytes = saveGpt2(weights, config, { dtype: "F32", tokenizer, metadata: { trained_by: "qkv train" } });
  const saved = loadGpt2(bytes);
  const validationLoss = charGptLoss(saved, validationText);
  const samples = RECIPE.samples.map((s) => ({ ...s, ...RECIPE.sampling, text: charGptSample(saved, { ...s, ...RECIPE.sampling }) }));
  const record = {
    config,
    recipe: { ...RECIPE, steps },
    parameters: nParams,
    trainCharacters: trainIds.length,
    validation: { loss: validationLoss, characters: [...validationText].length - 1, file: "validation.txt", weights: "float32 as saved" },
    samples,
    run: {
      seconds: Math.round(seconds),
      tokensPerSecond: Math.round((steps * RECIPE.batchSize * T) / seconds),
      node: process.version,
      cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}`,
      loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
    },
    curve: { train: trainCurve, validation: valCurve },
  };
  const svg = lossCurveSvg({
    title: `qkv char-GPT: ${nParams.toLocaleString("en")} parameters, ${steps} steps, validation loss ${validationLoss.toFixed(3)}`,
    train: trainCurve,
    validation: valCurve,
  });
  mkdirSync(outDir, { recursive: true });
  // Each file is replaced atomically, and only once everything has been computed: a failed run loses nothing.
  writeAtomic(join(outDir, "model.safetensors"), bytes);
  writeAtomic(join(outDir, "validation.txt"), validationText);
  writeAtomic(join(outDir, "loss.svg"), svg);
  writeAtomic(join(outDir, "model.json"), `${JSON.stringify(record, null, 2)}\n`);

  ctx.out(`Trained in ${Math.round(seconds)} s (${record.run.tokensPerSecond} tokens/s). Validation loss ${validationLoss.toFixed(4)} nats/char ` + `(uniform: ${Math.log(tokenizer.vocabSize).toFixed(2)}).`);
  for (const s of samples) ctx.out(`  ${JSON.stringify(s.prompt + s.text)}`);
  ctx.out(`Wrote model.safetensors (${(bytes.length / 1024).toFixed(0)} KB), loss.svg, model.json, validation.txt to ${outDir}`);
  return 0;
};

/** Plain text of every answer in content/ (front matter and exercises not needed, so no modules are imported). */
async function loadCorpus(contentDir: string): Promise<{ train: string; validation: string }> {
  const engine = await loadEngine();
  const answers: { id: string; text: string }[] = [];
  let topics: string[];
  try {
      topics = readdirSync(contentDir, { withFileTypes: true }).filter((e) => e.isDirectory() && !["node_modules", "coverage", "dist"].includes(e.name)).map((e) => e.name);
    } catch (err) {
      throw new CliError(`cannot read the content directory ${contentDir}: ${(err as Error).message}`);
    }
    for (const topic of topics) {
      for (const file of readdirSync(join(contentDir, topic)).filter((f) => f.endsWith(".md"))) {
        const { question } = engine.parseQuestionFile(`${topic}/${file}`, readFileSync(join(contentDir, topic, file), "utf8"));
        if (question) answers.push({ id: question.id, text: engine.renderPlainText(question.answer) });
      }
    }
    if (answers.length < 2) throw new CliError(`found ${answers.length} answers in ${contentDir}; training needs the content folder`);
    return answerCorpus(answers);
  }

  function countParams(w: Gpt2Weights): number {
    return Object.values(flattenTensors(w)).reduce((n, t) => n + t.size, 0);
  }

  /** packages/core/models/char-gpt of the repository this CLI belongs to. */
  function defaultOutDir(): string {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
      const up = dirname(dir);
      if (up === dir) throw new CliError("cannot find the repository root for the default output folder; pass --out DIR");
      dir = up;
    }
    return join(dir, "packages", "core", "models", "char-gpt");
  }

  function writeAtomic(path: string, data: string | Uint8Array): void {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  }

  function positiveInt(flag: string, v: string): number {
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${v}"`, "train");
    return n;
  }
