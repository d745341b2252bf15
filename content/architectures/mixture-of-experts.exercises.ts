import { defineExercises } from "@qkv/quiz";
import { loadBalanceStats, routeTokens, softmax, tensor, type Rng } from "@qkv/core";

const distinct = (rng: Rng, n: number): number[] => {
  const out: number[] = [];
  while (out.length < n) {
    const v = Math.round((rng.uniform() * 4 - 2) * 10) / 10;
    if (!out.includes(v)) out.push(v);
  }
  return out;
};

/** Router logits for one token: x = [1] and W_router = the logits as a (1, E) matrix. */
const routeLogits = (logits: number[], k: number) => routeTokens(tensor([[1]]), tensor([logits]), k);

export default defineExercises([
  {
    id: "mixtral-routing-weights",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const E = [4, 8][rng.int(2)];
      const logits = distinct(rng, E);
      const r = routeLogits(logits, 2);
      const experts = Array.from(r.selectedExperts.data);
      return {
        prompt:
          `A Mixtral-style router (top-2, softmax over the selected logits) gives logits $[${logits.join(", ")}]$ for ${E} experts (0-based). ` +
          `Give the routing weights of the selected experts, best expert first (a vector of 2).`,
        expected: Array.from(r.routingWeights.data),
        mistakes: [
          { name: "take the softmax over all experts' logits instead of just the selected two", value: experts.map((e) => softmax(tensor([logits])).data[e]) },
        ],
        explanation:
          `The two largest logits belong to experts ${experts.join(" and ")}; their weights are the softmax of just those two logits, ` +
          `$\\sigma(\\Delta)$ and $1-\\sigma(\\Delta)$ with $\\Delta$ their difference.`,
      };
    },
  },
  {
    id: "implement-top2-routing",
    kind: "code",
    prompt:
      "Implement `routeTop2(logits: number[]): number[]` for one token: return `[e1, e2, w1, w2]` where `e1`, `e2` are the " +
      "indices of the two largest router logits (best first) and `w1`, `w2` their Mixtral routing weights (softmax over " +
      "the two selected logits). The test logits have no ties.",
    functionName: "routeTop2",
    starter: `export function routeTop2(logits: number[]): number[] {
  throw new Error("TODO");
}
`,
    solution: `export function routeTop2(logits: number[]): number[] {
  const order = logits.map((_, i) => i).sort((a, b) => logits[b] - logits[a]);
  const [e1, e2] = order;
  const w1 = 1 / (1 + Math.exp(logits[e2] - logits[e1]));
  return [e1, e2, w1, 1 - w1];
}
`,
    tests(rng) {
      const cases: number[][] = [];
      for (let t = 0; t < 8; t++) cases.push(distinct(rng, 3 + rng.int(6)));
      return cases.map((z) => ({ args: [z] }));
    },
    reference(z) {
      const r = routeLogits(z as number[], 2);
      return [...Array.from(r.selectedExperts.data), ...Array.from(r.routingWeights.data)];
    },
    tolerance: { abs: 1e-9 },
    wrongSolutions: [
      {
        label: "weights are the full-softmax probabilities of the two experts (not renormalised)",
        code: `export function routeTop2(logits: number[]): number[] {
  const order = logits.map((_, i) => i).sort((a, b) => logits[b] - logits[a]);
  const m = Math.max(...logits);
  const e = logits.map((z) => Math.exp(z - m));
  const s = e.reduce((a, b) => a + b, 0);
  return [order[0], order[1], e[order[0]] / s, e[order[1]] / s];
}
`,
      },
      {
        label: "weights proportional to the raw logits",
        code: `export function routeTop2(logits: number[]): number[] {
  const order = logits.map((_, i) => i).sort((a, b) => logits[b] - logits[a]);
  const a = logits[order[0]], b = logits[order[1]];
  return [order[0], order[1], a / (a + b), b / (a + b)];
}
`,
      },
      {
        label: "picks the two smallest logits",
        code: `export function routeTop2(logits: number[]): number[] {
  const order = logits.map((_, i) => i).sort((a, b) => logits[a] - logits[b]);
  const w1 = 1 / (1 + Math.exp(logits[order[1]] - logits[order[0]]));
  return [order[0], order[1], w1, 1 - w1];
}
`,
      },
    ],
  },
  {
    id: "aux-loss-uniform-vs-skewed",
    kind: "numeric",
    tolerance: { abs: 1e-3 },
    generate(rng) {
      const T = 4, E = 4;
      const x = Array.from({ length: T }, () => [Math.round(rng.normal() * 100) / 100, Math.round(rng.normal() * 100) / 100]);
      const W = [Array.from({ length: E }, () => Math.round(rng.normal() * 100) / 100), Array.from({ length: E }, () => Math.round(rng.normal() * 100) / 100)];
      const stats = loadBalanceStats(routeTokens(tensor(x), tensor(W), 1));
      return {
        prompt:
          `Top-1 routing of ${T} tokens $x = ${JSON.stringify(x)}$ with router $W = ${JSON.stringify(W)}$ (logits $= xW$, ${E} experts). ` +
          `Compute the Switch load-balancing loss $E \\sum_e f_e P_e$ (without the coefficient $\\alpha$), where $f_e$ is the fraction of tokens sent to expert $e$ and $P_e$ the mean router softmax probability of $e$.`,
        expected: stats.auxLoss,
        explanation:
          `Counts per expert $[${Array.from(stats.tokensPerExpert.data).join(", ")}]$ give $f = [${Array.from(stats.tokenFraction.data).join(", ")}]$; ` +
          `mean probabilities $P = [${Array.from(stats.meanRouterProb.data, (v) => v.toFixed(3)).join(", ")}]$. The loss is 1 for perfectly uniform routing and grows as routing concentrates.`,
      };
    },
  },
  {
    id: "active-parameters",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const E = [8, 16][rng.int(2)];
      const k = 1 + rng.int(2);
      const expertB = [0.5, 1, 2][rng.int(3)];
      const sharedB = [1, 2, 3][rng.int(3)];
      return {
        prompt: `An MoE model has ${E} experts per layer holding ${expertB}B parameters each in total (summed over all layers), plus ${sharedB}B shared parameters (attention, embeddings, norms). With top-${k} routing, how many billion parameters are active per token?`,
        expected: sharedB + k * expertB,
        mistakes: [
          { name: "count every expert (the stored total)", value: sharedB + E * expertB },
          { name: "forget the shared parameters", value: k * expertB },
        ],
        explanation: `Every token uses all shared parameters and ${k} expert(s): $${sharedB} + ${k} \\times ${expertB}$. The stored total is $${sharedB} + ${E} \\times ${expertB} = ${sharedB + E * expertB}$B.`,
      };
    },
  },
  {
    id: "why-load-balancing",
    kind: "multiple-choice",
    prompt: "Why do MoE models add a load-balancing auxiliary loss to the router?",
    choices: [
      {
        text: "Without it routing tends to collapse onto a few experts, which then get most of the training signal, wasting the others and overloading devices.",
        correct: true,
        explanation: "The loss $E\\sum_e f_e P_e$ is minimised by uniform routing and counteracts this rich-get-richer dynamic.",
      },
      {
        text: "To make every token use all experts.",
        correct: false,
        explanation: "Each token still uses only its top-$k$ experts; balancing is about the distribution over many tokens.",
      },
      {
        text: "To make the routing weights of each token sum to 1.",
        correct: false,
        explanation: "The softmax over the selected logits already guarantees that.",
      },
      {
        text: "Because the router has no gradient otherwise.",
        correct: false,
        explanation: "The router gets gradient through the routing weights that scale the expert outputs; the auxiliary loss shapes *how* it routes.",
      },
    ],
  },
]);
