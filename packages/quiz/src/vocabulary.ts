// The words of the content format, in one place: topics, difficulties and id syntax. Dependency-free, so light
// front-end code (the CLI's argument parser) can import "@qkv/quiz/vocabulary" without loading the engine.

/** Topic folders of `content/`, in study order. */
export const TOPICS = [
  "tokens",
  "embeddings",
  "attention",
  "positional-encoding",
  "multi-head-attention",
  "transformer-architecture",
  "normalization",
  "feed-forward",
  "architectures",
  "training",
  "improvements",
  "prompting",
  "decoding",
  "inference",
  "evaluation",
  "applications",
] as const;
export type Topic = (typeof TOPICS)[number];

export const DIFFICULTIES = ["basic", "intermediate", "advanced"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** Question and exercise ids: kebab-case (a-z, 0-9, single dashes). */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
