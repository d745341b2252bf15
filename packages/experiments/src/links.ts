// Questions ↔ experiments: a question lists the experiments that check its answer in its front matter
// (`experiments: [id]`); every experiment must be listed by at least one question, and every listed id must exist.

export interface LinkingQuestion {
  id: string;
  path: string;
  experiments: readonly string[];
}

export function linkProblems(questions: readonly LinkingQuestion[], experimentIds: readonly string[]): string[] {
  const known = new Set(experimentIds);
  const problems: string[] = [];
  for (const q of questions)
    for (const id of q.experiments)
      if (!known.has(id)) problems.push(`${q.path}: front matter lists experiment "${id}", which does not exist`);
  for (const id of experimentIds)
    if (!questions.some((q) => q.experiments.includes(id)))
      problems.push(`experiment "${id}" is not listed by any question (add it to the front matter of the answer that makes the claim)`);
  return problems;
}

/** The questions whose answers an experiment checks. */
export function questionsFor<Q extends LinkingQuestion>(experimentId: string, questions: readonly Q[]): Q[] {
  return questions.filter((q) => q.experiments.includes(experimentId));
}
