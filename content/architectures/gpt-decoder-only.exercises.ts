import { defineExercises } from "@qkv/quiz";

const configs = [
  { name: "GPT-2 small", V: 50257, ctx: 1024, d: 768, L: 12 },
  { name: "GPT-2 medium", V: 50257, ctx: 1024, d: 1024, L: 24 },
  { name: "GPT-2 large", V: 50257, ctx: 1024, d: 1280, L: 36 },
  { name: "GPT-2 XL", V: 50257, ctx: 1024, d: 1600, L: 48 },
];


// "Which bug": GPT-2 small's parameter count as a script would compute it with each candidate mistake.
const small = configs[0];
const countGpt2 = (o: { untiedHead?: boolean; noPositions?: boolean; noBiases?: boolean } = {}) => {
  const d = small.d;
  const perLayer = 12 * d * d + (o.noBiases ? 4 * d : 13 * d); // LayerNorm gains/biases (4d) stay in either case
  return small.V * d * (o.untiedHead ? 2 : 1) + (o.noPositions ? 0 : small.ctx * d) + small.L * perLayer + 2 * d;
};
const fmtCount = (n: number) => n.toLocaleString("en-US");

export default defineExercises([
  {
    id: "gpt2-parameter-count",
    kind: "numeric",
    tolerance: { rel: 1e-9 },
    generate(rng) {
      const c = configs[rng.int(configs.length)];
      const perLayer = 12 * c.d * c.d + 13 * c.d;
      const total = c.V * c.d + c.ctx * c.d + c.L * perLayer + 2 * c.d;
      return {
        prompt:
          `${c.name}: vocabulary ${c.V}, context ${c.ctx}, $d = ${c.d}$, ${c.L} layers, $4d$ MLP, biases and LayerNorms everywhere, a final LayerNorm and an LM head tied to the token embedding. ` +
          `How many parameters does it have?`,
        expected: total,
        mistakes: [
          { name: "count the LM head as well (untied)", value: total + c.V * c.d },
          { name: "forget the position embeddings", value: total - c.ctx * c.d },
        ],
        explanation: `Embeddings $(V + \\text{ctx})\\,d$, each layer $12d^2 + 13d$, final LayerNorm $2d$; the tied head adds nothing.`,
      };
    },
  },
  {
    id: "gpt-objective",
    kind: "multiple-choice",
    prompt: "What is GPT's pre-training objective?",
    choices: [
      {
        text: "Maximise $\\sum_t \\log p_\\theta(x_t \\mid x_{<t})$: predict every next token from its left context.",
        correct: true,
        explanation: "Causal language modelling; with the causal mask every position of a sequence is a target in one pass.",
      },
      {
        text: "Predict randomly masked tokens from both sides.",
        correct: false,
        explanation: "That is BERT's masked language modelling.",
      },
      {
        text: "Reconstruct corrupted spans with an encoder–decoder.",
        correct: false,
        explanation: "That is T5's span corruption.",
      },
      {
        text: "Classify whether two sentences are consecutive.",
        correct: false,
        explanation: "That is BERT's next-sentence prediction, dropped by later models.",
      },
    ],
  },

  {
    id: "which-count-bug",
    kind: "multiple-choice",
    prompt: `A parameter-counting script reports ${fmtCount(countGpt2({ untiedHead: true }))} parameters for GPT-2 small ($V = ${small.V}$, context ${small.ctx}, $d = ${small.d}$, ${small.L} layers), whose checkpoint holds ${fmtCount(countGpt2())}. Which mistake produces exactly that number?`,
    choices: [
      {
        text: "It counts the LM head as its own $d \\times V$ matrix, although GPT-2 ties it to the token embedding.",
        correct: true,
        explanation: `The difference is $V d = ${fmtCount(small.V * small.d)}$: the tied matrix counted twice.`,
      },
      {
        text: "It leaves out the learned position embeddings.",
        correct: false,
        explanation: `That would give ${fmtCount(countGpt2({ noPositions: true }))}, fewer than the checkpoint, not more.`,
      },
      {
        text: "It leaves out the linear layers' biases.",
        correct: false,
        explanation: `That would give ${fmtCount(countGpt2({ noBiases: true }))}.`,
      },
      {
        text: "Nothing: the paper's 117M was just rounded.",
        correct: false,
        explanation: `The paper's 117M is lower still; the released checkpoint holds ${fmtCount(countGpt2())}.`,
      },
    ],
  },
]);
