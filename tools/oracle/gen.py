#!/usr/bin/python3
"""PyTorch oracle for @qkv/core.

Writes packages/core/fixtures/<component>.json in the format of shared/oracle/FORMAT.md, from Debian's
python3-torch (1.13) in float64 with fixed seeds. Re-running gives byte-identical files.

    /usr/bin/python3 tools/oracle/gen.py [--out DIR] [component ...]
"""

import argparse
import json
import math
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)  # single-threaded reductions: bitwise reproducible

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(ROOT, "packages", "core", "fixtures")
INF = math.inf

NONFINITE = 'NaN -> "NaN", +inf -> "Infinity", -inf -> "-Infinity"'
NONFINITE_NOTE = 'Non-finite floats are JSON strings: "NaN", "Infinity", "-Infinity".'
LINEAR = (
    "Linear maps: every weight 'W*' has shape (in_features, out_features) and is applied as y = x @ W + b "
    "(textbook convention, e.g. Q = X @ W_Q). torch.nn.Linear stores (out, in) and computes x @ W_torch^T + b; "
    "the exported W is W_torch transposed by the generator. Biases are 1-D (out_features,)."
)
LAYER_WEIGHTS = (
    "Weights per layer: self_attn / cross_attn = {W_Q, W_K, W_V (d_model,d_model), b_Q, b_K, b_V, W_O (d_model,d_model), "
    "b_O} exactly as in multi_head_attention.json (head h = columns [h*head_dim,(h+1)*head_dim)); ffn = {W1 "
    "(d_model,dim_ff), b1, W2 (dim_ff,d_model), b2} with y = act(x@W1+b1)@W2+b2; normK = {gamma, beta, eps} LayerNorm "
    "over last axis (biased variance)."
)
LAYER_MASKS = (
    "Masks: attn masks are additive float (L,S) with 0 / -Infinity (causal: j <= i visible); *_key_padding_mask are "
    "bool (B,S) with True = PADDING (ignored as a key). Padded QUERY positions are still computed normally (torch's "
    "reference path; the fused fast path would instead output 0 there - not used). Dropout = 0, eval mode, "
    "batch_first=True: tensors are (B, seq, d_model)."
)


# ---------------------------------------------------------------------------------------------------------------
# JSON encoding


def enc(x):
    """Tensors/numbers/containers -> JSON-ready values with non-finite floats as strings."""
    if isinstance(x, torch.Tensor):
        x = x.detach()
        if x.dtype == torch.bool or not x.is_floating_point():
            return x.tolist()
        return enc(x.tolist())
    if isinstance(x, dict):
        return {k: enc(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [enc(v) for v in x]
    if isinstance(x, bool) or x is None or isinstance(x, (int, str)):
        return x
    if isinstance(x, float):
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    raise TypeError(f"cannot encode {type(x)}")


def _reject_constant(name):
    raise ValueError(f"bare non-finite literal {name} in JSON output")


def case(name, params, inputs, weights, expected, note=None):
    c = {"name": name, "params": params, "inputs": inputs, "weights": weights, "expected": expected}
    if note:
        c["note"] = note
    return c


def write(out_dir, component, conventions, cases, crosschecks=None, extra=None):
    if component in GRAD_CASES:  # the component's backward cases, after its forward ones
        grad_cases, grad_checks = GRAD_CASES[component]()
        cases, crosschecks, conventions = cases + grad_cases, (crosschecks or []) + grad_checks, conventions + GRAD_NOTE
    doc = {
        "component": component,
        "torch_version": torch.__version__,
        "dtype": "float64",
        "nonfinite_encoding": NONFINITE,
        "conventions": conventions,
        "cases": cases,
    }
    if crosschecks is not None:
        doc["crosschecks"] = crosschecks
    if extra:
        doc.update(extra)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), f"{component}: duplicate case names"
    text = json.dumps(enc(doc), allow_nan=False, ensure_ascii=True)
    json.loads(text, parse_constant=_reject_constant)  # strict JSON: no NaN/Infinity literals
    path = os.path.join(out_dir, f"{component}.json")
    with open(path, "w", encoding="ascii") as f:
        f.write(text + "\n")
    print(f"{component}: {len(cases)} cases, {len(text)} bytes -> {os.path.relpath(path, ROOT)}")


def max_abs_diff(a, b):
    """Largest |a-b| over finite entries; NaN/inf positions must agree exactly."""
    a, b = a.detach(), b.detach()
    assert a.shape == b.shape, (a.shape, b.shape)
    fa, fb = torch.isfinite(a), torch.isfinite(b)
    assert torch.equal(fa, fb), "non-finite positions differ"
    assert torch.equal(torch.isnan(a), torch.isnan(b)), "NaN positions differ"
    assert torch.equal(a[~fa & ~torch.isnan(a)], b[~fb & ~torch.isnan(b)]), "infinities differ"
    if not fa.any():
        return 0.0
    return float((a[fa] - b[fa]).abs().max())


class Gen:
    """Seeded float64 sampler; one per component so components are independent of each other's order."""

    def __init__(self, seed):
        torch.manual_seed(seed)  # module constructors draw from the global generator
        self.g = torch.Generator().manual_seed(seed)

    def randn(self, *shape, scale=1.0):
        return torch.randn(*shape, generator=self.g) * scale

    def randint(self, high, *shape):
        return torch.randint(high, shape, generator=self.g)

    def fill_(self, module, scale=0.5):
        """Overwrite every parameter with seeded random values (biases and LayerNorm affine too)."""
        with torch.no_grad():
            for name, p in module.named_parameters():
                if "norm" in name and name.endswith("weight"):
                    p.copy_(1.0 + self.randn(*p.shape, scale=0.2))
                elif "norm" in name and name.endswith("bias"):
                    p.copy_(self.randn(*p.shape, scale=0.2))
                else:
                    p.copy_(self.randn(*p.shape, scale=scale))
        return module


def causal_mask(L, S=None):
    S = L if S is None else S
    i = torch.arange(L)[:, None]
    j = torch.arange(S)[None, :]
    return torch.zeros(L, S).masked_fill(j > i, -INF)


def T(w):
    return w.detach().t().contiguous()


# ---------------------------------------------------------------------------------------------------------------
# softmax


def gen_softmax(out):
    g = Gen(101)
    conv = (
        "softmax(x)_i = exp(z_i - max z) / sum_j exp(z_j - max z) with z = x / temperature, applied along the last "
        "axis (dim=-1) independently per row; log_softmax = z - max z - log(sum exp(z - max z)). Computed with "
        "torch.softmax / torch.log_softmax in float64. Edge behaviour (torch 1.13): -inf entries -> prob 0 / log-prob "
        "-Infinity; a row whose entries are all -inf -> every output of that row is NaN; a +inf entry -> whole row "
        "NaN. " + NONFINITE_NOTE
    )
    specs = [
        ("random_2x5", 1.0, g.randn(2, 5), None),
        ("random_3x4_T0.5", 0.5, g.randn(3, 4), "temperature 0.5 sharpens"),
        ("random_2x6_T2", 2.0, g.randn(2, 6), "temperature 2 flattens"),
        ("random_3d_2x3x4", 1.0, g.randn(2, 3, 4), "rank-3 input, softmax over the last axis"),
        ("large_logits", 1.0, torch.tensor([[1000.0, 999.0, 998.0, 1000.5], [-1000.0, -1001.0, -999.5, -1000.0]]),
         "needs max-subtraction: naive exp overflows (row 0) or underflows to 0/0 (row 1)"),
        ("neg_inf_entries", 1.0, torch.tensor([[1.0, -INF, 0.5, -INF], [-INF, 2.0, -1.0, 0.0]]),
         "-inf entries get probability 0 and log-prob -Infinity"),
        ("all_neg_inf_row", 1.0, torch.tensor([[-INF, -INF, -INF], [0.1, 0.2, 0.3]]),
         "fully -inf row -> NaN row (torch); the other row is ordinary"),
        ("pos_inf_entry", 1.0, torch.tensor([[1.0, INF, 0.0], [0.5, -0.5, 1.5]]),
         "a +inf entry makes its whole row NaN (inf - inf)"),
        ("single_element", 1.0, torch.tensor([[3.7]]), "softmax of a single element is exactly 1, log_softmax 0"),
        ("all_equal", 1.0, torch.full((2, 4), 2.5), "equal logits -> uniform 1/4, log-prob -log 4"),
        ("temperature_0.01", 0.01, torch.tensor([[1.0, 1.02, 0.99, 0.5]]),
         "T = 0.01 makes the distribution nearly one-hot"),
        ("temperature_10_wide", 10.0, g.randn(1, 8, scale=5.0), None),
    ]
    cases = []
    for name, temp, x, note in specs:
        z = x / temp
        cases.append(case(name, {"dim": -1, "temperature": temp}, {"x": x}, {},
                          {"softmax": torch.softmax(z, -1), "log_softmax": torch.log_softmax(z, -1)}, note))
    write(out, "softmax", conv, cases)


# ---------------------------------------------------------------------------------------------------------------
# activations


def gelu_tanh(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))


def gen_activations(out):
    g = Gen(102)
    conv = (
        "Elementwise: relu(x)=max(0,x); gelu(x) = 0.5*x*(1+erf(x/sqrt(2))) (exact, torch F.gelu default); "
        "gelu_tanh(x) = 0.5*x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3))) (torch F.gelu(approximate='tanh'), GPT-2 "
        "'gelu_new'); silu(x) = swish(x) = x*sigmoid(x); sigmoid(x)=1/(1+exp(-x)). swiglu (LLaMA FFN): y = "
        "(silu(x @ W1) * (x @ W3)) @ W2, no biases; W1, W3 (d_model, hidden) = gate / up, W2 (hidden, d_model) = "
        "down. x is (T, d_model); expected.gate_silu_xW1 = silu(x @ W1) and expected.up_xW3 = x @ W3 (T, hidden). " + LINEAR
    )
    crosschecks = []

    def elementwise(name, x, note=None):
        gt = F.gelu(x, approximate="tanh")
        if torch.isfinite(x).all():
            crosschecks.append({"case": name, "against": "gelu_tanh written out (0.5x(1+tanh(...)))",
                                "max_abs_diff": max_abs_diff(gt, gelu_tanh(x))})
        return case(name, {"kind": "elementwise"}, {"x": x}, {}, {
            "relu": F.relu(x), "gelu": F.gelu(x), "gelu_tanh": gt, "silu": F.silu(x), "sigmoid": torch.sigmoid(x),
        }, note)

    edge = torch.tensor([-50.0, -20.0, -10.0, -3.0, -1.0, -0.5, -1e-3, -1e-8, 0.0, 1e-8, 1e-3, 0.5, 1.0, 3.0, 10.0,
                         20.0, 50.0])
    cases = [
        elementwise("edge_values", edge, "saturation at +-50, linear regime near +-1e-8, exact 0"),
        elementwise("random_2x6", g.randn(2, 6, scale=2.0), "rank-2 input"),
        elementwise("nonfinite_inputs_torch_behaviour", torch.tensor([-INF, INF, math.nan]),
                    "OPTIONAL: records torch 1.13's IEEE behaviour for -inf/+inf/NaN inputs (e.g. gelu(-inf) and "
                    "silu(-inf) are NaN because -inf*0; relu(NaN) is NaN). An implementation may reasonably differ."),
    ]
    for name, Tn, d, h in [("swiglu_T3_d4_h8", 3, 4, 8), ("swiglu_T1_d4_h6", 1, 4, 6), ("swiglu_T5_d6_h16", 5, 6, 16)]:
        x = g.randn(Tn, d)
        W1, W3, W2 = g.randn(d, h, scale=0.5), g.randn(d, h, scale=0.5), g.randn(h, d, scale=0.5)
        # torch Linear layers hold the transposes; compute through them to test the export convention
        l1, l3, l2 = nn.Linear(d, h, bias=False), nn.Linear(d, h, bias=False), nn.Linear(h, d, bias=False)
        with torch.no_grad():
            l1.weight.copy_(W1.t()), l3.weight.copy_(W3.t()), l2.weight.copy_(W2.t())
        hidden = F.silu(l1(x)) * l3(x)
        y = l2(hidden)
        crosschecks.append({"case": name, "against": "explicit (silu(x@W1)*(x@W3))@W2 from exported weights",
                            "max_abs_diff": max_abs_diff(y, (F.silu(x @ W1) * (x @ W3)) @ W2)})
        cases.append(case(name, {"kind": "swiglu", "d_model": d, "hidden": h}, {"x": x},
                          {"W1": W1, "W3": W3, "W2": W2}, {"output": y, "gate_silu_xW1": F.silu(x @ W1), "up_xW3": x @ W3}))
    write(out, "activations", conv, cases, crosschecks)


# ---------------------------------------------------------------------------------------------------------------
# embeddings and positional encodings


def sinusoidal(positions, d, base=10000.0):
    pos = torch.tensor(positions, dtype=torch.float64)[:, None]
    i2 = torch.arange(0, d, 2, dtype=torch.float64)
    ang = pos / torch.pow(torch.tensor(base), i2 / d)
    pe = torch.zeros(len(positions), d)
    pe[:, 0::2] = torch.sin(ang)
    pe[:, 1::2] = torch.cos(ang)
    return pe


def gen_embeddings(out):
    g = Gen(103)
    conv = (
        "Token embedding: embedded[..., :] = table[id] with table (vocab_size, d_model) (torch nn.Embedding.weight, "
        "same layout - a lookup, not a linear map). scaled = embedded * sqrt(d_model) ('Attention Is All You Need' "
        "section 3.4). padding_idx: torch zero-initialises that table row (and never updates it in training); the "
        "lookup itself is an ordinary lookup - the zero row is stored in weights.table. token_ids may be 1-D (T) or "
        "2-D (B, T); outputs append d_model. scaled_plus_sinusoidal_pe adds PE for positions 0..T-1 (sinusoidal, "
        "base 10000, as in positional_encoding.json): expected.scaled_plus_sinusoidal_pe (T, d_model)."
    )
    cases = []
    specs = [
        ("lookup_T1_d4", 11, 4, None, [10], None),
        ("lookup_T6_d8_repeated_ids", 13, 8, None, [3, 0, 12, 3, 7, 3], "repeated ids give identical rows"),
        ("padding_idx_0", 9, 4, 0, [0, 5, 0, 8], "padding_idx=0: torch zero-initialises row 0, pad tokens embed to 0"),
        ("batched_ids_B2_T3", 7, 6, None, [[1, 2, 3], [6, 0, 2]], "2-D ids (B, T) -> (B, T, d_model)"),
        ("scaled_plus_sinusoidal_pe", 10, 8, None, [4, 9, 1, 1, 0], "scaled embedding plus sinusoidal PE"),
    ]
    for name, V, d, pad, ids, note in specs:
        torch.manual_seed(1000 + V)
        emb = nn.Embedding(V, d, padding_idx=pad)
        with torch.no_grad():
            table = g.randn(V, d)
            if pad is not None:
                table[pad] = 0.0
            emb.weight.copy_(table)
        ids_t = torch.tensor(ids)
        e = emb(ids_t)
        scale = math.sqrt(d)
        expected = {"embedded": e, "scaled": e * scale}
        if name == "scaled_plus_sinusoidal_pe":
            pe = sinusoidal(list(range(len(ids))), d)
            expected["scaled_plus_sinusoidal_pe"] = e * scale + pe
        cases.append(case(name, {"vocab_size": V, "d_model": d, "padding_idx": pad, "scale": scale},
                          {"token_ids": ids}, {"table": emb.weight}, expected, note))
    write(out, "embeddings", conv, cases)


def rope_rotate_half(x, cos, sin):
    """x (T, H, hd); cos/sin (T, hd/2). HF: x*cat(cos,cos) + rotate_half(x)*cat(sin,sin)."""
    c = torch.cat([cos, cos], -1)[:, None, :]
    s = torch.cat([sin, sin], -1)[:, None, :]
    half = x.shape[-1] // 2
    rot = torch.cat([-x[..., half:], x[..., :half]], -1)
    return x * c + rot * s


def rope_interleaved(x, angles):
    """Meta LLaMA complex form: view pairs (x[2i], x[2i+1]) as complex numbers, multiply by e^{i angle}."""
    xc = torch.view_as_complex(x.reshape(*x.shape[:-1], -1, 2).contiguous())
    freqs = torch.polar(torch.ones_like(angles), angles)[:, None, :]
    return torch.view_as_real(xc * freqs).reshape(x.shape)


def rope_loop(x, angles, convention):
    """Explicit 2x2 rotation, one pair at a time (the crosscheck)."""
    Tn, H, hd = x.shape
    y = x.clone()
    for t in range(Tn):
        for h in range(H):
            for i in range(hd // 2):
                ia, ib = (2 * i, 2 * i + 1) if convention == "interleaved" else (i, i + hd // 2)
                a, b = float(x[t, h, ia]), float(x[t, h, ib])
                c, s = math.cos(float(angles[t, i])), math.sin(float(angles[t, i]))
                y[t, h, ia] = a * c - b * s
                y[t, h, ib] = a * s + b * c
    return y


def rope_angles(Tn, hd, start_pos=0, base=10000.0):
    theta = torch.pow(torch.tensor(base), -torch.arange(0, hd, 2, dtype=torch.float64) / hd)
    pos = torch.arange(start_pos, start_pos + Tn, dtype=torch.float64)
    return pos[:, None] * theta[None, :]


def apply_rope(x, angles, convention):
    if convention == "rotate_half":
        return rope_rotate_half(x, torch.cos(angles), torch.sin(angles))
    return rope_interleaved(x, angles)


def gen_positional_encoding(out):
    g = Gen(104)
    conv = (
        "sinusoidal ('Attention Is All You Need'): PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / "
        "10000^(2i/d)), i = 0..d/2-1 (d even); inputs.positions lists the positions, expected.pe is (len(positions), "
        "d). Computed as pos / torch.pow(10000, 2i/d) in float64; the exp(-ln(10000)*2i/d) variant differs by < 1e-12 "
        "here (far positions amplify rounding: use tol ~1e-9). RoPE: q, k have shape (T, n_heads, head_dim); "
        "positions = start_pos .. start_pos+T-1; theta_i = base^(-2i/head_dim), i = 0..head_dim/2-1, angle[t,i] = "
        "position_t * theta_i (expected.angles, cos, sin are (T, head_dim/2)). Same rotation for every head. "
        "expected.q_rot / k_rot have the shape of q / k. convention 'interleaved' (RoFormer / Meta LLaMA "
        "reference code, complex-multiply): the pair (x[2i], x[2i+1]) is rotated by angle[t,i]: x'[2i] = x[2i] cos - "
        "x[2i+1] sin, x'[2i+1] = x[2i] sin + x[2i+1] cos. convention 'rotate_half' (Hugging Face / GPT-NeoX): the pair "
        "(x[i], x[i+hd/2]) is rotated by angle[t,i]: x' = x * cat(cos,cos) + rotate_half(x) * cat(sin,sin), "
        "rotate_half(x) = cat(-x[hd/2:], x[:hd/2]). The two conventions give DIFFERENT results for the same input "
        "(they pair different dimensions). Crosschecks compare both against an explicit per-pair 2x2 rotation loop."
    )
    cases, crosschecks = [], []
    for name, positions, d, note in [
        ("sinusoidal_len1_d4", [0], 4, None),
        ("sinusoidal_len6_d8", list(range(6)), 8, None),
        ("sinusoidal_d2", [0, 1, 2, 3], 2, "d = 2: a single frequency (i = 0)"),
        ("sinusoidal_far_positions_d16", [0, 1, 17, 100, 1000, 4999], 16,
         "far positions: compare with relative tolerance ~1e-9"),
        ("sinusoidal_len3_d32", [5, 6, 7], 32, "positions need not start at 0"),
    ]:
        cases.append(case(name, {"kind": "sinusoidal", "d_model": d, "base": 10000.0}, {"positions": positions}, {},
                          {"pe": sinusoidal(positions, d)}, note))
    rope_specs = [
        ("T4_H2_hd8", 4, 2, 8, 0, 10000.0, None),
        ("T1_H1_hd2", 1, 1, 2, 0, 10000.0, "position 0: rotation by angle 0 is the identity"),
        ("T3_H2_hd4_start5", 3, 2, 4, 5, 10000.0, "start_pos = 5: positions 5, 6, 7"),
        ("T2_H1_hd8_start1000", 2, 1, 8, 1000, 10000.0, "far positions 1000, 1001"),
        ("T3_H2_hd6_base500000", 3, 2, 6, 2, 500000.0, "base 500000 (LLaMA 3), head_dim 6"),
    ]
    for convention in ["interleaved", "rotate_half"]:
        for tag, Tn, H, hd, sp, base, note in rope_specs:
            name = f"rope_{convention}_{tag}"
            q, k = g.randn(Tn, H, hd), g.randn(Tn, H, hd)
            ang = rope_angles(Tn, hd, sp, base)
            qr, kr = apply_rope(q, ang, convention), apply_rope(k, ang, convention)
            diff = max(max_abs_diff(qr, rope_loop(q, ang, convention)), max_abs_diff(kr, rope_loop(k, ang, convention)))
            assert diff < 1e-12, (name, diff)
            crosschecks.append({"case": name, "against": "explicit 2x2 rotation loop (math.cos/math.sin)",
                                "max_abs_diff": diff})
            cases.append(case(name, {"kind": "rope", "convention": convention, "T": Tn, "n_heads": H, "head_dim": hd,
                                     "start_pos": sp, "base": base},
                              {"q": q, "k": k}, {},
                              {"angles": ang, "cos": torch.cos(ang), "sin": torch.sin(ang), "q_rot": qr,
                               "k_rot": kr}, note))
    write(out, "positional_encoding", conv, cases, crosschecks)


# ---------------------------------------------------------------------------------------------------------------
# norms


def gen_norms(out):
    g = Gen(105)
    conv = (
        "Both normalise over the LAST axis only. layer_norm: torch.nn.LayerNorm(d, eps): y = (x - mean) / sqrt(var + "
        "eps) * gamma + beta, var is the BIASED variance (divide by d), eps inside the sqrt. gamma, beta shape (d,). "
        "expected also gives mean and var_biased per row (shape = x.shape[:-1]). rms_norm (LLaMA, computed manually "
        "since torch 1.13 has no nn.RMSNorm): y = x / sqrt(mean(x^2) + eps) * g, g shape (d,), no bias, no mean "
        "subtraction; expected.rms = sqrt(mean(x^2)+eps)."
    )
    cases = []
    ln_specs = [
        ("layer_norm_2x4", g.randn(2, 4), 1e-5, None),
        ("layer_norm_3x8", g.randn(3, 8, scale=3.0), 1e-5, None),
        ("layer_norm_constant_row", torch.tensor([[2.0, 2.0, 2.0, 2.0], [1.0, -1.0, 0.5, 3.0]]), 1e-5,
         "constant row: var 0, output = beta"),
        ("layer_norm_d1", torch.tensor([[5.0], [-2.0]]), 1e-5, "d = 1: output = beta"),
        ("layer_norm_large_values", 1e6 + g.randn(2, 4, scale=10.0), 1e-5,
         "values around 1e6: compare with relative tolerance; naive E[x^2]-E[x]^2 loses precision"),
        ("layer_norm_eps_1", g.randn(2, 4, scale=0.5), 1.0, "eps = 1 dominates the small variance"),
        ("layer_norm_3d_2x3x4", g.randn(2, 3, 4), 1e-5, "rank-3 input: normalise each last-axis row"),
    ]
    for name, x, eps, note in ln_specs:
        d = x.shape[-1]
        ln = nn.LayerNorm(d, eps=eps)
        with torch.no_grad():
            ln.weight.copy_(1.0 + g.randn(d, scale=0.3))
            ln.bias.copy_(g.randn(d, scale=0.3))
        cases.append(case(name, {"kind": "layer_norm", "d": d, "eps": eps}, {"x": x},
                          {"gamma": ln.weight, "beta": ln.bias},
                          {"output": ln(x), "mean": x.mean(-1), "var_biased": x.var(-1, unbiased=False)}, note))
    rms_specs = [
        ("rms_norm_2x4", g.randn(2, 4), 1e-5, None),
        ("rms_norm_3x8", g.randn(3, 8, scale=2.0), 1e-6, "eps = 1e-6"),
        ("rms_norm_zero_row", torch.tensor([[0.0, 0.0, 0.0, 0.0], [1.0, 2.0, -2.0, 0.5]]), 1e-5,
         "all-zero row: rms = sqrt(eps), output 0"),
        ("rms_norm_large_values", g.randn(2, 4, scale=1e6), 1e-5, "values around 1e6"),
        ("rms_norm_3d_2x2x6", g.randn(2, 2, 6), 1e-5, "rank-3 input"),
        ("rms_norm_eps_1", g.randn(1, 4, scale=0.3), 1.0, "eps = 1"),
    ]
    for name, x, eps, note in rms_specs:
        d = x.shape[-1]
        w = 1.0 + g.randn(d, scale=0.3)
        rms = torch.sqrt(x.pow(2).mean(-1) + eps)
        cases.append(case(name, {"kind": "rms_norm", "d": d, "eps": eps}, {"x": x}, {"g": w},
                          {"output": x / rms[..., None] * w, "rms": rms}, note))
    write(out, "norms", conv, cases)


# ---------------------------------------------------------------------------------------------------------------
# feed-forward


def gen_feed_forward(out):
    g = Gen(106)
    conv = (
        "Position-wise FFN: y = act(x @ W1 + b1) @ W2 + b2, W1 (d_model, 4*d_model), W2 (4*d_model, d_model), applied "
        "independently to every position (last axis). act = relu or gelu (exact erf form). " + LINEAR
    )
    cases, crosschecks = [], []
    for name, shape, act, note in [
        ("relu_T1_d4", (1, 4), "relu", None),
        ("relu_T3_d4", (3, 4), "relu", None),
        ("gelu_T3_d4", (3, 4), "gelu", None),
        ("gelu_batched_2x3_d4", (2, 3, 4), "gelu", "batched (B, T, d) input"),
        ("relu_T5_d8", (5, 8), "relu", None),
    ]:
        d = shape[-1]
        l1, l2 = g.fill_(nn.Linear(d, 4 * d)), g.fill_(nn.Linear(4 * d, d))
        x = g.randn(*shape)
        f = F.relu if act == "relu" else F.gelu
        hidden = f(l1(x))
        y = l2(hidden)
        W1, b1, W2, b2 = T(l1.weight), l1.bias, T(l2.weight), l2.bias
        crosschecks.append({"case": name, "against": "explicit act(x@W1+b1)@W2+b2 from exported weights",
                            "max_abs_diff": max_abs_diff(y, f(x @ W1 + b1) @ W2 + b2)})
        cases.append(case(name, {"d_model": d, "d_ff": 4 * d, "activation": act}, {"x": x},
                          {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, {"output": y, "hidden_after_activation": hidden},
                          note))
    write(out, "feed_forward", conv, cases, crosschecks)


# ---------------------------------------------------------------------------------------------------------------
# scaled dot-product attention


def gen_sdpa(out):
    g = Gen(107)
    conv = (
        "Single-head, unbatched: Q (L, d_k), K (S, d_k), V (S, d_v). scores = Q @ K^T * scale with scale = 1/sqrt(d_k) "
        "(params.scale); scores = scores + additive_mask; weights = softmax(scores, last axis); output = weights @ V "
        "(L, d_v). expected.scores is AFTER adding the mask (so masked entries are -Infinity). Mask inputs: "
        "'attn_mask' = additive float mask (L, S) (0 = keep, -Infinity = blocked, other values added); "
        "'key_padding_mask' = bool (S,), True = that key is PADDING and is ignored (torch nn.MultiheadAttention "
        "semantics) -> -inf added to that column for every query; 'attn_mask_bool_keep' = bool (L,S), True = may "
        "attend (torch F.scaled_dot_product_attention semantics, the OPPOSITE of MHA's bool masks). variant 'causal' "
        "stores its additive mask in attn_mask: query i sees key j iff j <= i (top-left aligned when L != S). A fully "
        "masked row gives NaN weights and NaN output for that row (torch behaviour, recorded as \"NaN\"). Computed "
        "with explicit torch math; cross-checked against torch._C._nn._scaled_dot_product_attention (1.13 has no "
        "public F.scaled_dot_product_attention). " + NONFINITE_NOTE
    )
    cases, crosschecks = [], []

    def add(name, L, S, dk, dv, variant, note=None, Q=None, K=None, extra=None):
        Q = g.randn(L, dk) if Q is None else Q
        K = g.randn(S, dk) if K is None else K
        V = g.randn(S, dv)
        scale = 1.0 / math.sqrt(dk)
        inputs = {"Q": Q, "K": K, "V": V}
        additive = torch.zeros(L, S)
        if variant == "causal":
            additive = causal_mask(L, S)
            inputs["attn_mask"] = additive
        elif variant == "key_padding":
            pad = extra
            inputs["key_padding_mask"] = pad
            additive = torch.zeros(L, S).masked_fill(pad[None, :].expand(L, S), -INF)
        elif variant == "additive":
            additive = extra
            inputs["attn_mask"] = additive
        elif variant == "bool_keep":
            keep = extra
            inputs["attn_mask_bool_keep"] = keep
            additive = torch.zeros(L, S).masked_fill(~keep, -INF)
        scores = Q @ K.t() * scale + additive
        weights = torch.softmax(scores, -1)
        output = weights @ V
        mask_arg = None if variant == "none" else (keep if variant == "bool_keep" else additive)
        o2, w2 = torch._C._nn._scaled_dot_product_attention(Q[None], K[None], V[None],
                                                            None if mask_arg is None else mask_arg[None],
                                                            0.0, True, False)
        diff = max(max_abs_diff(output, o2[0]), max_abs_diff(weights, w2[0]))
        assert diff < 1e-12, (name, diff)
        crosschecks.append({"case": name, "against": "torch._C._nn._scaled_dot_product_attention", "max_abs_diff": diff})
        cases.append(case(name, {"L": L, "S": S, "d_k": dk, "d_v": dv, "variant": variant, "scale": scale}, inputs, {},
                          {"scores": scores, "weights": weights, "output": output}, note))

    add("no_mask_L1_S1", 1, 1, 4, 2, "none", "seq length 1: weights are exactly [[1]] and output == V")
    add("no_mask_L3_S4", 3, 4, 4, 4, "none")
    add("no_mask_dv_ne_dk_L2_S3", 2, 3, 4, 6, "none", "d_v = 6 differs from d_k = 4")
    add("causal_L4_S4", 4, 4, 4, 3, "causal")
    add("causal_L3_S5_top_left", 3, 5, 4, 2, "causal", "L != S: top-left aligned, query i sees keys 0..i")
    add("key_padding_L3_S4", 3, 4, 4, 2, "key_padding", None, extra=torch.tensor([False, False, True, False]))
    add("key_padding_all_padded", 2, 3, 4, 2, "key_padding", "every key padded -> NaN weights and output",
        extra=torch.tensor([True, True, True]))
    add("additive_mask_L3_S4", 3, 4, 4, 2, "additive", "arbitrary additive values plus one -inf",
        extra=torch.tensor([[0.0, -1.5, 0.25, -INF], [0.5, 0.0, -INF, 1.0], [-0.75, 2.0, 0.0, 0.0]]))
    add("additive_mask_fully_masked_row", 3, 3, 4, 2, "additive", "row 1 is all -inf -> NaN row; others normal",
        extra=torch.tensor([[0.0, 0.0, -INF], [-INF, -INF, -INF], [0.0, -INF, 0.0]]))
    add("bool_keep_mask_L3_S4", 3, 4, 4, 2, "bool_keep", "True = may attend (opposite of MHA bool masks)",
        extra=torch.tensor([[True, False, True, True], [False, True, True, False], [True, True, True, True]]))
    add("large_scores", 2, 3, 4, 2, "none", "scores around 1000: needs max-subtraction",
        Q=torch.tensor([[40.0, 30.0, 20.0, 10.0], [-40.0, 35.0, 20.0, 10.0]]),
        K=torch.tensor([[20.0, 20.0, 10.0, 0.0], [20.0, 19.9, 10.0, 0.1], [-20.0, 20.0, 10.0, 5.0]]))
    add("causal_L1_S1", 1, 1, 2, 3, "causal", "causal with a single position: sees itself")
    write(out, "scaled_dot_product_attention", conv, cases, crosschecks,
          {"torch_sdpa_available": {"F.scaled_dot_product_attention": hasattr(F, "scaled_dot_product_attention"),
                                    "torch._C._nn._scaled_dot_product_attention":
                                        hasattr(torch._C._nn, "_scaled_dot_product_attention")}})


# ---------------------------------------------------------------------------------------------------------------
# multi-head attention (torch modules) and a from-exported-weights reference for crosschecks


def mha_weights(m):
    E = m.embed_dim
    if m._qkv_same_embed_dim:
        Wq, Wk, Wv = m.in_proj_weight.detach().chunk(3)
    else:
        Wq, Wk, Wv = m.q_proj_weight.detach(), m.k_proj_weight.detach(), m.v_proj_weight.detach()
    w = {"W_Q": T(Wq), "W_K": T(Wk), "W_V": T(Wv)}
    if m.in_proj_bias is not None:
        bq, bk, bv = m.in_proj_bias.detach().chunk(3)
        w.update({"b_Q": bq, "b_K": bk, "b_V": bv})
    w["W_O"] = T(m.out_proj.weight)
    if m.out_proj.bias is not None:
        w["b_O"] = m.out_proj.bias.detach()
    assert w["W_Q"].shape == (E, E)
    return w


def ref_mha(q, kv, w, H, attn_mask=None, key_padding_mask=None):
    """Textbook MHA from exported (in, out) weights; q (B,L,E), kv (B,S,kdim)."""
    B, L, E = q.shape
    S = kv.shape[1]
    hd = E // H
    Q = q @ w["W_Q"] + w.get("b_Q", 0.0)
    K = kv @ w["W_K"] + w.get("b_K", 0.0)
    V = kv @ w["W_V"] + w.get("b_V", 0.0)
    split = lambda t, n: t.reshape(B, n, H, hd).transpose(1, 2)  # (B,H,n,hd)
    scores = split(Q, L) @ split(K, S).transpose(-1, -2) / math.sqrt(hd)
    if attn_mask is not None:
        scores = scores + attn_mask
    if key_padding_mask is not None:
        scores = scores.masked_fill(key_padding_mask[:, None, None, :], -INF)
    p = torch.softmax(scores, -1)
    o = (p @ split(V, S)).transpose(1, 2).reshape(B, L, E)
    return o @ w["W_O"] + w.get("b_O", 0.0), p


def ln_weights(ln):
    return {"gamma": ln.weight.detach(), "beta": ln.bias.detach(), "eps": ln.eps}


def ref_ln(x, w):
    mu = x.mean(-1, keepdim=True)
    var = x.var(-1, unbiased=False, keepdim=True)
    return (x - mu) / torch.sqrt(var + w["eps"]) * w["gamma"] + w["beta"]


def gen_mha(out):
    g = Gen(108)
    conv = (
        "torch.nn.MultiheadAttention(d_model, num_heads, dropout=0, batch_first=True), eval mode, reference (non-fused) "
        "path. Shapes: query (B, L, d_model); memory (B, S, kdim) for cross-attention (key = value = memory); for "
        "self-attention key = value = query (no 'memory' input). " + LINEAR + " Weights: W_Q (d_model, d_model), W_K "
        "(kdim, d_model), W_V (vdim, d_model), W_O (d_model, d_model), biases b_Q,b_K,b_V,b_O (d_model,) (absent when "
        "params.bias is false). These come from torch's in_proj_weight split in order [q; k; v] along dim 0 (or "
        "q/k/v_proj_weight when kdim != d_model), then transposed. Heads: after Q = query @ W_Q + b_Q (B,L,d_model), "
        "head h uses columns [h*head_dim, (h+1)*head_dim) (reshape (B,L,H,head_dim)); same for K,V. Per head: "
        "softmax(Q_h K_h^T / sqrt(head_dim) + attn_mask, masked) V_h; heads are concatenated in head order back to "
        "(B,L,d_model), then @ W_O + b_O. Masks: attn_mask = additive float (L,S): 0 or -Infinity (causal: key j "
        "visible to query i iff j <= i); key_padding_mask = bool (B,S), True = key is PADDING (ignored). "
        "expected.attn_weights_avg (B,L,S) = mean over heads (average_attn_weights=True); "
        "expected.attn_weights_per_head (B,H,L,S) (average_attn_weights=False). A batch element whose keys are all "
        "padded yields NaN output/weights (torch behaviour). Not covered: add_bias_kv, add_zero_attn, dropout. "
        "Crosschecks recompute every case from the exported weights with explicit math. " + NONFINITE_NOTE
    )
    cases, crosschecks = [], []

    def add(name, B, L, S, E, H, self_attn, causal=False, pad=None, bias=True, kdim=None, note=None):
        kdim = kdim or E
        m = g.fill_(nn.MultiheadAttention(E, H, dropout=0.0, bias=bias, kdim=kdim, vdim=kdim, batch_first=True))
        m.eval()
        q = g.randn(B, L, E)
        kv = q if self_attn else g.randn(B, S, kdim)
        inputs = {"query": q}
        if not self_attn:
            inputs["memory"] = kv
        attn_mask = causal_mask(L, S) if causal else None
        if causal:
            inputs["attn_mask"] = attn_mask
        if pad is not None:
            inputs["key_padding_mask"] = pad
        o, wavg = m(q, kv, kv, key_padding_mask=pad, need_weights=True, attn_mask=attn_mask,
                    average_attn_weights=True)
        o2, wph = m(q, kv, kv, key_padding_mask=pad, need_weights=True, attn_mask=attn_mask,
                    average_attn_weights=False)
        assert torch.equal(o.isnan(), o2.isnan())
        w = mha_weights(m)
        ro, rp = ref_mha(q, kv, w, H, attn_mask, pad)
        diff = max(max_abs_diff(o, ro), max_abs_diff(wph, rp), max_abs_diff(wavg, rp.mean(1)))
        assert diff < 1e-12, (name, diff)
        crosschecks.append({"case": name, "against": "explicit per-head math from the exported (in, out) weights",
                            "max_abs_diff": diff})
        params = {"batch": B, "L": L, "S": S, "d_model": E, "num_heads": H, "head_dim": E // H,
                  "self_attention": self_attn, "causal": causal, "bias": bias, "kdim": kdim, "vdim": kdim}
        cases.append(case(name, params, inputs, w,
                          {"output": o, "attn_weights_avg": wavg, "attn_weights_per_head": wph}, note))

    add("self_B2_L4_E8_H2", 2, 4, 4, 8, 2, True)
    add("self_B1_L3_E8_H4", 1, 3, 3, 8, 4, True, note="4 heads of head_dim 2")
    add("cross_B2_L3_S5_E8_H2", 2, 3, 5, 8, 2, False, note="cross-attention, L != S")
    add("cross_L2_S1_E4_H1", 1, 2, 1, 4, 1, False, note="memory of length 1")
    add("causal_self_B2_L4_E8_H2", 2, 4, 4, 8, 2, True, causal=True)
    add("key_padding_self_B2_L4_E8_H2", 2, 4, 4, 8, 2, True,
        pad=torch.tensor([[False, False, False, True], [False, True, False, True]]))
    add("causal_plus_padding_B2_L4_E8_H2", 2, 4, 4, 8, 2, True, causal=True,
        pad=torch.tensor([[False, False, True, True], [False, False, False, True]]),
        note="padding on trailing keys, so every causal row keeps key 0")
    add("single_head_self_B1_L3_E4", 1, 3, 3, 4, 1, True, note="one head: head_dim = d_model")
    add("self_L1_E8_H2", 2, 1, 1, 8, 2, True, note="L = S = 1: weights are exactly 1")
    add("cross_S1_L4_E8_H2", 1, 4, 1, 8, 2, False, note="one key: weights are exactly 1")
    add("no_bias_self_B1_L3_E8_H2", 1, 3, 3, 8, 2, True, bias=False, note="bias=False: no b_* weights")
    add("kdim_vdim_6_cross_B1_L2_S3_E8_H2", 1, 2, 3, 8, 2, False, kdim=6,
        note="kdim = vdim = 6 != d_model: W_K, W_V are (6, 8)")
    add("all_keys_padded_one_batch", 2, 3, 3, 8, 2, True,
        pad=torch.tensor([[False, True, False], [True, True, True]]),
        note="batch element 1 has every key padded -> NaN output and weights for that element (torch)")
    write(out, "multi_head_attention", conv, cases, crosschecks)


# ---------------------------------------------------------------------------------------------------------------
# losses


def gen_losses(out):
    g = Gen(109)
    conv = (
        "Cross-entropy = torch.nn.functional.cross_entropy(logits (N, C), targets (N,) int). loss_per_token[i] = "
        "-log_softmax(logits[i])[targets[i]] (0 for ignored tokens); loss_mean = sum over non-ignored / num_counted "
        "(reduction='mean'); loss_sum = reduction='sum'. Tokens with target == ignore_index are excluded from both "
        "numerator and denominator. If every target is ignored, loss_mean is NaN (0/0) in torch. perplexity = "
        "exp(loss_mean). label_smoothing eps (torch semantics): loss_i = (1-eps)*(-log p_target) + eps/C * "
        "sum_c(-log p_c). " + NONFINITE_NOTE
    )
    cases = []
    specs = [
        ("N1_C2", torch.tensor([[0.3, -0.2]]), [1], -100, 0.0, None),
        ("random_N4_C5", g.randn(4, 5), [0, 4, 2, 2], -100, 0.0, None),
        ("ignore_index_some", g.randn(5, 6), [1, -100, 3, -100, 0], -100, 0.0,
         "two tokens ignored: excluded from the mean's numerator and denominator"),
        ("all_ignored", g.randn(3, 4), [-100, -100, -100], -100, 0.0, "all ignored: mean NaN (0/0), sum 0"),
        ("ignore_index_0", g.randn(4, 5), [0, 3, 0, 1], 0, 0.0, "ignore_index = 0 (a pad id) instead of -100"),
        ("large_logits", torch.tensor([[1000.0, -1000.0, 0.0], [-1000.0, 1000.0, 999.0]]), [1, 2], -100, 0.0,
         "logits of +-1000: needs log-sum-exp; token 0's loss is 2000"),
        ("uniform_logits_C11", torch.zeros(3, 11), [0, 5, 10], -100, 0.0,
         "uniform logits: loss = log 11, perplexity = 11"),
        ("label_smoothing_0.1", g.randn(4, 5), [1, 0, 4, -100], -100, 0.1,
         "label_smoothing 0.1 with one ignored token"),
    ]
    for name, logits, targets, ii, ls, note in specs:
        t = torch.tensor(targets)
        per = F.cross_entropy(logits, t, ignore_index=ii, label_smoothing=ls, reduction="none")
        mean = F.cross_entropy(logits, t, ignore_index=ii, label_smoothing=ls, reduction="mean")
        total = F.cross_entropy(logits, t, ignore_index=ii, label_smoothing=ls, reduction="sum")
        counted = int((t != ii).sum())
        cases.append(case(name, {"ignore_index": ii, "label_smoothing": ls, "num_classes": logits.shape[1]},
                          {"logits": logits, "targets": targets}, {},
                          {"loss_mean": float(mean), "loss_sum": float(total), "loss_per_token": per,
                           "num_counted": counted, "perplexity": float(torch.exp(mean))}, note))
    write(out, "losses", conv, cases)


# ---------------------------------------------------------------------------------------------------------------
# sampling (Hugging Face warper semantics, written in torch)


def hf_top_k(scores, k):
    """transformers.TopKLogitsWarper (filter_value -inf, min_tokens_to_keep 1)."""
    k = min(max(k, 1), scores.size(-1))
    threshold = torch.topk(scores, k)[0][..., -1, None]
    return scores.masked_fill(scores < threshold, -INF)


def hf_top_p(scores, p):
    """transformers.TopPLogitsWarper (min_tokens_to_keep 1), with an explicitly stable ascending sort."""
    sorted_logits, sorted_indices = torch.sort(scores, descending=False, stable=True)
    cumulative = sorted_logits.softmax(-1).cumsum(-1)
    remove_sorted = cumulative <= (1 - p)
    remove_sorted[..., -1:] = False
    remove = remove_sorted.scatter(-1, sorted_indices, remove_sorted)
    return scores.masked_fill(remove, -INF)


def gen_sampling(out):
    g = Gen(110)
    conv = (
        "Per-row operations on logits (rows independent, vocab on the last axis). temperature: scaled_logits = logits "
        "/ T, probs = softmax(scaled). top_k (Hugging Face TopKLogitsWarper, filter_value -inf, min_tokens_to_keep 1): "
        "k' = min(max(k,1), V); remove every logit STRICTLY LESS than the k'-th largest logit -> ties at the boundary "
        "are all KEPT (may keep > k). top_p (HF TopPLogitsWarper): sort logits ascending (stable), cum = "
        "cumsum(softmax(sorted)), remove tokens with cum <= 1 - p, but never remove the last (largest) "
        "min_tokens_to_keep=1 token(s). Equivalently: walk tokens by descending prob and keep a token iff the "
        "probability mass strictly before it is < p, i.e. the smallest prefix whose cumulative prob >= p (the token "
        "that reaches/crosses p is kept); at least 1 token always kept. Exact-boundary cases are floating-point "
        "fragile and are avoided (except p = 1.0). Ties in top_p are ordered by stable sort (lower index first in "
        "ascending order -> among equal logits the HIGHER index is treated as more likely in the descending walk). "
        "Filtered logits are -Infinity; probs = softmax(filtered logits) (renormalised over the kept set); kept_mask = "
        "isfinite(filtered). combined order = temperature, top_k, top_p (HF order); params absent from a combined "
        "case are not applied. inverse_cdf: deterministic sampling given uniforms u in [0,1): inputs.probs (V,) and "
        "inputs.u (n,) uniforms, expected.cdf = cumsum(probs) (V,) and expected.indices (n,) with index = first i with cumsum(probs)[i] > u, clamped to V-1. "
        + NONFINITE_NOTE
    )
    base = torch.tensor([[2.0, 1.0, 0.5, 3.0, -1.0, 0.0, 1.5, -2.0]])
    cases = []

    def filt(name, kind, params, logits, fn, note=None):
        filtered = fn(logits)
        if "top_p" in params:
            params = {**params, "min_tokens_to_keep": 1}
        if kind == "combined":
            params = {**params, "order": [k for k in ["temperature", "top_k", "top_p"] if k in params]}
        cases.append(case(name, {"kind": kind, **params}, {"logits": logits}, {},
                          {"filtered_logits": filtered, "probs": torch.softmax(filtered, -1),
                           "kept_mask": torch.isfinite(filtered)}, note))

    for temp in [1.0, 0.5, 2.0]:
        scaled = base / temp
        cases.append(case(f"temperature_{temp:g}", {"kind": "temperature", "temperature": temp}, {"logits": base}, {},
                          {"scaled_logits": scaled, "probs": torch.softmax(scaled, -1)}))
    filt("top_k_1", "top_k", {"top_k": 1}, base, lambda x: hf_top_k(x, 1))
    filt("top_k_3", "top_k", {"top_k": 3}, base, lambda x: hf_top_k(x, 3))
    filt("top_k_2_tie_at_boundary", "top_k", {"top_k": 2}, torch.tensor([[1.0, 3.0, 2.0, 2.0, 0.0]]),
         lambda x: hf_top_k(x, 2), "the 2nd-largest value 2.0 appears twice: both kept, so k=2 keeps 3 tokens")
    filt("top_k_ge_vocab", "top_k", {"top_k": 10}, base, lambda x: hf_top_k(x, 10), "k >= V removes nothing")
    rows = g.randn(3, 6, scale=1.5)
    filt("top_k_2_batch_3_rows", "top_k", {"top_k": 2}, rows, lambda x: hf_top_k(x, 2), "rows filtered independently")
    filt("top_p_0.9", "top_p", {"top_p": 0.9}, base, lambda x: hf_top_p(x, 0.9))
    filt("top_p_0.5", "top_p", {"top_p": 0.5}, base, lambda x: hf_top_p(x, 0.5))
    filt("top_p_1.0", "top_p", {"top_p": 1.0}, base, lambda x: hf_top_p(x, 1.0), "p = 1 keeps every token")
    filt("top_p_0.01", "top_p", {"top_p": 0.01}, base, lambda x: hf_top_p(x, 0.01),
         "p below the top probability keeps exactly the top token")
    tie = torch.log(torch.tensor([[0.1, 0.2, 0.2, 0.4, 0.1]]))
    filt("top_p_0.5_tie", "top_p", {"top_p": 0.5}, tie, lambda x: hf_top_p(x, 0.5),
         "probs 0.1, 0.2, 0.2, 0.4, 0.1: keep 0.4 (mass before 0 < 0.5), then ONE of the tied 0.2s (mass before 0.4 "
         "< 0.5) and not the other (0.6). HF's stable ascending sort makes index 2 (the higher index) the one kept.")
    filt("top_p_0.8_batch_3_rows", "top_p", {"top_p": 0.8}, rows, lambda x: hf_top_p(x, 0.8),
         "rows filtered independently")
    filt("combined_T0.7_k5_p0.9", "combined", {"temperature": 0.7, "top_k": 5, "top_p": 0.9}, base,
         lambda x: hf_top_p(hf_top_k(x / 0.7, 5), 0.9), "temperature, then top-k, then top-p (HF order)")
    filt("combined_T1.5_k3_p0.8", "combined", {"temperature": 1.5, "top_k": 3, "top_p": 0.8}, rows,
         lambda x: hf_top_p(hf_top_k(x / 1.5, 3), 0.8))
    filt("combined_T2_p0.6", "combined", {"temperature": 2.0, "top_p": 0.6}, base,
         lambda x: hf_top_p(x / 2.0, 0.6), "no top_k: temperature then top-p")

    def inverse_cdf(name, probs, us, note=None):
        cum = torch.cumsum(probs, -1)
        idx = [min(int((cum > u).nonzero()[0]) if (cum > u).any() else len(probs) - 1, len(probs) - 1) for u in us]
        cases.append(case(name, {"kind": "inverse_cdf"}, {"probs": probs, "u": us}, {},
                          {"cdf": cum, "indices": idx}, note))

    p = torch.softmax(base[0], -1)
    inverse_cdf("inverse_cdf_basic", p, [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99],
                "u = 0 picks the first token with nonzero probability")
    inverse_cdf("inverse_cdf_zeros_and_clamp", torch.tensor([0.0, 0.5, 0.0, 0.25, 0.25, 0.0]),
                [0.0, 0.4999, 0.5, 0.74, 0.75, 0.9999999999999999],
                "zero-probability tokens are never chosen; u = 0.5 exactly lands on index 3 (cum must be > u); "
                "u near 1 reaches the last nonzero token (clamp to V-1 applies only if rounding leaves cum <= u)")
    write(out, "sampling", conv, cases)


# ---------------------------------------------------------------------------------------------------------------
# encoder / decoder layers and nn.Transformer


def enc_layer_weights(layer):
    return {"self_attn": mha_weights(layer.self_attn),
            "ffn": {"W1": T(layer.linear1.weight), "b1": layer.linear1.bias.detach(),
                    "W2": T(layer.linear2.weight), "b2": layer.linear2.bias.detach()},
            "norm1": ln_weights(layer.norm1), "norm2": ln_weights(layer.norm2)}


def dec_layer_weights(layer):
    return {"self_attn": mha_weights(layer.self_attn), "cross_attn": mha_weights(layer.multihead_attn),
            "ffn": {"W1": T(layer.linear1.weight), "b1": layer.linear1.bias.detach(),
                    "W2": T(layer.linear2.weight), "b2": layer.linear2.bias.detach()},
            "norm1": ln_weights(layer.norm1), "norm2": ln_weights(layer.norm2), "norm3": ln_weights(layer.norm3)}


def ref_ffn(x, w, act):
    f = F.relu if act == "relu" else F.gelu
    return f(x @ w["W1"] + w["b1"]) @ w["W2"] + w["b2"]


def ref_encoder_layer(x, w, H, act, norm_first, mask=None, pad=None):
    sa = lambda h: ref_mha(h, h, w["self_attn"], H, mask, pad)[0]
    if norm_first:
        x = x + sa(ref_ln(x, w["norm1"]))
        return x + ref_ffn(ref_ln(x, w["norm2"]), w["ffn"], act)
    x = ref_ln(x + sa(x), w["norm1"])
    return ref_ln(x + ref_ffn(x, w["ffn"], act), w["norm2"])


def ref_decoder_layer(x, mem, w, H, act, norm_first, tgt_mask=None, tgt_pad=None, mem_pad=None):
    sa = lambda h: ref_mha(h, h, w["self_attn"], H, tgt_mask, tgt_pad)[0]
    ca = lambda h: ref_mha(h, mem, w["cross_attn"], H, None, mem_pad)[0]
    if norm_first:
        x = x + sa(ref_ln(x, w["norm1"]))
        x = x + ca(ref_ln(x, w["norm2"]))
        return x + ref_ffn(ref_ln(x, w["norm3"]), w["ffn"], act)
    x = ref_ln(x + sa(x), w["norm1"])
    x = ref_ln(x + ca(x), w["norm2"])
    return ref_ln(x + ref_ffn(x, w["ffn"], act), w["norm3"])


def act_fn(name):
    return F.relu if name == "relu" else F.gelu


def gen_encoder_layer(out):
    g = Gen(111)
    conv = (
        "torch.nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout=0.0, activation, batch_first=True, "
        "norm_first) in eval mode. post-LN (norm_first=False): x = norm1(x + SA(x)); x = norm2(x + FFN(x)). pre-LN "
        "(norm_first=True): x = x + SA(norm1(x)); x = x + FFN(norm2(x)). SA = multi-head self-attention with src_mask "
        "(additive) and src_key_padding_mask (inputs present only when used). activation 'gelu' = exact erf GELU. "
        "LayerNorm gammas/betas and attention biases are randomised (non-default) to make the test strict. "
        + LAYER_WEIGHTS + " " + LINEAR + " " + LAYER_MASKS + " Crosschecks recompute each case from the exported "
        "weights with explicit math."
    )
    cases, crosschecks = [], []

    def add(name, B, L, d, H, ff, act, norm_first, causal=False, pad=None, note=None):
        layer = nn.TransformerEncoderLayer(d, H, ff, dropout=0.0, activation=act_fn(act), batch_first=True,
                                           norm_first=norm_first)
        g.fill_(layer)
        layer.eval()
        x = g.randn(B, L, d)
        inputs = {"src": x}
        mask = causal_mask(L) if causal else None
        if causal:
            inputs["src_mask"] = mask
        if pad is not None:
            inputs["src_key_padding_mask"] = pad
        y = layer(x, src_mask=mask, src_key_padding_mask=pad)
        w = enc_layer_weights(layer)
        diff = max_abs_diff(y, ref_encoder_layer(x, w, H, act, norm_first, mask, pad))
        assert diff < 1e-12, (name, diff)
        crosschecks.append({"case": name, "against": "explicit layer math from the exported weights",
                            "max_abs_diff": diff})
        params = {"batch": B, "L": L, "d_model": d, "nhead": H, "dim_feedforward": ff, "activation": act,
                  "norm_first": norm_first, "layer_norm_eps": 1e-5}
        cases.append(case(name, params, inputs, w, {"output": y}, note))

    add("post_ln_relu_L1_single_head_d4", 1, 1, 4, 1, 8, "relu", False, note="seq length 1, single head")
    add("post_ln_relu_B2_L4_d8_H2", 2, 4, 8, 2, 16, "relu", False)
    add("post_ln_gelu_B2_L3_d8_H2", 2, 3, 8, 2, 16, "gelu", False)
    add("pre_ln_relu_B2_L4_d8_H2", 2, 4, 8, 2, 16, "relu", True)
    add("pre_ln_gelu_B1_L5_d8_H4", 1, 5, 8, 4, 16, "gelu", True)
    add("post_ln_key_padding_B2_L4_d8_H2", 2, 4, 8, 2, 16, "relu", False,
        pad=torch.tensor([[False, False, False, True], [False, False, True, True]]),
        note="padded query positions are computed normally (reference path)")
    add("pre_ln_causal_src_mask_B2_L4_d8_H2", 2, 4, 8, 2, 16, "gelu", True, causal=True)
    add("post_ln_causal_and_padding_B2_L5_d8_H2", 2, 5, 8, 2, 16, "relu", False, causal=True,
        pad=torch.tensor([[False, False, False, False, True], [False, False, False, True, True]]))
    write(out, "encoder_layer", conv, cases, crosschecks)


def gen_decoder_layer(out):
    g = Gen(112)
    conv = (
        "torch.nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout=0.0, activation, batch_first=True, "
        "norm_first) in eval mode. tgt (B, L_tgt, d_model), memory (B, S_mem, d_model). post-LN: x = norm1(x + SA(x, "
        "tgt_mask, tgt_key_padding_mask)); x = norm2(x + CA(x, memory, memory_key_padding_mask)); x = norm3(x + "
        "FFN(x)). pre-LN: x = x + SA(norm1(x)); x = x + CA(norm2(x), memory) (memory itself is NOT normalised by the "
        "layer); x = x + FFN(norm3(x)). SA = self-attention (weights 'self_attn'), CA = cross-attention with query "
        "from x and key = value = memory (weights 'cross_attn', torch's multihead_attn). tgt_mask = causal additive "
        "(L_tgt, L_tgt) unless params.causal_tgt_mask is false (then no inputs.tgt_mask); no memory_mask. "
        + LAYER_WEIGHTS + " " + LINEAR + " " + LAYER_MASKS + " Crosschecks recompute each case from the exported "
        "weights with explicit math."
    )
    cases, crosschecks = [], []

    def add(name, B, L, S, d, H, ff, act, norm_first, causal=True, tgt_pad=None, mem_pad=None, note=None):
        layer = nn.TransformerDecoderLayer(d, H, ff, dropout=0.0, activation=act_fn(act), batch_first=True,
                                           norm_first=norm_first)
        g.fill_(layer)
        layer.eval()
        x, mem = g.randn(B, L, d), g.randn(B, S, d)
        inputs = {"tgt": x, "memory": mem}
        mask = causal_mask(L) if causal else None
        if causal:
            inputs["tgt_mask"] = mask
        if tgt_pad is not None:
            inputs["tgt_key_padding_mask"] = tgt_pad
        if mem_pad is not None:
            inputs["memory_key_padding_mask"] = mem_pad
        y = layer(x, mem, tgt_mask=mask, tgt_key_padding_mask=tgt_pad, memory_key_padding_mask=mem_pad)
        w = dec_layer_weights(layer)
        diff = max_abs_diff(y, ref_decoder_layer(x, mem, w, H, act, norm_first, mask, tgt_pad, mem_pad))
        assert diff < 1e-12, (name, diff)
        crosschecks.append({"case": name, "against": "explicit layer math from the exported weights",
                            "max_abs_diff": diff})
        params = {"batch": B, "L_tgt": L, "S_mem": S, "d_model": d, "nhead": H, "dim_feedforward": ff,
                  "activation": act, "norm_first": norm_first, "causal_tgt_mask": causal, "layer_norm_eps": 1e-5}
        cases.append(case(name, params, inputs, w, {"output": y}, note))

    add("post_ln_relu_L1_S1_single_head_d4", 1, 1, 1, 4, 1, 8, "relu", False, note="tgt and memory length 1")
    add("post_ln_relu_B2_L4_S5_d8_H2", 2, 4, 5, 8, 2, 16, "relu", False)
    add("post_ln_gelu_B1_L3_S4_d8_H2", 1, 3, 4, 8, 2, 16, "gelu", False)
    add("pre_ln_relu_B2_L4_S3_d8_H2", 2, 4, 3, 8, 2, 16, "relu", True)
    add("pre_ln_gelu_B1_L5_S5_d8_H4", 1, 5, 5, 8, 4, 16, "gelu", True)
    add("post_ln_memory_key_padding_B2_L3_S5", 2, 3, 5, 8, 2, 16, "relu", False,
        mem_pad=torch.tensor([[False, False, False, True, True], [False, True, False, False, False]]))
    add("post_ln_tgt_key_padding_B2_L4_S3", 2, 4, 3, 8, 2, 16, "relu", False,
        tgt_pad=torch.tensor([[False, False, False, True], [False, False, True, True]]),
        note="padding on trailing target keys, so every causal row keeps key 0")
    add("post_ln_no_tgt_mask_B2_L3_S4", 2, 3, 4, 8, 2, 16, "gelu", False, causal=False,
        note="no causal mask: every target position sees every target position")
    add("pre_ln_memory_padding_B2_L4_S4", 2, 4, 4, 8, 2, 16, "gelu", True,
        mem_pad=torch.tensor([[False, False, True, True], [False, False, False, True]]))
    write(out, "decoder_layer", conv, cases, crosschecks)


def gen_transformer(out):
    g = Gen(113)
    conv = (
        "torch.nn.Transformer(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=2, dim_feedforward=16, "
        "dropout=0.0, batch_first=True, norm_first) in eval mode; inputs src (B, L_src, 8) and tgt (B, L_tgt, 8) are "
        "already-embedded vectors (no embedding / positional encoding inside). memory = "
        "encoder_norm(EncLayer2(EncLayer1(src))) (expected.memory); output = decoder_norm(DecLayer2(DecLayer1(tgt, "
        "memory), memory)) (expected.output). torch.nn.Transformer ALWAYS applies these final encoder/decoder "
        "LayerNorms (also in post-LN mode). Encoder layers see src_key_padding_mask, decoder self-attention sees "
        "tgt_mask (causal), decoder cross-attention sees memory_key_padding_mask. Layer semantics and weights: see "
        "encoder_layer.json / decoder_layer.json. weights.encoder_layers[i], weights.decoder_layers[i] in order. NOTE: "
        "with src_key_padding_mask, torch's TransformerEncoder fast path (eval + no_grad, nested tensors) returns 0 at "
        "padded source positions of the memory; this oracle uses the reference path, where padded positions get "
        "ordinary (non-zero) values. Padded memory positions never influence the decoder output because "
        "memory_key_padding_mask hides them, so 'output' is identical under both paths; only 'memory' rows at padded "
        "positions differ. " + LAYER_WEIGHTS + " " + LINEAR + " " + LAYER_MASKS
    )
    cases, crosschecks = [], []

    def add(name, B, Ls, Lt, act, norm_first, src_pad=None, note=None):
        d, H, ff = 8, 2, 16
        model = nn.Transformer(d, H, 2, 2, ff, dropout=0.0, activation=act_fn(act), batch_first=True,
                               norm_first=norm_first)
        g.fill_(model)
        model.eval()
        src, tgt = g.randn(B, Ls, d), g.randn(B, Lt, d)
        mask = causal_mask(Lt)
        inputs = {"src": src, "tgt": tgt, "tgt_mask": mask}
        if src_pad is not None:
            inputs["src_key_padding_mask"] = src_pad
            inputs["memory_key_padding_mask"] = src_pad
        memory = model.encoder(src, src_key_padding_mask=src_pad)
        output = model(src, tgt, tgt_mask=mask, src_key_padding_mask=src_pad, memory_key_padding_mask=src_pad)
        w = {"encoder_layers": [enc_layer_weights(l) for l in model.encoder.layers],
             "encoder_norm": ln_weights(model.encoder.norm),
             "decoder_layers": [dec_layer_weights(l) for l in model.decoder.layers],
             "decoder_norm": ln_weights(model.decoder.norm)}
        m = src
        for lw in w["encoder_layers"]:
            m = ref_encoder_layer(m, lw, H, act, norm_first, None, src_pad)
        m = ref_ln(m, w["encoder_norm"])
        o = tgt
        for lw in w["decoder_layers"]:
            o = ref_decoder_layer(o, m, lw, H, act, norm_first, mask, None, src_pad)
        o = ref_ln(o, w["decoder_norm"])
        diff = max(max_abs_diff(memory, m), max_abs_diff(output, o))
        assert diff < 1e-12, (name, diff)
        crosschecks.append({"case": name, "against": "explicit stack math from the exported weights",
                            "max_abs_diff": diff})
        params = {"batch": B, "L_src": Ls, "L_tgt": Lt, "d_model": d, "nhead": H, "num_encoder_layers": 2,
                  "num_decoder_layers": 2, "dim_feedforward": ff, "activation": act, "norm_first": norm_first,
                  "layer_norm_eps": 1e-5}
        cases.append(case(name, params, inputs, w, {"memory": memory, "output": output}, note))

    add("post_ln_relu_B2_Ls5_Lt4", 2, 5, 4, "relu", False)
    add("post_ln_relu_src_and_memory_padding", 2, 5, 3, "relu", False,
        src_pad=torch.tensor([[False, False, False, True, True], [False, False, False, False, True]]),
        note="src_key_padding_mask == memory_key_padding_mask; padded memory rows are the reference-path values")
    add("pre_ln_gelu_B1_Ls4_Lt5", 1, 4, 5, "gelu", True)
    add("post_ln_relu_Ls1_Lt1", 1, 1, 1, "relu", False, note="length-1 source and target")
    write(out, "transformer", conv, cases, crosschecks)


# ---------------------------------------------------------------------------------------------------------------
# GPT-2 (tiny, plain torch)


def gpt2_weights(seed=140, V=11, ctx=8, d=8, n_layer=2):
    g = Gen(seed)

    def ln():
        return {"gamma": 1.0 + g.randn(d, scale=0.2), "beta": g.randn(d, scale=0.2)}

    wte = g.randn(V, d)
    wpe = g.randn(ctx, d, scale=0.5)
    blocks = []
    for _ in range(n_layer):
        # attention weights scaled 0.8 so greedy generation varies from step to step (not one repeated token)
        blocks.append({"W_Q": g.randn(d, d, scale=0.8), "W_K": g.randn(d, d, scale=0.8),
                       "W_V": g.randn(d, d, scale=0.8), "b_Q": g.randn(d, scale=0.1), "b_K": g.randn(d, scale=0.1),
                       "b_V": g.randn(d, scale=0.1), "W_O": g.randn(d, d, scale=0.8), "b_O": g.randn(d, scale=0.1),
                       "W_fc": g.randn(d, 4 * d, scale=0.4), "b_fc": g.randn(4 * d, scale=0.1),
                       "W_proj": g.randn(4 * d, d, scale=0.2), "b_proj": g.randn(d, scale=0.1),
                       "ln_1": ln(), "ln_2": ln()})
    return {"wte": wte, "wpe": wpe, "blocks": blocks, "ln_f": ln()}


def gpt2_forward(ids, w, H=2, eps=1e-5):
    """HF-style GPT-2 on a 1-D id list: c_attn packs [W_Q|W_K|W_V] along the output axis, as HF's Conv1D does."""
    d = w["wte"].shape[1]
    Tn = len(ids)
    ln = lambda x, p: F.layer_norm(x, (d,), p["gamma"], p["beta"], eps)
    x = w["wte"][torch.tensor(ids)] + w["wpe"][:Tn]
    mask = causal_mask(Tn)
    hd = d // H
    for b in w["blocks"]:
        h = ln(x, b["ln_1"])
        c_attn_w = torch.cat([b["W_Q"], b["W_K"], b["W_V"]], 1)  # (d, 3d), HF Conv1D layout
        c_attn_b = torch.cat([b["b_Q"], b["b_K"], b["b_V"]])
        q, k, v = torch.addmm(c_attn_b, h, c_attn_w).split(d, 1)
        q, k, v = (t.reshape(Tn, H, hd).transpose(0, 1) for t in (q, k, v))
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + mask, -1)
        a = (att @ v).transpose(0, 1).reshape(Tn, d)
        x = x + a @ b["W_O"] + b["b_O"]
        h = ln(x, b["ln_2"])
        x = x + F.gelu(h @ b["W_fc"] + b["b_fc"], approximate="tanh") @ b["W_proj"] + b["b_proj"]
    return ln(x, w["ln_f"]) @ w["wte"].t()


def gen_gpt2(out):
    V, ctx, d, H, L = 11, 8, 8, 2, 2
    w = gpt2_weights(140, V, ctx, d, L)
    conv = (
        "Tiny GPT-2 written in plain torch (one random weight set, seed 140, shared by all cases and repeated in every "
        "case's 'weights'). vocab 11, n_ctx 8, d_model 8, 2 heads (head_dim 4), 2 layers. x = wte[ids] + "
        "wpe[0..T-1] (wte (11,8), wpe (8,8)); each block (pre-LN): h = LN(x; ln_1); Q = h@W_Q+b_Q, K = h@W_K+b_K, V = "
        "h@W_V+b_V (each (8,8); HF's fused c_attn = [W_Q|W_K|W_V] concatenated along the OUT axis); heads = column "
        "blocks of 4; causal softmax(QK^T/sqrt(4)) V; concat; x = x + attn@W_O + b_O; h = LN(x; ln_2); x = x + "
        "gelu_tanh(h@W_fc + b_fc)@W_proj + b_proj (W_fc (8,32), W_proj (32,8)). Final: logits = LN(x; ln_f) @ wte^T "
        "(tied LM head, no bias). LayerNorm eps 1e-5, biased variance. " + LINEAR + " Logits cases: inputs.token_ids "
        "(T,), expected.logits (T, 11) and expected.log_probs_next = log_softmax(logits) (T, 11). Greedy generation "
        "cases (params.max_new_tokens): inputs.prompt; at each step run the model on the last min(len, n_ctx) "
        "tokens (positions re-indexed 0..), append argmax of the last position's logits (no ties occur; torch.argmax "
        "picks the first maximal index). expected.generated = the new tokens only, expected.sequence = prompt + "
        "generated, expected.step_logits[k] = the last-position logits used for the k-th generated token (k, 11), "
        "expected.step_top1_top2_logit_gap[k] = top1 - top2 logit margin at step k (all >= 0.025, float32-safe)."
    )
    cases = []
    params = {"vocab_size": V, "n_ctx": ctx, "d_model": d, "n_head": H, "n_layer": L, "layer_norm_eps": 1e-5,
              "activation": "gelu_tanh", "tied_lm_head": True}
    for name, ids, note in [
        ("logits_T6", [1, 5, 2, 9, 0, 3], None),
        ("logits_T1", [7], None),
        ("logits_T8_full_context", [10, 4, 4, 8, 1, 6, 2, 5], "T = n_ctx uses every position embedding"),
    ]:
        logits = gpt2_forward(ids, w, H)
        cases.append(case(name, params, {"token_ids": ids}, w,
                          {"logits": logits, "log_probs_next": torch.log_softmax(logits, -1)}, note))
    for name, prompt, note in [
        ("greedy_5_from_T1", [3], None),
        ("greedy_5_from_T4", [2, 7, 1, 9], "the context fills up to 8 on the last step"),
        ("greedy_5_from_T10_longer_than_context", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
         "prompt longer than n_ctx: every step sees only the last 8 tokens, positions re-indexed 0..7"),
    ]:
        seq, steps, gaps = list(prompt), [], []
        for _ in range(5):
            last = gpt2_forward(seq[-ctx:], w, H)[-1]
            top2 = torch.topk(last, 2).values
            gaps.append(float(top2[0] - top2[1]))
            steps.append(last)
            seq.append(int(torch.argmax(last)))
        assert min(gaps) >= 0.025, (name, gaps)
        cases.append(case(name, {**params, "max_new_tokens": 5}, {"prompt": prompt}, w,
                          {"generated": seq[len(prompt):], "sequence": seq, "step_logits": torch.stack(steps),
                           "step_top1_top2_logit_gap": gaps}, note))
    write(out, "gpt2", conv, cases)


# ---------------------------------------------------------------------------------------------------------------
# LLaMA block (RMSNorm, RoPE rotate_half, GQA, SwiGLU) with causal / sliding-window masks


def sliding_mask(Tn, W, rule, start_pos=0):
    i = torch.arange(Tn)[:, None]
    j = torch.arange(Tn)[None, :]
    visible = (j <= i) & ((i - j < W) if rule == "i-j<W" else (i - j <= W))
    return torch.zeros(Tn, Tn).masked_fill(~visible, -INF)


WINDOW_RULE_SOURCE = {"i-j<W": "HF masking_utils / flash-attn: W keys including self",
                      "i-j<=W": "mistral-src reference triu(diagonal=-W): W+1 keys including self"}


def gen_llama_block(out):
    g = Gen(115)
    d, H, Hkv, hd, ffn, eps, base = 16, 4, 2, 4, 24, 1e-5, 10000.0
    w = {"attention_norm": 1.0 + g.randn(d, scale=0.2), "W_Q": g.randn(d, H * hd, scale=0.4),
         "W_K": g.randn(d, Hkv * hd, scale=0.4), "W_V": g.randn(d, Hkv * hd, scale=0.4),
         "W_O": g.randn(H * hd, d, scale=0.3), "ffn_norm": 1.0 + g.randn(d, scale=0.2),
         "W1": g.randn(d, ffn, scale=0.3), "W3": g.randn(d, ffn, scale=0.3), "W2": g.randn(ffn, d, scale=0.3)}
    conv = (
        "Tiny LLaMA-style decoder block, plain torch, unbatched x (T, d_model=16). No biases anywhere. h = x + "
        "Attn(RMSNorm(x; attention_norm)); out = h + SwiGLU(RMSNorm(h; ffn_norm)). RMSNorm(x; g) = x / sqrt(mean(x^2, "
        "last axis) + eps) * g, eps = 1e-5. Attn: Q = n@W_Q (16, n_heads*head_dim=16) -> (T, 4, 4); K = n@W_K, V = "
        "n@W_V (16, n_kv_heads*head_dim=8) -> (T, 2, 4) (head = consecutive column block). RoPE on Q and K, "
        "rotate_half (Hugging Face) convention, base 10000, positions start_pos..start_pos+T-1 (see "
        "positional_encoding.json). Grouped-query attention: query head h uses kv head floor(h / "
        "(n_heads/n_kv_heads)) (torch.repeat_interleave, as HF repeat_kv / Meta repeat_kv). scores = QK^T/sqrt(head_dim) "
        "+ mask, softmax, @V, heads concatenated in order (T,16), @W_O (16,16). inputs.mask is the additive (T,T) mask "
        "used (0 / -Infinity): params.mask 'causal' (key j visible to query i iff j <= i, i and j are indices within "
        "this block's T tokens, independent of start_pos), or 'sliding_window' = causal AND a window of "
        "params.sliding_window with params.window_rule, a string that BEGINS with the rule: 'i-j<W' (HF masking_utils / flash-attn: W keys including self) or 'i-j<=W' "
        "(mistral-src reference triu(diagonal=-W) / older HF: W+1 keys including self). SwiGLU: (silu(n@W1) * "
        "(n@W3)) @ W2, W1/W3 (16,24), W2 (24,16). expected.h_after_attention = h; expected.attn_weights (n_heads, T, "
        "T). " + LINEAR
    )
    cases = []

    def rms(x, gw):
        return x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + eps) * gw

    def block(x, mask, start_pos):
        Tn = x.shape[0]
        n = rms(x, w["attention_norm"])
        q = (n @ w["W_Q"]).reshape(Tn, H, hd)
        k = (n @ w["W_K"]).reshape(Tn, Hkv, hd)
        v = (n @ w["W_V"]).reshape(Tn, Hkv, hd)
        ang = rope_angles(Tn, hd, start_pos, base)
        q, k = rope_rotate_half(q, torch.cos(ang), torch.sin(ang)), rope_rotate_half(k, torch.cos(ang), torch.sin(ang))
        k = k.repeat_interleave(H // Hkv, dim=1)
        v = v.repeat_interleave(H // Hkv, dim=1)
        q, k, v = q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)  # (H, T, hd)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + mask, -1)
        a = (att @ v).transpose(0, 1).reshape(Tn, H * hd)
        h = x + a @ w["W_O"]
        n2 = rms(h, w["ffn_norm"])
        return h + (F.silu(n2 @ w["W1"]) * (n2 @ w["W3"])) @ w["W2"], h, att

    params0 = {"d_model": d, "n_heads": H, "n_kv_heads": Hkv, "head_dim": hd, "ffn_hidden": ffn, "norm_eps": eps,
               "rope_base": base, "rope_convention": "rotate_half"}
    for name, Tn, sp, kind, W, rule, note in [
        ("causal_T5", 5, 0, "causal", None, None, None),
        ("causal_T1", 1, 0, "causal", None, None, "single token"),
        ("causal_T7", 7, 0, "causal", None, None, None),
        ("causal_T4_start_pos_3", 4, 3, "causal", None, None,
         "RoPE positions 3..6; the mask is still causal over these 4 tokens (no cache)"),
        ("sliding_window_W3_i-j<W_T7", 7, 0, "sliding_window", 3, "i-j<W",
         "HF / flash-attn rule: query i sees keys i-2..i (3 keys including itself)"),
        ("sliding_window_W3_i-j<=W_T7", 7, 0, "sliding_window", 3, "i-j<=W",
         "mistral-src reference rule: query i sees keys i-3..i (4 keys including itself)"),
    ]:
        x = g.randn(Tn, d)
        mask = causal_mask(Tn) if kind == "causal" else sliding_mask(Tn, W, rule)
        y, h, att = block(x, mask, sp)
        params = {**params0, "start_pos": sp, "T": Tn, "mask": kind}
        if W is not None:
            params.update({"sliding_window": W, "window_rule": f"{rule} ({WINDOW_RULE_SOURCE[rule]})"})
        cases.append(case(name, params, {"x": x, "mask": mask}, w,
                          {"output": y, "h_after_attention": h, "attn_weights": att}, note))
    write(out, "llama_block", conv, cases)


# ---------------------------------------------------------------------------------------------------------------
# Mixture of experts (Mixtral top-k routing)


def gen_moe(out):
    g = Gen(116)
    conv = (
        "Top-k mixture of experts (Mixtral convention), unbatched x (T, d_model). router_logits = x @ W_router "
        "(W_router (d_model, num_experts), no bias). selected_experts (T, k) = indices of the k largest router logits "
        "per token, ORDERED by descending logit (torch.topk; no near-ties in these cases). routing_weights (T, k) = "
        "softmax over the k selected logits only (== softmax over all experts, take top-k, renormalise to sum 1 - "
        "Mixtral/HF). output[t] = sum_j routing_weights[t,j] * Expert_{selected[t,j]}(x[t]). Each expert is SwiGLU "
        "without biases: (silu(x@W1) * (x@W3)) @ W2, W1/W3 (d_model, expert_hidden), W2 (expert_hidden, d_model); "
        "weights.experts[e] = {W1, W3, W2}. No capacity limit, no token dropping, no auxiliary loss, no jitter. "
        + LINEAR
    )
    cases, crosschecks = [], []
    for name, Tn, k, note in [
        ("top2_of_4_T5_d4", 5, 2, None),
        ("top2_of_4_T1_d4", 1, 2, "single token"),
        ("top2_of_4_T7_d4", 7, 2, None),
        ("top1_of_4_T5_d4", 5, 1, "top-1: the routing weight is exactly 1"),
        ("top4_of_4_T5_d4", 5, 4, "top-4 of 4: every expert, weights = full softmax"),
    ]:
        d, hidden, E = 4, 8, 4
        while True:
            x = g.randn(Tn, d)
            Wr = g.randn(d, E)
            logits = x @ Wr
            srt = logits.sort(-1, descending=True).values
            if (srt[:, :-1] - srt[:, 1:]).min() > 1e-3:  # no near-ties anywhere in the ranking
                break
        experts = [{"W1": g.randn(d, hidden, scale=0.5), "W3": g.randn(d, hidden, scale=0.5),
                    "W2": g.randn(hidden, d, scale=0.5)} for _ in range(E)]
        top_vals, sel = torch.topk(logits, k, -1)
        rw = torch.softmax(top_vals, -1)
        full = torch.softmax(logits, -1)
        alt = full.gather(-1, sel)
        alt = alt / alt.sum(-1, keepdim=True)
        crosschecks.append({"case": name, "against": "softmax over all experts, take top-k, renormalise",
                            "max_abs_diff": max_abs_diff(rw, alt)})
        expert_out = torch.stack([(F.silu(x @ e["W1"]) * (x @ e["W3"])) @ e["W2"] for e in experts], 1)  # (T, E, d)
        y = (rw[..., None] * expert_out.gather(1, sel[..., None].expand(Tn, k, d))).sum(1)
        cases.append(case(name, {"T": Tn, "d_model": d, "expert_hidden": hidden, "num_experts": E, "top_k": k},
                          {"x": x}, {"W_router": Wr, "experts": experts},
                          {"router_logits": logits, "selected_experts": sel, "routing_weights": rw, "output": y},
                          note))
    write(out, "moe", conv, cases, crosschecks)


# ---------------------------------------------------------------------------------------------------------------
# Gradient cases (FORMAT.md "Gradients"): each carries a `backward` block from torch autograd on the same forward
# computation as its expected values, cross-checked with torch.autograd.gradcheck and our own central differences.

GRAD_NOTE = (
    " Cases with a 'backward' block (FORMAT.md 'Gradients'): grads[leaf] = d(sum(upstream * expected[of])) / d leaf "
    "from torch autograd on the same float64 computation, for every float input and weight (dotted paths; masks, "
    "ids and eps are constants); each is cross-checked with torch.autograd.gradcheck and central differences."
)


def leaf_paths(tree, prefix):
    """Dotted paths of the float tensors in a case's inputs or weights (masks and integer ids are constants)."""
    if isinstance(tree, dict):
        return [p for k, v in tree.items() if "mask" not in k for p in leaf_paths(v, f"{prefix}.{k}")]
    if isinstance(tree, (list, tuple)):
        return [p for i, v in enumerate(tree) for p in leaf_paths(v, f"{prefix}.{i}")]
    if isinstance(tree, torch.Tensor) and tree.is_floating_point():
        return [prefix]
    return []


def replace_leaves(tree, prefix, values):
    """A copy of `tree` with the tensor at each dotted path in `values` replaced."""
    if prefix in values:
        return values[prefix]
    if isinstance(tree, dict):
        return {k: replace_leaves(v, f"{prefix}.{k}", values) for k, v in tree.items()}
    if isinstance(tree, (list, tuple)):
        return [replace_leaves(v, f"{prefix}.{i}", values) for i, v in enumerate(tree)]
    return tree


def central_differences_max_diff(f, xs, grads, skip=(), h=1e-6):
    """max |(f(x+h e_i) - f(x-h e_i)) / 2h - grad_i| / max(1, |grad_i|) over every finite leaf entry not in skip
    (pairs (leaf number, flat index))."""
    worst = 0.0
    with torch.no_grad():
        for n, (x, gr) in enumerate(zip(xs, grads)):
            flat, gflat = x.view(-1), gr.reshape(-1)
            for i in range(flat.numel()):
                orig = float(flat[i])
                if not math.isfinite(orig) or (n, i) in skip:
                    continue  # a -inf logit: no neighbourhood to difference in
                flat[i] = orig + h
                up = float(f(*xs))
                flat[i] = orig - h
                down = float(f(*xs))
                flat[i] = orig
                worst = max(worst, abs((up - down) / (2 * h) - float(gflat[i])) / max(1.0, abs(float(gflat[i]))))
    return worst


def grad_case(name, params, inputs, weights, forward, of, g, crosschecks, note=None, kink=False, skip=None):
    """A case whose expected = forward(inputs, weights) and whose backward block differentiates expected[of].
    `skip` maps leaf paths to flat indices whose autograd gradient is zero by convention (an embedding's padding
    row), which finite differences of the forward would not see."""
    paths = leaf_paths(inputs, "inputs") + leaf_paths(weights, "weights")
    root = {"inputs": inputs, "weights": weights}

    def run(xs):
        r = {k: replace_leaves(v, k, dict(zip(paths, xs))) for k, v in root.items()}
        return forward(r["inputs"], r["weights"])

    xs0 = [leaf_at(root, p).detach().clone() for p in paths]
    with torch.no_grad():
        expected = run(xs0)
    out = expected[of]
    scalar = not isinstance(out, torch.Tensor) or out.dim() == 0
    up = g.randn(1)[0] if scalar else g.randn(*out.shape)
    xs = [x.clone().requires_grad_(True) for x in xs0]
    loss = (run(xs)[of] * up).sum()
    grads = torch.autograd.grad(loss, xs, allow_unused=True)
    grads = [torch.zeros_like(x) if gr is None else gr for x, gr in zip(xs0, grads)]
    objective = lambda *a: (run(list(a))[of] * up).sum()  # noqa: E731
    if not kink:
        finite = all(torch.isfinite(x).all() for x in xs0)
        skipped = {(paths.index(p), i) for p, idx in (skip or {}).items() for i in idx}
        if finite and not skipped:
            assert torch.autograd.gradcheck(objective, tuple(x.clone().requires_grad_(True) for x in xs0), eps=1e-6,
                                            atol=1e-6, rtol=1e-5), name
        diff = central_differences_max_diff(objective, [x.clone() for x in xs0], grads, skipped)
        assert diff < 1e-6, (name, diff)
        crosschecks.append({"case": name, "against": "backward vs torch.autograd.gradcheck and central differences "
                            "(h=1e-6; max |numeric - autograd| / max(1, |autograd|))" + ("" if finite else
                            ", finite entries only") + (", padding row excluded" if skipped else ""), "max_abs_diff": diff})
    c = case(name, params, inputs, weights, expected, note)
    c["backward"] = {"of": of, "upstream": float(up) if scalar else up, "grads": dict(zip(paths, grads))}
    return c


def leaf_at(root, path):
    node = root
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, (list, tuple)) else node[part]
    return node


def grad_softmax():
    g, cases, checks = Gen(201), [], []

    def fwd(temp, dim):
        return lambda i, w: {"softmax": torch.softmax(i["x"] / temp, dim), "log_softmax": torch.log_softmax(i["x"] / temp, dim)}

    for name, x, temp, dim, of, note in [
        ("grad_3x5_T0.5_of_softmax", g.randn(3, 5), 0.5, -1, "softmax", None),
        ("grad_dim0_4x3_of_log_softmax", g.randn(4, 3), 1.0, 0, "log_softmax", "params.dim = 0: normalise columns"),
        ("grad_neg_inf_entries_2x4_of_log_softmax", torch.tensor([[0.5, -INF, 1.5, -0.3], [-INF, 0.2, 0.1, 2.0]]),
         1.0, -1, "log_softmax", "a -inf logit: log-prob -inf, its gradient is upstream (torch)"),
        ("grad_large_logits_2x3_of_softmax", torch.tensor([[1000.0, 1001.0, 999.5], [-1000.0, -999.0, -1000.5]]),
         1.0, -1, "softmax", "logits of +-1000"),
        ("grad_rank3_2x2x3_T2_of_log_softmax", g.randn(2, 2, 3), 2.0, -1, "log_softmax", None),
    ]:
        cases.append(grad_case(name, {"dim": dim, "temperature": temp}, {"x": x}, {}, fwd(temp, dim), of, g, checks, note))
    return cases, checks


def grad_activations():
    g, cases, checks = Gen(202), [], []

    def elementwise(i, w):
        x = i["x"]
        return {"relu": F.relu(x), "gelu": F.gelu(x), "gelu_tanh": F.gelu(x, approximate="tanh"), "silu": F.silu(x),
                "sigmoid": torch.sigmoid(x)}

    for of in ["relu", "gelu", "gelu_tanh", "silu", "sigmoid"]:
        x = g.randn(2, 5, scale=2.0)
        cases.append(grad_case(f"grad_2x5_of_{of}", {"kind": "elementwise"}, {"x": x}, {}, elementwise, of, g, checks))
    cases.append(grad_case("grad_relu_at_zero_of_relu", {"kind": "elementwise"}, {"x": torch.tensor([[-1.0, 0.0, 2.0]])},
                           {}, elementwise, "relu", g, checks, "relu'(0) = 0 (torch); no finite-difference check at "
                           "the kink", kink=True))

    def swiglu(i, w):
        gate, up = F.silu(i["x"] @ w["W1"]), i["x"] @ w["W3"]
        return {"output": (gate * up) @ w["W2"], "gate_silu_xW1": gate, "up_xW3": up}

    for name, Tn, d, h, of in [("grad_swiglu_T3_d4_h6_of_output", 3, 4, 6, "output"),
                               ("grad_swiglu_T2_d3_h5_of_gate_silu_xW1", 2, 3, 5, "gate_silu_xW1"),
                               ("grad_swiglu_T2_d3_h4_of_up_xW3", 2, 3, 4, "up_xW3")]:
        w = {"W1": g.randn(d, h, scale=0.5), "W3": g.randn(d, h, scale=0.5), "W2": g.randn(h, d, scale=0.5)}
        cases.append(grad_case(name, {"kind": "swiglu", "T": Tn, "d_model": d, "hidden": h}, {"x": g.randn(Tn, d)}, w,
                               swiglu, of, g, checks))
    return cases, checks


def grad_embeddings():
    g, cases, checks = Gen(203), [], []
    for name, V, d, pad, ids, of, note in [
        ("grad_padding_idx_2_repeated_ids_of_scaled", 6, 3, 2, [2, 4, 4, 0, 2, 4], "scaled",
         "padding row 2 gets no gradient; id 4 appears three times and accumulates"),
        ("grad_batched_ids_B2_T3_of_embedded", 5, 4, None, [[1, 3, 1], [0, 1, 4]], "embedded", "2-D ids, id 1 repeated"),
        ("grad_padding_idx_-1_of_embedded", 5, 2, -1, [4, 1, 4, 3], "embedded", "padding_idx -1 is row V-1 = 4"),
        ("grad_of_scaled_plus_sinusoidal_pe", 7, 4, None, [6, 6, 2], "scaled_plus_sinusoidal_pe", "PE is a constant"),
    ]:
        table = g.randn(V, d)
        if pad is not None:
            table[pad] = 0.0  # as torch's nn.Embedding(padding_idx) initialises it
        scale = math.sqrt(d)

        def fwd(i, w, pad=pad, ids=ids, d=d, scale=scale, with_pe=of == "scaled_plus_sinusoidal_pe"):
            e = F.embedding(torch.tensor(ids), w["table"], padding_idx=pad)
            out = {"embedded": e, "scaled": e * scale}
            if with_pe:
                out["scaled_plus_sinusoidal_pe"] = e * scale + sinusoidal(list(range(len(ids))), d)
            return out

        pad_row = {"weights.table": range((pad % V) * d, (pad % V + 1) * d)} if pad is not None else None
        cases.append(grad_case(name, {"vocab_size": V, "d_model": d, "padding_idx": pad, "scale": scale},
                               {"token_ids": ids}, {"table": table}, fwd, of, g, checks, note, skip=pad_row))
    return cases, checks


def grad_positional_encoding():
    g, cases, checks = Gen(204), [], []
    for name, conv_, Tn, H, hd, sp, base, of in [
        ("grad_rope_interleaved_T3_H2_hd6_start2_of_k_rot", "interleaved", 3, 2, 6, 2, 10000.0, "k_rot"),
        ("grad_rope_rotate_half_T2_H3_hd4_base500000_of_q_rot", "rotate_half", 2, 3, 4, 7, 500000.0, "q_rot"),
        ("grad_rope_interleaved_T4_H1_hd2_of_q_rot", "interleaved", 4, 1, 2, 0, 10000.0, "q_rot"),
    ]:
        ang = rope_angles(Tn, hd, sp, base)

        def fwd(i, w, ang=ang, conv_=conv_):
            return {"q_rot": apply_rope(i["q"], ang, conv_), "k_rot": apply_rope(i["k"], ang, conv_), "angles": ang,
                    "cos": torch.cos(ang), "sin": torch.sin(ang)}

        params = {"kind": "rope", "convention": conv_, "base": base, "start_pos": sp, "T": Tn, "n_heads": H,
                  "head_dim": hd}
        inputs = {"q": g.randn(Tn, H, hd), "k": g.randn(Tn, H, hd), "positions": list(range(sp, sp + Tn))}
        cases.append(grad_case(name, params, inputs, {}, fwd, of, g, checks, "the other input's gradient is 0"))
    # Positions need not be consecutive (e.g. packed sequences): angle[t, i] = positions[t] * theta_i.
    positions, hd = [5, 2, 9], 4
    theta = torch.pow(torch.tensor(10000.0), -torch.arange(0, hd, 2, dtype=torch.float64) / hd)
    ang = torch.tensor(positions, dtype=torch.float64)[:, None] * theta[None, :]

    def fwd_any(i, w):
        return {"q_rot": apply_rope(i["q"], ang, "rotate_half"), "k_rot": apply_rope(i["k"], ang, "rotate_half"),
                "angles": ang, "cos": torch.cos(ang), "sin": torch.sin(ang)}

    params = {"kind": "rope", "convention": "rotate_half", "base": 10000.0, "T": 3, "n_heads": 2, "head_dim": hd}
    cases.append(grad_case("grad_rope_rotate_half_positions_5_2_9_of_q_rot", params,
                           {"q": g.randn(3, 2, hd), "k": g.randn(3, 2, hd), "positions": positions}, {}, fwd_any,
                           "q_rot", g, checks, "non-consecutive inputs.positions, no start_pos"))
    return cases, checks


def grad_norms():
    g, cases, checks = Gen(205), [], []

    def ln_fwd(eps):
        def f(i, w):
            x = i["x"]
            return {"output": F.layer_norm(x, (x.shape[-1],), w["gamma"], w["beta"], eps), "mean": x.mean(-1),
                    "var_biased": x.var(-1, unbiased=False)}
        return f

    def rms_fwd(eps):
        def f(i, w):
            rms = torch.sqrt(i["x"].pow(2).mean(-1) + eps)
            return {"output": i["x"] / rms[..., None] * w["g"], "rms": rms}
        return f

    for name, x, eps, of in [("grad_layer_norm_2x3x5_of_output", g.randn(2, 3, 5), 1e-5, "output"),
                             ("grad_layer_norm_3x4_eps0.1_of_mean", g.randn(3, 4), 0.1, "mean"),
                             ("grad_layer_norm_2x6_of_var_biased", g.randn(2, 6, scale=2.0), 1e-5, "var_biased")]:
        d = x.shape[-1]
        w = {"gamma": 1.0 + g.randn(d, scale=0.3), "beta": g.randn(d, scale=0.3)}
        cases.append(grad_case(name, {"kind": "layer_norm", "d": d, "eps": eps}, {"x": x}, w, ln_fwd(eps), of, g, checks))
    for name, x, eps, of in [("grad_rms_norm_3x6_of_output", g.randn(3, 6), 1e-5, "output"),
                             ("grad_rms_norm_2x2x4_eps1e-6_of_rms", g.randn(2, 2, 4), 1e-6, "rms")]:
        d = x.shape[-1]
        cases.append(grad_case(name, {"kind": "rms_norm", "d": d, "eps": eps}, {"x": x}, {"g": 1.0 + g.randn(d, scale=0.3)},
                               rms_fwd(eps), of, g, checks))
    return cases, checks


def grad_feed_forward():
    g, cases, checks = Gen(206), [], []
    for name, shape, d, act, of in [("grad_gelu_batched_2x3x4_of_output", (2, 3, 4), 4, "gelu", "output"),
                                    ("grad_relu_T3_d3_of_hidden_after_activation", (3, 3), 3, "relu",
                                     "hidden_after_activation")]:
        dff = 4 * d
        w = {"W1": g.randn(d, dff, scale=0.5), "b1": g.randn(dff, scale=0.3), "W2": g.randn(dff, d, scale=0.5),
             "b2": g.randn(d, scale=0.3)}

        def fwd(i, w, act=act):
            hidden = act_fn(act)(i["x"] @ w["W1"] + w["b1"])
            return {"output": hidden @ w["W2"] + w["b2"], "hidden_after_activation": hidden}

        cases.append(grad_case(name, {"d_model": d, "d_ff": dff, "activation": act}, {"x": g.randn(*shape)}, w, fwd, of,
                               g, checks))
    return cases, checks


def grad_sdpa():
    g, cases, checks = Gen(207), [], []

    def fwd(i, w):
        Q, K, V = i["Q"], i["K"], i["V"]
        scale = 1 / math.sqrt(Q.shape[-1])
        s = Q @ K.transpose(-1, -2) * scale
        if "attn_mask" in i:
            s = s + i["attn_mask"]
        if "key_padding_mask" in i:
            s = s.masked_fill(torch.tensor(i["key_padding_mask"])[..., None, :], -INF)
        if "attn_mask_bool_keep" in i:
            s = s.masked_fill(~torch.tensor(i["attn_mask_bool_keep"]), -INF)
        p = torch.softmax(s, -1)
        return {"scores": s, "weights": p, "output": p @ V}

    add = torch.tensor([[0.0, -0.5, 1.0, -INF], [0.3, -INF, 0.0, 0.2], [-INF, -INF, 0.7, 0.0]])
    for name, L, S, dk, dv, variant, extra, of in [
        ("grad_key_padding_L3_S4_of_output", 3, 4, 2, 3, "key_padding", {"key_padding_mask": [False, True, False, False]},
         "output"),
        ("grad_additive_float_mask_L3_S4_of_weights", 3, 4, 3, 2, "additive_float", {"attn_mask": add}, "weights"),
        ("grad_bool_keep_L2_S3_dv4_of_output", 2, 3, 2, 4, "bool_keep",
         {"attn_mask_bool_keep": [[True, False, True], [False, True, True]]}, "output"),
        ("grad_causal_top_left_L3_S5_of_output", 3, 5, 2, 2, "causal", {"attn_mask": causal_mask(3, 5)}, "output"),
        ("grad_no_mask_L2_S2_of_scores", 2, 2, 3, 2, "none", {}, "scores"),
    ]:
        inputs = {"Q": g.randn(L, dk), "K": g.randn(S, dk), "V": g.randn(S, dv), **extra}
        params = {"L": L, "S": S, "d_k": dk, "d_v": dv, "variant": variant, "scale": 1 / math.sqrt(dk)}
        cases.append(grad_case(name, params, inputs, {}, fwd, of, g, checks, "masks are constants"))
    inputs = {"Q": g.randn(2, 2, 3), "K": g.randn(2, 3, 3), "V": g.randn(2, 3, 2),
              "key_padding_mask": [[False, False, True], [True, False, False]]}
    params = {"batch": 2, "L": 2, "S": 3, "d_k": 3, "d_v": 2, "variant": "key_padding", "scale": 1 / math.sqrt(3)}
    cases.append(grad_case("grad_batched_B2_key_padding_of_output", params, inputs, {}, fwd, "output", g, checks,
                           "leading batch axis; key_padding_mask (B, S)"))
    return cases, checks


def ref_mha_gqa(q, kv, w, H, Hkv, attn_mask=None):
    """Grouped-query attention from exported weights: query head h reads kv head h // (H / Hkv)."""
    B, L, E = q.shape
    S = kv.shape[1]
    hd = w["W_Q"].shape[1] // H
    Q = (q @ w["W_Q"]).reshape(B, L, H, hd).transpose(1, 2)
    K = (kv @ w["W_K"]).reshape(B, S, Hkv, hd).transpose(1, 2).repeat_interleave(H // Hkv, 1)
    V = (kv @ w["W_V"]).reshape(B, S, Hkv, hd).transpose(1, 2).repeat_interleave(H // Hkv, 1)
    s = Q @ K.transpose(-1, -2) / math.sqrt(hd)
    if attn_mask is not None:
        s = s + attn_mask
    p = torch.softmax(s, -1)
    return (p @ V).transpose(1, 2).reshape(B, L, H * hd) @ w["W_O"], p


def grad_mha():
    g, cases, checks = Gen(208), [], []

    def fwd(H):
        def f(i, w):
            kv = i.get("memory", i["query"])
            pad = torch.tensor(i["key_padding_mask"]) if "key_padding_mask" in i else None
            out, p = ref_mha(i["query"], kv, w, H, i.get("attn_mask"), pad)
            return {"output": out, "attn_weights_avg": p.mean(1), "attn_weights_per_head": p}
        return f

    def weights(E, kdim, bias):
        w = {"W_Q": g.randn(E, E, scale=0.5), "W_K": g.randn(kdim, E, scale=0.5), "W_V": g.randn(kdim, E, scale=0.5)}
        if bias:
            w.update({"b_Q": g.randn(E, scale=0.2), "b_K": g.randn(E, scale=0.2), "b_V": g.randn(E, scale=0.2)})
        w["W_O"] = g.randn(E, E, scale=0.5)
        if bias:
            w["b_O"] = g.randn(E, scale=0.2)
        return w

    base = {"self_attention": True, "causal": False, "bias": True}
    spec = [
        ("grad_self_causal_padding_B2_L3_E4_H2_of_output", 2, 3, 3, 4, 2, 4, True,
         {"attn_mask": causal_mask(3), "key_padding_mask": [[False, False, True], [False, True, False]]}, "output",
         {"causal": True}),
        ("grad_cross_L2_S3_kdim6_no_bias_of_attn_weights_avg", 1, 2, 3, 4, 2, 6, False, {"memory": None},
         "attn_weights_avg", {"self_attention": False, "bias": False}),
        ("grad_cross_B2_L3_S2_H1_of_attn_weights_per_head", 2, 3, 2, 4, 1, 4, True, {"memory": None},
         "attn_weights_per_head", {"self_attention": False}),
    ]
    for name, B, L, S, E, H, kdim, bias, extra, of, pflags in spec:
        inputs = {"query": g.randn(B, L, E)}
        for k, v in extra.items():
            inputs[k] = g.randn(B, S, kdim) if k == "memory" else v
        params = {"batch": B, "L": L, "S": S, "d_model": E, "num_heads": H, "head_dim": E // H, **base, **pflags,
                  "kdim": kdim, "vdim": kdim}
        cases.append(grad_case(name, params, inputs, weights(E, kdim, bias), fwd(H), of, g, checks))
    # Unbatched input (L, E): torch MHA accepts it; the same math on a batch of one.
    w1 = weights(4, 4, True)

    def unbatched(i, w):
        out, p = ref_mha(i["query"][None], i["query"][None], w, 2, i["attn_mask"])
        return {"output": out[0], "attn_weights_avg": p.mean(1)[0], "attn_weights_per_head": p[0]}

    params = {"L": 3, "S": 3, "d_model": 4, "num_heads": 2, "head_dim": 2, **base, "causal": True, "kdim": 4, "vdim": 4}
    cases.append(grad_case("grad_unbatched_self_causal_L3_E4_H2_of_output", params,
                           {"query": g.randn(3, 4), "attn_mask": causal_mask(3)}, w1, unbatched, "output", g, checks,
                           "unbatched query (L, E)"))
    # Grouped-query self-attention (no torch module has it: explicit math, as llama_block.json).
    H, Hkv, E, L = 4, 2, 8, 3
    w = {"W_Q": g.randn(E, E, scale=0.5), "W_K": g.randn(E, Hkv * 2, scale=0.5), "W_V": g.randn(E, Hkv * 2, scale=0.5),
         "W_O": g.randn(E, E, scale=0.5)}

    def gqa(i, w):
        out, p = ref_mha_gqa(i["query"], i["query"], w, H, Hkv, i["attn_mask"])
        return {"output": out, "attn_weights_avg": p.mean(1), "attn_weights_per_head": p}

    params = {"batch": 1, "L": L, "S": L, "d_model": E, "num_heads": H, "num_kv_heads": Hkv, "head_dim": 2,
              "self_attention": True, "causal": True, "bias": False, "kdim": E, "vdim": E}
    cases.append(grad_case("grad_gqa_self_causal_H4_KV2_of_output", params,
                           {"query": g.randn(1, L, E), "attn_mask": causal_mask(L)}, w, gqa, "output", g, checks,
                           "grouped-query attention: W_K, W_V (d_model, num_kv_heads*head_dim); query head h uses kv "
                           "head h // (num_heads/num_kv_heads)"))
    return cases, checks


def random_layer_weights(g, d, dff, names):
    def attn():
        return {"W_Q": g.randn(d, d, scale=0.5), "W_K": g.randn(d, d, scale=0.5), "W_V": g.randn(d, d, scale=0.5),
                "b_Q": g.randn(d, scale=0.2), "b_K": g.randn(d, scale=0.2), "b_V": g.randn(d, scale=0.2),
                "W_O": g.randn(d, d, scale=0.5), "b_O": g.randn(d, scale=0.2)}

    w = {}
    for n in names:
        if n.endswith("attn"):
            w[n] = attn()
        elif n == "ffn":
            w[n] = {"W1": g.randn(d, dff, scale=0.5), "b1": g.randn(dff, scale=0.2), "W2": g.randn(dff, d, scale=0.5),
                    "b2": g.randn(d, scale=0.2)}
        else:
            w[n] = {"gamma": 1.0 + g.randn(d, scale=0.2), "beta": g.randn(d, scale=0.2), "eps": 1e-5}
    return w


def grad_encoder_layer():
    g, cases, checks = Gen(209), [], []
    for name, B, L, d, H, act, nf, extra in [
        ("grad_pre_ln_gelu_causal_padding_B2_L3_d4_H2", 2, 3, 4, 2, "gelu", True,
         {"src_mask": causal_mask(3), "src_key_padding_mask": [[False, False, True], [False, True, False]]}),
        ("grad_post_ln_relu_B1_L4_d4_H1", 1, 4, 4, 1, "relu", False, {}),
    ]:
        w = random_layer_weights(g, d, 2 * d, ["self_attn", "ffn", "norm1", "norm2"])

        def fwd(i, w, H=H, act=act, nf=nf):
            pad = torch.tensor(i["src_key_padding_mask"]) if "src_key_padding_mask" in i else None
            return {"output": ref_encoder_layer(i["src"], w, H, act, nf, i.get("src_mask"), pad)}

        params = {"batch": B, "L": L, "d_model": d, "nhead": H, "dim_feedforward": 2 * d, "activation": act,
                  "norm_first": nf, "layer_norm_eps": 1e-5}
        cases.append(grad_case(name, params, {"src": g.randn(B, L, d), **extra}, w, fwd, "output", g, checks))
    w = random_layer_weights(g, 4, 8, ["self_attn", "ffn", "norm1", "norm2"])

    def unbatched(i, w):
        pad = torch.tensor(i["src_key_padding_mask"])[None]
        return {"output": ref_encoder_layer(i["src"][None], w, 2, "relu", False, None, pad)[0]}

    params = {"L": 3, "d_model": 4, "nhead": 2, "dim_feedforward": 8, "activation": "relu", "norm_first": False,
              "layer_norm_eps": 1e-5}
    cases.append(grad_case("grad_unbatched_post_ln_padding_L3_d4_H2", params,
                           {"src": g.randn(3, 4), "src_key_padding_mask": [False, True, False]}, w, unbatched, "output",
                           g, checks, "unbatched src (L, d_model) with key padding (L,)"))
    return cases, checks


def grad_decoder_layer():
    g, cases, checks = Gen(210), [], []
    for name, B, L, S, d, H, act, nf, extra, causal in [
        ("grad_post_ln_relu_paddings_B2_L3_S2_d4_H2", 2, 3, 2, 4, 2, "relu", False,
         {"tgt_mask": causal_mask(3), "tgt_key_padding_mask": [[False, False, True], [False, False, False]],
          "memory_key_padding_mask": [[False, True], [False, False]]}, True),
        ("grad_pre_ln_gelu_no_tgt_mask_B1_L2_S3_d4_H1", 1, 2, 3, 4, 1, "gelu", True, {}, False),
    ]:
        w = random_layer_weights(g, d, 2 * d, ["self_attn", "cross_attn", "ffn", "norm1", "norm2", "norm3"])

        def fwd(i, w, H=H, act=act, nf=nf):
            tp = torch.tensor(i["tgt_key_padding_mask"]) if "tgt_key_padding_mask" in i else None
            mp = torch.tensor(i["memory_key_padding_mask"]) if "memory_key_padding_mask" in i else None
            return {"output": ref_decoder_layer(i["tgt"], i["memory"], w, H, act, nf, i.get("tgt_mask"), tp, mp)}

        params = {"batch": B, "L_tgt": L, "S_mem": S, "d_model": d, "nhead": H, "dim_feedforward": 2 * d,
                  "activation": act, "norm_first": nf, "causal_tgt_mask": causal, "layer_norm_eps": 1e-5}
        inputs = {"tgt": g.randn(B, L, d), "memory": g.randn(B, S, d), **extra}
        cases.append(grad_case(name, params, inputs, w, fwd, "output", g, checks))
    return cases, checks


def grad_transformer():
    g, cases, checks = Gen(211), [], []
    d, H, dff = 4, 2, 8
    for name, nf, act, of in [("grad_post_ln_relu_2enc_1dec_of_output", False, "relu", "output"),
                              ("grad_pre_ln_gelu_1enc_2dec_of_memory", True, "gelu", "memory")]:
        n_enc, n_dec = (2, 1) if of == "output" else (1, 2)
        ln = lambda: {"gamma": 1.0 + g.randn(d, scale=0.2), "beta": g.randn(d, scale=0.2), "eps": 1e-5}  # noqa: E731
        w = {"encoder_layers": [random_layer_weights(g, d, dff, ["self_attn", "ffn", "norm1", "norm2"])
                                for _ in range(n_enc)],
             "encoder_norm": ln(),
             "decoder_layers": [random_layer_weights(g, d, dff, ["self_attn", "cross_attn", "ffn", "norm1", "norm2",
                                                                 "norm3"]) for _ in range(n_dec)],
             "decoder_norm": ln()}

        def fwd(i, w, nf=nf, act=act):
            x = i["src"]
            for layer in w["encoder_layers"]:
                x = ref_encoder_layer(x, layer, H, act, nf)
            mem = ref_ln(x, w["encoder_norm"])
            y = i["tgt"]
            for layer in w["decoder_layers"]:
                y = ref_decoder_layer(y, mem, layer, H, act, nf, i["tgt_mask"])
            return {"memory": mem, "output": ref_ln(y, w["decoder_norm"])}

        params = {"batch": 1, "L_src": 3, "L_tgt": 2, "d_model": d, "nhead": H, "num_encoder_layers": n_enc,
                  "num_decoder_layers": n_dec, "dim_feedforward": dff, "activation": act, "norm_first": nf,
                  "layer_norm_eps": 1e-5}
        inputs = {"src": g.randn(1, 3, d), "tgt": g.randn(1, 2, d), "tgt_mask": causal_mask(2)}
        cases.append(grad_case(name, params, inputs, w, fwd, of, g, checks,
                               "every decoder layer reads memory: its gradient sums over them"))
    return cases, checks


def grad_gpt2():
    g, cases, checks = Gen(212), [], []
    V, ctx, d, H, L = 9, 5, 6, 3, 2
    w = gpt2_weights(212, V, ctx, d, L)
    params = {"vocab_size": V, "n_ctx": ctx, "d_model": d, "n_head": H, "n_layer": L, "layer_norm_eps": 1e-5,
              "activation": "gelu_tanh", "tied_lm_head": True}
    for name, ids, of in [("grad_full_context_T5_repeated_ids_of_log_probs_next", [3, 8, 3, 0, 3], "log_probs_next"),
                          ("grad_T3_of_logits", [7, 1, 1], "logits")]:
        def fwd(i, w, ids=ids):
            logits = gpt2_forward(ids, w, H)
            return {"logits": logits, "log_probs_next": torch.log_softmax(logits, -1)}

        cases.append(grad_case(name, params, {"token_ids": ids}, w, fwd, of, g, checks,
                               "tied wte: its gradient sums the embedding lookups (repeated ids accumulate) and the "
                               "LM head"))
    return cases, checks


def grad_llama_block():
    g, cases, checks = Gen(213), [], []
    d, H, hd, ffn, eps, base = 8, 4, 2, 12, 1e-5, 10000.0
    for name, Hkv, conv_, Tn, sp, W, rule, of in [
        ("grad_gqa_KV2_sliding_window_W2_start2_T4_of_output", 2, "rotate_half", 4, 2, 2, "i-j<W", "output"),
        ("grad_interleaved_KV1_causal_T3_of_h_after_attention", 1, "interleaved", 3, 0, None, None,
         "h_after_attention"),
        ("grad_mha_KV4_sliding_window_W1_le_T3_of_attn_weights", 4, "rotate_half", 3, 1, 1, "i-j<=W", "attn_weights"),
    ]:
        w = {"attention_norm": 1.0 + g.randn(d, scale=0.2), "W_Q": g.randn(d, H * hd, scale=0.4),
             "W_K": g.randn(d, Hkv * hd, scale=0.4), "W_V": g.randn(d, Hkv * hd, scale=0.4),
             "W_O": g.randn(H * hd, d, scale=0.3), "ffn_norm": 1.0 + g.randn(d, scale=0.2),
             "W1": g.randn(d, ffn, scale=0.3), "W3": g.randn(d, ffn, scale=0.3), "W2": g.randn(ffn, d, scale=0.3)}
        mask = causal_mask(Tn) if W is None else sliding_mask(Tn, W, rule)
        ang = rope_angles(Tn, hd, sp, base)

        def fwd(i, w, Hkv=Hkv, conv_=conv_, ang=ang, Tn=Tn):
            rms = lambda x, gw: x / torch.sqrt(x.pow(2).mean(-1, keepdim=True) + eps) * gw  # noqa: E731
            x = i["x"]
            n = rms(x, w["attention_norm"])
            q = apply_rope((n @ w["W_Q"]).reshape(Tn, H, hd), ang, conv_)
            k = apply_rope((n @ w["W_K"]).reshape(Tn, Hkv, hd), ang, conv_).repeat_interleave(H // Hkv, 1)
            v = (n @ w["W_V"]).reshape(Tn, Hkv, hd).repeat_interleave(H // Hkv, 1)
            q, k, v = q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + i["mask"], -1)
            h = x + (att @ v).transpose(0, 1).reshape(Tn, H * hd) @ w["W_O"]
            n2 = rms(h, w["ffn_norm"])
            return {"output": h + (F.silu(n2 @ w["W1"]) * (n2 @ w["W3"])) @ w["W2"], "h_after_attention": h,
                    "attn_weights": att}

        params = {"d_model": d, "n_heads": H, "n_kv_heads": Hkv, "head_dim": hd, "ffn_hidden": ffn, "norm_eps": eps,
                  "rope_base": base, "rope_convention": conv_, "start_pos": sp, "T": Tn,
                  "mask": "causal" if W is None else "sliding_window"}
        if W is not None:
            params.update({"sliding_window": W, "window_rule": f"{rule} ({WINDOW_RULE_SOURCE[rule]})"})
        cases.append(grad_case(name, params, {"x": g.randn(Tn, d), "mask": mask}, w, fwd, of, g, checks))
    return cases, checks


def grad_moe():
    g, cases, checks = Gen(214), [], []
    for name, Tn, d, hidden, E, k, of in [("grad_top1_of_3_T4_d3_of_output", 4, 3, 4, 3, 1, "output"),
                                          ("grad_top2_of_4_T3_d4_of_routing_weights", 3, 4, 5, 4, 2, "routing_weights"),
                                          ("grad_top3_of_4_T2_d3_of_output", 2, 3, 3, 4, 3, "output")]:
        while True:
            x, Wr = g.randn(Tn, d), g.randn(d, E)
            srt = (x @ Wr).sort(-1, descending=True).values
            if (srt[:, :-1] - srt[:, 1:]).min() > 1e-2:  # no near-ties: finite differences keep the selection
                break
        experts = [{"W1": g.randn(d, hidden, scale=0.5), "W3": g.randn(d, hidden, scale=0.5),
                    "W2": g.randn(hidden, d, scale=0.5)} for _ in range(E)]

        def fwd(i, w, k=k, Tn=Tn, d=d):
            logits = i["x"] @ w["W_router"]
            top, sel = torch.topk(logits, k, -1)
            rw = torch.softmax(top, -1)
            outs = torch.stack([(F.silu(i["x"] @ e["W1"]) * (i["x"] @ e["W3"])) @ e["W2"] for e in w["experts"]], 1)
            y = (rw[..., None] * outs.gather(1, sel[..., None].expand(Tn, k, d))).sum(1)
            return {"router_logits": logits, "selected_experts": sel, "routing_weights": rw, "output": y}

        params = {"T": Tn, "d_model": d, "expert_hidden": hidden, "num_experts": E, "top_k": k}
        cases.append(grad_case(name, params, {"x": x}, {"W_router": Wr, "experts": experts}, fwd, of, g, checks,
                               "gradients flow through the selected experts and the softmax over their logits"))
    return cases, checks


def grad_losses():
    g, cases, checks = Gen(215), [], []
    for name, N, C, targets, ignore, eps, of in [
        ("grad_ignore_index_0_label_smoothing_0.1_of_loss_mean", 4, 5, [0, 3, 1, 0], 0, 0.1, "loss_mean"),
        ("grad_ignore_index_-100_of_loss_sum", 3, 4, [2, -100, 1], -100, 0.0, "loss_sum"),
        ("grad_label_smoothing_0.2_of_loss_per_token", 3, 3, [1, 0, 2], -100, 0.2, "loss_per_token"),
        ("grad_of_perplexity", 2, 4, [3, 0], -100, 0.0, "perplexity"),
    ]:
        def fwd(i, w, targets=targets, ignore=ignore, eps=eps):
            t = torch.tensor(targets)
            per = F.cross_entropy(i["logits"], t, ignore_index=ignore, label_smoothing=eps, reduction="none")
            counted = int((t != ignore).sum())
            mean = F.cross_entropy(i["logits"], t, ignore_index=ignore, label_smoothing=eps)
            return {"loss_mean": mean, "loss_sum": per.sum(), "loss_per_token": per, "num_counted": counted,
                    "perplexity": torch.exp(mean)}

        cases.append(grad_case(name, {"ignore_index": ignore, "label_smoothing": eps, "num_classes": C},
                               {"logits": g.randn(N, C, scale=1.5), "targets": targets}, {}, fwd, of, g, checks,
                               "ignored tokens get gradient 0"))
    return cases, checks


def gen_batch_norm(out):
    g = Gen(117)
    conv = (
        "Training-mode batch normalisation per channel: x (N, ..., C) with channels on the LAST axis; mean and BIASED "
        "variance of channel c over every other axis (all N*T positions); y = (x - mean_c) / sqrt(var_c + eps) * "
        "gamma_c + beta_c. Computed with F.batch_norm(training=True) (what nn.BatchNorm1d(C, eps) runs in train() "
        "mode) on the (N, C, T) transpose; weights.gamma/beta are its weight/bias; running statistics do not affect "
        "the output. "
        "Crosschecks recompute it from the exported weights with explicit math."
    )
    cases, crosschecks = [], []

    def fwd(eps):
        def f(i, w):
            x = i["x"]
            x3 = x.reshape(x.shape[0], -1, x.shape[-1]).transpose(1, 2)  # (N, C, T), BatchNorm1d's layout
            y = F.batch_norm(x3, None, None, w["gamma"], w["beta"], True, 0.1, eps).transpose(1, 2).reshape(x.shape)
            return {"output": y}
        return f

    for name, shape, eps, note in [("batch_norm_B2_T3_C4", (2, 3, 4), 1e-5, None),
                                   ("batch_norm_B1_T5_C2_eps0.1", (1, 5, 2), 0.1, "one sequence: statistics over time"),
                                   ("batch_norm_2d_N6_C3", (6, 3), 1e-5, "(N, C): statistics over the batch")]:
        x = g.randn(*shape, scale=1.5)
        C = shape[-1]
        w = {"gamma": 1.0 + g.randn(C, scale=0.3), "beta": g.randn(C, scale=0.3)}
        y = fwd(eps)({"x": x}, w)["output"]
        dims = tuple(range(x.dim() - 1))
        ref = (x - x.mean(dims)) / torch.sqrt(x.var(dims, unbiased=False) + eps) * w["gamma"] + w["beta"]
        crosschecks.append({"case": name, "against": "explicit (x - mean) / sqrt(var + eps) * gamma + beta",
                            "max_abs_diff": max_abs_diff(y, ref)})
        cases.append(case(name, {"eps": eps}, {"x": x}, w, {"output": y}, note))
    gg = Gen(216)
    for name, shape, eps in [("grad_batch_norm_B2_T2_C3_of_output", (2, 2, 3), 1e-5),
                             ("grad_batch_norm_2d_N4_C2_eps0.01_of_output", (4, 2), 0.01)]:
        C = shape[-1]
        w = {"gamma": 1.0 + gg.randn(C, scale=0.3), "beta": gg.randn(C, scale=0.3)}
        cases.append(grad_case(name, {"eps": eps}, {"x": gg.randn(*shape, scale=1.5)}, w, fwd(eps), "output", gg,
                               crosschecks, "every position of a channel affects every output of that channel"))
    write(out, "batch_norm", conv, cases, crosschecks)


def grad_sampling():
    g, cases, checks = Gen(217), [], []
    base = torch.tensor([[2.0, 1.0, 0.5, 3.0, -1.0, 0.0, 1.5, -2.0]])

    def pipeline(temp, k, p):
        def f(i, w):
            scaled = i["logits"] / temp
            filtered = scaled
            if k is not None:
                filtered = hf_top_k(filtered, k)
            if p is not None:
                filtered = hf_top_p(filtered, p)
            return {"scaled_logits": scaled, "filtered_logits": filtered, "probs": torch.softmax(filtered, -1),
                    "kept_mask": torch.isfinite(filtered)}
        return f

    for name, kind, temp, k, p, logits, of in [
        ("grad_combined_T0.7_k5_p0.9_of_probs", "combined", 0.7, 5, 0.9, base, "probs"),
        ("grad_top_k_3_rows_of_probs", "top_k", 1.0, 3, None, g.randn(2, 6, scale=1.5), "probs"),
        ("grad_temperature_2_of_scaled_logits", "temperature", 2.0, None, None, base, "scaled_logits"),
    ]:
        params = {"kind": kind}
        if kind != "top_k":
            params["temperature"] = temp
        if k is not None:
            params["top_k"] = k
        if p is not None:
            params.update({"top_p": p, "min_tokens_to_keep": 1})
        if kind == "combined":
            params["order"] = [s for s in ["temperature", "top_k", "top_p"] if s in params]
        cases.append(grad_case(name, params, {"logits": logits}, {}, pipeline(temp, k, p), of, g, checks,
                               "top-k/top-p selection is piecewise constant: removed logits get gradient 0"))
    probs = torch.softmax(g.randn(5), -1)

    def cdf(i, w):
        c = torch.cumsum(i["probs"], -1)
        idx = [min(int((c > u).nonzero()[0]) if (c > u).any() else 4, 4) for u in i["u"].tolist()]
        return {"cdf": c, "indices": idx}

    cases.append(grad_case("grad_inverse_cdf_of_cdf", {"kind": "inverse_cdf"}, {"probs": probs, "u": torch.tensor(
        [0.1, 0.55, 0.9])}, {}, cdf, "cdf", g, checks, "cdf does not depend on u: its gradient is 0"))
    return cases, checks


GRAD_CASES = {
    "softmax": grad_softmax,
    "activations": grad_activations,
    "embeddings": grad_embeddings,
    "positional_encoding": grad_positional_encoding,
    "norms": grad_norms,
    "feed_forward": grad_feed_forward,
    "scaled_dot_product_attention": grad_sdpa,
    "multi_head_attention": grad_mha,
    "encoder_layer": grad_encoder_layer,
    "decoder_layer": grad_decoder_layer,
    "transformer": grad_transformer,
    "gpt2": grad_gpt2,
    "llama_block": grad_llama_block,
    "moe": grad_moe,
    "losses": grad_losses,
    "sampling": grad_sampling,
}


GENERATORS = {
    "softmax": gen_softmax,
    "activations": gen_activations,
    "embeddings": gen_embeddings,
    "positional_encoding": gen_positional_encoding,
    "norms": gen_norms,
    "feed_forward": gen_feed_forward,
    "scaled_dot_product_attention": gen_sdpa,
    "multi_head_attention": gen_mha,
    "losses": gen_losses,
    "sampling": gen_sampling,
    "encoder_layer": gen_encoder_layer,
    "decoder_layer": gen_decoder_layer,
    "transformer": gen_transformer,
    "gpt2": gen_gpt2,
    "llama_block": gen_llama_block,
    "moe": gen_moe,
    "batch_norm": gen_batch_norm,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=DEFAULT_OUT, help="output folder (default: packages/core/fixtures)")
    ap.add_argument("components", nargs="*", choices=[[]] + list(GENERATORS), help="default: all")
    args = ap.parse_args()
    if not torch.__version__.startswith("1.13"):
        print(f"warning: fixtures are specified for torch 1.13, running {torch.__version__}", file=sys.stderr)
    os.makedirs(args.out, exist_ok=True)
    for name in args.components or list(GENERATORS):
        GENERATORS[name](args.out)


if __name__ == "__main__":
    main()
