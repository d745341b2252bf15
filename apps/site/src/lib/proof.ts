// What the "How qkv proves it" page states, computed when the site is built from the committed PyTorch fixtures
// (packages/core/fixtures) by @qkv/core/evidence: the conformance runner over every fixture, and the training-parity
// run replayed by core. Nothing here is typed in; a fixture that stops passing changes the page (and fails its test).
import { join } from "node:path";
import { flattenTensors } from "@qkv/core";
import { conformanceEvidence, readParityFixture, replayTrainingParity, type ComponentEvidence, type ParityReplay } from "@qkv/core/evidence";
import { coreSourceDir } from "./core-docs";

export const FIXTURES_DIR = join(coreSourceDir, "../fixtures");
export const PARITY_FIXTURE = join(FIXTURES_DIR, "training/gpt2_adamw.json");

export interface Proof {
  components: ComponentEvidence[];
  cases: number;
  backwardCases: number;
  passed: number;
  /** Largest |core − PyTorch| over every forward output and gradient of every case. */
  maxAbsErr: number;
  parity: ParityReplay & {
    maxLossErr: number;
    maxGradNormErr: number;
    maxLrErr: number;
    stepsClipped: number;
    parameters: number;
  };
}

const maxOf = (xs: number[]) => Math.max(0, ...xs);

let cached: Proof | undefined;
export function proof(): Proof {
  if (cached) return cached;
  const components = conformanceEvidence(FIXTURES_DIR);
  const replay = replayTrainingParity(readParityFixture(PARITY_FIXTURE));
  const { steps } = replay;
  const maxNorm = replay.fixture.params.max_norm;
  const parameters = Object.values(flattenTensors(replay.finalWeights)).reduce((n, t) => n + t.size, 0);
  cached = {
    components,
    cases: components.reduce((n, c) => n + c.cases, 0),
    backwardCases: components.reduce((n, c) => n + c.backwardCases, 0),
    passed: components.reduce((n, c) => n + c.passed, 0),
    maxAbsErr: maxOf(components.map((c) => c.maxAbsErr)),
    parity: {
      ...replay,
      maxLossErr: maxOf(steps.map((s) => Math.abs(s.loss - s.torchLoss))),
      maxGradNormErr: maxOf(steps.map((s) => Math.abs(s.gradNorm - s.torchGradNorm))),
      maxLrErr: maxOf(steps.map((s) => Math.abs(s.lr - s.torchLr))),
      stepsClipped: steps.filter((s) => s.gradNorm > maxNorm).length,
      parameters,
    },
  };
  return cached;
}

/** An error as the page prints it: "0" or two significant digits ("4.4e-16"). */
export function errorText(x: number): string {
  return x === 0 ? "0" : x.toExponential(1);
}
