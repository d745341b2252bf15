import { defineExercises } from "@qkv/quiz";
import { warmupCosine } from "@qkv/core";


// "Which bug": a training log's learning rates, computed from core's schedule and from candidate buggy versions.
const sched = { peakLr: 3e-4, minLr: 3e-5, warmupSteps: 2000, totalSteps: 100000 };
const correctLr = warmupCosine(sched);
/** The bug under test: the cosine phase is t/N from step 0 instead of (t − W)/(N − W). */
const phaseFromZero = (t: number) =>
  t < sched.warmupSteps ? correctLr(t) : sched.minLr + ((sched.peakLr - sched.minLr) * (1 + Math.cos((Math.PI * t) / sched.totalSteps))) / 2;
const noFloor = warmupCosine({ ...sched, minLr: 0 });
const logSteps = [2000, 50000, 51000, 99999];
const lrLog = (f: (t: number) => number) => logSteps.map((t) => `step ${t}: ${f(t).toExponential(4)}`).join(", ");

export default defineExercises([
  {
    id: "noam-learning-rate",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const d = [256, 512, 1024][rng.int(3)];
      const warm = [2000, 4000][rng.int(2)];
      const step = [500, 1000, warm, 3 * warm, 10 * warm][rng.int(5)];
      return {
        prompt: `The 2017 schedule is $\\eta = d_{\\text{model}}^{-0.5}\\min(s^{-0.5}, s\\cdot s_{\\text{warm}}^{-1.5})$. With $d_{\\text{model}} = ${d}$ and $s_{\\text{warm}} = ${warm}$, what is the learning rate at step $s = ${step}$?`,
        expected: d ** -0.5 * Math.min(step ** -0.5, step * warm ** -1.5),
        mistakes: [
          { name: "forget the d_model^\u22120.5 factor", value: Math.min(step ** -0.5, step * warm ** -1.5) },
        ],
        explanation: `${step < warm ? "During warmup the linear term $s\\,s_{\\text{warm}}^{-1.5}$ is the smaller one" : "After warmup the decay term $s^{-0.5}$ is the smaller one"}; multiply by $${d}^{-0.5}$.`,
      };
    },
  },
  {
    id: "cosine-learning-rate",
    kind: "numeric",
    tolerance: { rel: 1e-6 },
    generate(rng) {
      const [max, min, shown] = ([[3e-4, 3e-5, ["3 \\times 10^{-4}", "3 \\times 10^{-5}"]], [1.5e-4, 1.5e-5, ["1.5 \\times 10^{-4}", "1.5 \\times 10^{-5}"]], [6e-4, 6e-5, ["6 \\times 10^{-4}", "6 \\times 10^{-5}"]]] as const)[rng.int(3)];
      const S = 100000, sw = 2000;
      const s = sw + Math.floor(rng.uniform() * (S - sw));
      return {
        prompt: `Warmup to $\\eta_{\\max} = ${shown[0]}$ over ${sw} steps, then cosine decay to $\\eta_{\\min} = ${shown[1]}$ at step ${S}. What is the learning rate at step ${s}?`,
        expected: min + 0.5 * (max - min) * (1 + Math.cos((Math.PI * (s - sw)) / (S - sw))),
        mistakes: [
          { name: "decay to 0 instead of \u03b7_min", value: 0.5 * max * (1 + Math.cos((Math.PI * (s - sw)) / (S - sw))) },
          { name: "count the decay from step 0, not from the end of warmup", value: min + 0.5 * (max - min) * (1 + Math.cos((Math.PI * s) / S)) },
        ],
        explanation: `$\\eta_{\\min} + \\tfrac12(\\eta_{\\max}-\\eta_{\\min})(1 + \\cos(\\pi\\,(${s} - ${sw})/(${S} - ${sw})))$.`,
      };
    },
  },
  {
    id: "why-warmup",
    kind: "multiple-choice",
    prompt: "Which is NOT a reason Transformers use learning-rate warmup?",
    choices: [
      {
        text: "Warmup is needed because LayerNorm statistics are estimated from running averages that start at zero.",
        correct: true,
        explanation: "This is the false one: LayerNorm has no running statistics; it normalises each token with its own mean and variance.",
      },
      {
        text: "Adam's second-moment estimates are noisy in the first steps, so full-size updates can be erratic.",
        correct: false,
        explanation: "This is a real reason (the RAdam analysis): warmup waits for the variance estimates to stabilise.",
      },
      {
        text: "Post-LN Transformers have large gradients near the output at initialisation.",
        correct: false,
        explanation: "This is a real reason (Xiong et al., 2020), which is why Post-LN practically requires warmup.",
      },
      {
        text: "Large batches and large models make early instabilities more likely.",
        correct: false,
        explanation: "This is a real reason; warmup is part of every large-scale recipe.",
      },
    ],
  },

  {
    id: "which-schedule-bug",
    kind: "multiple-choice",
    prompt:
      `A run should use linear warm-up for 2,000 steps to $3\\times10^{-4}$, then cosine decay to $3\\times10^{-5}$ at step 100,000. ` +
      `The training log shows: ${lrLog(phaseFromZero)}. Which bug explains this log?`,
    choices: [
      {
        text: "The cosine's phase is computed from step 0 ($\\pi t/N$) instead of from the end of warm-up ($\\pi (t-W)/(N-W)$).",
        correct: true,
        explanation: `The decay has already started at step 2,000 (just below the peak) and the midpoint ${((sched.peakLr + sched.minLr) / 2).toExponential(2)} falls at step 50,000 instead of 51,000. The correct schedule logs ${lrLog(correctLr)}.`,
      },
      {
        text: "The minimum learning rate was left at 0.",
        correct: false,
        explanation: `That keeps the phase right but decays to 0: ${lrLog(noFloor)}.`,
      },
      {
        text: "Nothing: this is the intended schedule.",
        correct: false,
        explanation: `The intended schedule reaches the peak exactly at step 2,000 and the midpoint at step 51,000: ${lrLog(correctLr)}.`,
      },
    ],
  },
]);
