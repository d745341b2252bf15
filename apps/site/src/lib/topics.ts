/** The live demos: slug, title, and the core modules whose component pages embed them. */
export const DEMOS = [
  { slug: "attention", title: "Attention", files: ["attention", "masks"] },
  { slug: "positional-encoding", title: "Positional encoding", files: ["positional-encoding", "rope"] },
  { slug: "normalization", title: "Normalisation", files: ["layer-norm", "rms-norm", "residual"] },
  { slug: "sampling", title: "Sampling", files: ["sampling"] },
  { slug: "moe", title: "Mixture of experts", files: ["moe"] },
  { slug: "trained-model", title: "A model trained by core", files: [] },
  { slug: "model-walk", title: "A walk through a real model", files: [] },
] as const;
