import { ArgumentError } from "./errors.js";
import type { NamedTensors } from "./named-tensors.js";
import { checkGrads, checkNonNegative, decayFor, type Optimizer, type WeightDecay } from "./optimizer.js";
import { Tensor } from "./tensor.js";

export interface SgdOptions {
  lr: number;
  /** μ, default 0 (plain SGD). */
  momentum?: number;
  /** τ, default 0. */
  dampening?: number;
  /** λ (L2 added to the gradient, not decoupled), default 0. */
  weightDecay?: WeightDecay;
  /** Nesterov momentum (needs momentum > 0 and dampening 0, as in torch). Default false. */
  nesterov?: boolean;
}

/**
 * Stochastic gradient descent with momentum, exactly as `torch.optim.SGD`:
 *
 * $$
 * \begin{aligned}
 * g &\leftarrow g + \lambda \theta && \text{weight decay as an L2 term in the gradient} \\
 * b &\leftarrow g \ \text{(first step)}, \qquad b \leftarrow \mu b + (1 - \tau)\, g \ \text{(later steps)} && \text{momentum buffer} \\
 * g &\leftarrow g + \mu b \ \text{(Nesterov)} \quad \text{or} \quad g \leftarrow b \\
 * \theta &\leftarrow \theta - \text{lr} \cdot g
 * \end{aligned}
 * $$
 *
 * With μ = 0 this is θ ← θ − lr·(g + λθ).
 */
export class Sgd implements Optimizer {
  private readonly buffers = new Map<string, Float64Array>();

  constructor(readonly options: SgdOptions) {
    const fn = "Sgd";
    checkNonNegative(fn, "lr", options.lr);
    const { momentum = 0, dampening = 0, nesterov = false } = options;
    checkNonNegative(fn, "momentum", momentum);
    checkNonNegative(fn, "dampening", dampening);
    if (typeof options.weightDecay === "number") checkNonNegative(fn, "weightDecay", options.weightDecay);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new ArgumentError(fn, "nesterov", `needs momentum > 0 and dampening 0, got momentum ${momentum}, dampening ${dampening}`);
    }
  }

  step(params: NamedTensors, grads: NamedTensors, lr = this.options.lr): NamedTensors {
    checkGrads("Sgd.step", params, grads);
    checkNonNegative("Sgd.step", "lr", lr);
    const { momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = this.options;
    const out: NamedTensors = {};
    for (const [name, p] of Object.entries(params)) {
      const theta = p.data;
      const g = grads[name].data;
      const wd = decayFor(weightDecay, name, p);
      const next = Tensor.zeros(p.shape, p.dtype);
      let buf = this.buffers.get(name);
      const first = buf === undefined;
      if (momentum !== 0 && buf === undefined) {
        buf = new Float64Array(theta.length);
        this.buffers.set(name, buf);
      }
      for (let i = 0; i < theta.length; i++) {
        let d = wd !== 0 ? g[i] + wd * theta[i] : g[i];
        if (buf !== undefined) {
          buf[i] = first ? d : momentum * buf[i] + (1 - dampening) * d;
          d = nesterov ? d + momentum * buf[i] : buf[i];
        }
        next.data[i] = theta[i] - lr * d;
      }
      out[name] = next;
    }
    return out;
  }
}
