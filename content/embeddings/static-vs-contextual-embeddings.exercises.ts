import { defineExercises } from "@qkv/quiz";

export default defineExercises([
  {
    id: "where-context",
    kind: "multiple-choice",
    prompt: "In a LLaMA-style decoder, the vectors for \"bank\" in \"river bank\" and \"bank loan\" are compared at layer 0 (the embedding lookup) and after layer 1. What do you find?",
    choices: [
      { text: "Identical at layer 0 (static lookup, and RoPE adds nothing to the input), different after layer 1 (attention mixed in context)", correct: true, explanation: "Context enters only through attention; RoPE rotates q and k inside attention." },
      { text: "Already different at layer 0 because positions are added to the embeddings", correct: false, explanation: "RoPE models add no position vector to the input embeddings." },
      { text: "Identical at every layer, since the token id is the same", correct: false, explanation: "Hidden states are functions of the whole sequence after the first attention layer." },
    ],
  },
  {
    id: "word2vec-polysemy",
    kind: "multiple-choice",
    prompt: "Why does a word2vec vector for \"bank\" serve both senses poorly?",
    choices: [
      { text: "It is one fixed vector per vocabulary item, an average over all contexts of both senses", correct: true, explanation: "Static embeddings merge senses." },
      { text: "word2vec cannot represent nouns", correct: false, explanation: "It represents any vocabulary item." },
      { text: "word2vec vectors are random", correct: false, explanation: "They are learned from co-occurrence." },
    ],
  },
]);
