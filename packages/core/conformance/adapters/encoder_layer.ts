import { encoderLayer, encoderLayerBackward, type EncoderLayerConfig, type EncoderLayerWeights, type LayerNormWeights } from "../../src/index.js";
import { boolInput, input, optionalInput, optionalParam, param, upstreamTensor, type Adapter } from "../adapter.js";
import type { FixtureCase } from "../fixture.js";

/** torch layer params → the public config: nhead, activation, norm_first. */
export function layerConfig(c: FixtureCase): EncoderLayerConfig {
  return {
    numHeads: param<number>(c, "nhead"),
    activation: param<EncoderLayerConfig["activation"]>(c, "activation"),
    norm: param<boolean>(c, "norm_first") ? "pre" : "post",
  };
}

/** A layer's weights with params.layer_norm_eps filled into any norm that does not carry its own eps. */
export function withEps<T extends object>(c: FixtureCase, layer: T): T {
  const eps = optionalParam<number>(c, "layer_norm_eps", 1e-5);
  const out: Record<string, unknown> = { ...(layer as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) {
    if (/^norm\d*$|_norm$/.test(k)) out[k] = { eps, ...(v as LayerNormWeights) };
  }
  return out as T;
}

/** An optional bool mask from inputs. */
export function optionalBool(c: FixtureCase, key: string) {
  return key in c.inputs && c.inputs[key] !== null ? boolInput(c, key) : undefined;
}

const masks = (c: FixtureCase) => ({ srcMask: optionalInput(c, "src_mask"), srcKeyPaddingMask: optionalBool(c, "src_key_padding_mask") });

const adapter: Adapter = {
  run(c) {
    const r = encoderLayer(input(c, "src"), withEps(c, c.weights as unknown as EncoderLayerWeights), layerConfig(c), masks(c));
    return { output: r.output, attn_weights: r.attentionWeights };
  },
  backward(c, of, upstream) {
    if (of !== "output") throw new Error(`cannot differentiate "${of}"`);
    const weights = withEps(c, c.weights as unknown as EncoderLayerWeights);
    const g = encoderLayerBackward(input(c, "src"), weights, layerConfig(c), upstreamTensor(upstream), masks(c));
    return { inputs: { src: g.dSrc }, weights: g.grads };
  },
};
export default adapter;
