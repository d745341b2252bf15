// Display names of the content topics (the topic list itself is @qkv/quiz's TOPICS).
const LABELS: Record<string, string> = {
  tokens: "Tokens",
  embeddings: "Embeddings",
  attention: "Attention",
  "positional-encoding": "Positional encoding",
  "multi-head-attention": "Multi-head attention",
  "transformer-architecture": "Transformer architecture",
  normalization: "Normalisation",
  "feed-forward": "Feed-forward",
  architectures: "Architectures",
  training: "Training",
  improvements: "Recent improvements",
  prompting: "Prompting",
  decoding: "Decoding",
  inference: "Inference and serving",
  evaluation: "Evaluation",
  applications: "LLM applications",
};

export function topicLabel(topic: string): string {
  return LABELS[topic] ?? topic;
}
