#!/usr/bin/python3
"""PyTorch oracle for training in @qkv/core.

Writes packages/core/fixtures/training/:
  optimisers.json   torch.optim.SGD / AdamW trajectories, clip_grad_norm_, and the warm-up + cosine LR schedule
  gpt2_adamw.json   a tiny GPT-2 trained for 24 AdamW steps (fixed init and batches, clipping and schedule on):
                    the loss, gradient norm and learning rate of every step and the final weights

Float64, fixed seeds, single-threaded: re-running gives byte-identical files.

    /usr/bin/python3 tools/oracle/train_parity.py [--out DIR]
"""

import argparse
import json
import math
import os
import warnings

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
# SequentialLR steps its second scheduler with an explicit epoch at the milestone (its own closed form); expected.
warnings.filterwarnings("ignore", message="The epoch parameter")

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(ROOT, "packages", "core", "fixtures", "training")


def enc(x):
    """Tensors/numbers/containers -> JSON values (these fixtures hold finite numbers only)."""
    if isinstance(x, torch.Tensor):
        return x.detach().tolist()
    if isinstance(x, dict):
        return {k: enc(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [enc(v) for v in x]
    if isinstance(x, float):
        assert math.isfinite(x), x
    return x


def write(out_dir, name, doc):
    doc = {"torch_version": torch.__version__, "dtype": "float64", **doc}
    text = json.dumps(enc(doc), allow_nan=False, ensure_ascii=True)
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"{name}.json")
    with open(path, "w", encoding="ascii") as f:
        f.write(text + "\n")
    print(f"{name}: {len(text)} bytes -> {os.path.relpath(path, ROOT)}")


# ---------------------------------------------------------------------------------------------------------------
# Optimisers, clipping, schedule


def warmup_cosine(peak, min_lr, warmup, total, start_factor):
    """torch's own schedulers: LinearLR for `warmup` steps, then CosineAnnealingLR down to min_lr."""
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=peak)
    sched = torch.optim.lr_scheduler.SequentialLR(opt, [
        torch.optim.lr_scheduler.LinearLR(opt, start_factor=start_factor, end_factor=1.0, total_iters=warmup),
        torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=total - warmup, eta_min=min_lr),
    ], milestones=[warmup])
    lrs = []
    for _ in range(total):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return lrs


def closed_form_lr(t, peak, min_lr, warmup, total, start_factor):
    if t < warmup:
        return peak * (start_factor + (1 - start_factor) * t / warmup)
    return min_lr + (peak - min_lr) * (1 + math.cos(math.pi * (t - warmup) / (total - warmup))) / 2


def trajectory(g, make_opt, steps, lrs=None):
    """Random params {w (3,4), b (4,)} and per-step random grads; the params after every opt.step()."""
    shapes = {"w": (3, 4), "b": (4,)}
    init = {n: torch.randn(s, generator=g) for n, s in shapes.items()}
    grads = [{n: torch.randn(s, generator=g) for n, s in shapes.items()} for _ in range(steps)]
    ps = {n: p.clone().requires_grad_(True) for n, p in init.items()}
    opt = make_opt(ps)
    out = []
    for k in range(steps):
        if lrs is not None:
            for group in opt.param_groups:
                group["lr"] = lrs[k]
        for n, p in ps.items():
            p.grad = grads[k][n].clone()
        opt.step()
        out.append({n: p.detach().clone() for n, p in ps.items()})
    return init, grads, out


def gen_optimisers(out_dir):
    g = torch.Generator().manual_seed(11)
    cases = []

    for name, kw in [
        ("sgd_plain", {"lr": 0.1}),
        ("sgd_momentum", {"lr": 0.1, "momentum": 0.9}),
        ("sgd_momentum_dampening_weight_decay", {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.01}),
        ("sgd_nesterov_weight_decay", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.02}),
    ]:
        init, grads, traj = trajectory(g, lambda ps, kw=kw: torch.optim.SGD(list(ps.values()), **kw), 6)
        cases.append({"name": name, "params": {"kind": "sgd", **kw}, "inputs": {"params": init, "grads": grads},
                      "expected": {"params_after_step": traj}})

    for name, kw in [
        ("adamw_defaults", {"lr": 0.01}),
        ("adamw_betas_eps_weight_decay", {"lr": 0.02, "betas": (0.8, 0.95), "eps": 1e-3, "weight_decay": 0.1}),
        ("adamw_no_weight_decay", {"lr": 0.003, "weight_decay": 0.0}),
    ]:
        init, grads, traj = trajectory(g, lambda ps, kw=kw: torch.optim.AdamW(list(ps.values()), **kw), 8)
        cases.append({"name": name, "params": {"kind": "adamw", **kw}, "inputs": {"params": init, "grads": grads},
                      "expected": {"params_after_step": traj}})

    # Two parameter groups (decay the matrix, not the bias, as nanoGPT does) and a learning rate set every step.
    lrs = [0.01 * (k + 1) / 4 if k < 3 else 0.005 for k in range(8)]
    init, grads, traj = trajectory(g, lambda ps: torch.optim.AdamW(
        [{"params": [ps["w"]], "weight_decay": 0.1}, {"params": [ps["b"]], "weight_decay": 0.0}],
        lr=0.01, betas=(0.9, 0.99)), 8, lrs)
    cases.append({"name": "adamw_decay_groups_lr_per_step",
                  "params": {"kind": "adamw", "lr": 0.01, "betas": (0.9, 0.99), "weight_decay": {"w": 0.1, "b": 0.0},
                             "lr_per_step": lrs},
                  "inputs": {"params": init, "grads": grads}, "expected": {"params_after_step": traj}})

    for name, scale, max_norm in [("clip_above_max_norm", 1.0, 1.0), ("clip_below_max_norm", 0.05, 1.0),
                                  ("clip_max_norm_0.5_with_zero_grad", 1.0, 0.5)]:
        grads = {"w": torch.randn(3, 4, generator=g) * scale, "b": torch.randn(4, generator=g) * scale,
                 "z": torch.zeros(2, 2)}
        ps = {n: torch.zeros_like(v, requires_grad=True) for n, v in grads.items()}
        for n, p in ps.items():
            p.grad = grads[n].clone()
        total = torch.nn.utils.clip_grad_norm_(list(ps.values()), max_norm)
        cases.append({"name": name, "params": {"kind": "clip_grad_norm", "max_norm": max_norm, "norm_type": 2.0},
                      "inputs": {"grads": grads},
                      "expected": {"total_norm": float(total), "clipped": {n: p.grad for n, p in ps.items()}}})

    crosschecks = []
    for name, peak, min_lr, warmup, total in [("schedule_warmup4_total24", 3e-2, 3e-3, 4, 24),
                                              ("schedule_warmup10_total100", 1e-3, 1e-4, 10, 100),
                                              ("schedule_warmup1_total5_min0", 0.5, 0.0, 1, 5)]:
        start = 1 / (warmup + 1)
        lrs = warmup_cosine(peak, min_lr, warmup, total, start)
        diff = max(abs(a - closed_form_lr(t, peak, min_lr, warmup, total, start)) for t, a in enumerate(lrs))
        assert diff < 1e-15, (name, diff)
        crosschecks.append({"case": name, "against": "closed form", "max_abs_diff": diff})
        cases.append({"name": name, "params": {"kind": "warmup_cosine", "peak_lr": peak, "min_lr": min_lr,
                                               "warmup_steps": warmup, "total_steps": total, "start_factor": start},
                      "inputs": {}, "expected": {"lr": lrs}})

    write(out_dir, "optimisers", {
        "component": "training/optimisers",
        "conventions": (
            "kind sgd / adamw: torch.optim.SGD / AdamW (single-tensor path) on params {w (3,4), b (4,)} from "
            "inputs.params; before step k the gradients are set to inputs.grads[k] (fixed, not computed); "
            "expected.params_after_step[k] = params after the k-th opt.step(). Hyperparameters use torch's names; "
            "absent ones are torch's defaults (SGD momentum 0, dampening 0, weight_decay 0, nesterov false; AdamW "
            "betas (0.9, 0.999), eps 1e-8, weight_decay 0.01). weight_decay given per parameter name means one torch "
            "param group per parameter; lr_per_step[k] is written into every group before step k. "
            "kind clip_grad_norm: torch.nn.utils.clip_grad_norm_(params, max_norm): total_norm = L2 norm of the "
            "per-tensor L2 norms (before clipping); every gradient is multiplied by min(1, max_norm / (total_norm + "
            "1e-6)). kind warmup_cosine: torch SequentialLR([LinearLR(start_factor, end_factor=1, "
            "total_iters=warmup_steps), CosineAnnealingLR(T_max=total_steps-warmup_steps, eta_min=min_lr)], "
            "milestones=[warmup_steps]) with base lr peak_lr; expected.lr[t] = the lr used by optimizer step t "
            "(0-based), read before that step. Cross-checked against the closed form lr_t = peak*(s + (1-s)*t/W) "
            "for t < W, min + (peak-min)*(1+cos(pi*(t-W)/(N-W)))/2 after."),
        "cases": cases, "crosschecks": crosschecks})


# ---------------------------------------------------------------------------------------------------------------
# GPT-2 trained with AdamW


def gpt2_logits(ids, w, H, eps=1e-5):
    """Batched HF-style GPT-2 on ids (B, T), weights in the (in, out) convention of gpt2.json. -> (B, T, V)"""
    B, Tn = ids.shape
    d = w["wte"].shape[1]
    hd = d // H
    ln = lambda x, p: F.layer_norm(x, (d,), p["gamma"], p["beta"], eps)
    mask = torch.full((Tn, Tn), -math.inf).triu(1)
    x = w["wte"][ids] + w["wpe"][:Tn]
    for b in w["blocks"]:
        h = ln(x, b["ln_1"])
        q, k, v = (h @ b[f"W_{n}"] + b[f"b_{n}"] for n in "QKV")
        q, k, v = (t.reshape(B, Tn, H, hd).transpose(1, 2) for t in (q, k, v))  # (B, H, T, hd)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(hd) + mask, -1)
        a = (att @ v).transpose(1, 2).reshape(B, Tn, d)
        x = x + a @ b["W_O"] + b["b_O"]
        h = ln(x, b["ln_2"])
        x = x + F.gelu(h @ b["W_fc"] + b["b_fc"], approximate="tanh") @ b["W_proj"] + b["b_proj"]
    return ln(x, w["ln_f"]) @ w["wte"].t()


def named_leaves(w, prefix=""):
    """(dotted name, tensor) for every weight, in a fixed order: wte, wpe, blocks.0.ln_1.gamma, …, ln_f.beta."""
    if isinstance(w, torch.Tensor):
        return [(prefix[:-1], w)]
    items = enumerate(w) if isinstance(w, list) else w.items()
    return [leaf for k, v in items for leaf in named_leaves(v, f"{prefix}{k}.")]


def gen_gpt2_adamw(out_dir):
    V, ctx, d, H, L = 13, 8, 8, 2, 2
    B, Tn, steps = 4, 8, 24
    peak, min_lr, warmup, max_norm = 3e-2, 3e-3, 4, 1.0
    betas, eps, wd = (0.9, 0.95), 1e-8, 0.1
    g = torch.Generator().manual_seed(2024)
    r = lambda *s, scale: torch.randn(*s, generator=g) * scale

    def ln():
        return {"gamma": 1.0 + r(d, scale=0.1), "beta": r(d, scale=0.1)}

    w = {"wte": r(V, d, scale=0.5), "wpe": r(ctx, d, scale=0.2), "blocks": [], "ln_f": None}
    for _ in range(L):
        w["blocks"].append({"ln_1": ln(), "W_Q": r(d, d, scale=0.3), "W_K": r(d, d, scale=0.3),
                            "W_V": r(d, d, scale=0.3), "b_Q": r(d, scale=0.05), "b_K": r(d, scale=0.05),
                            "b_V": r(d, scale=0.05), "W_O": r(d, d, scale=0.3), "b_O": r(d, scale=0.05),
                            "ln_2": ln(), "W_fc": r(d, 4 * d, scale=0.3), "b_fc": r(4 * d, scale=0.05),
                            "W_proj": r(4 * d, d, scale=0.15), "b_proj": r(d, scale=0.05)})
    w["ln_f"] = ln()
    init = json.loads(json.dumps(enc(w)))

    # A learnable stream: token t+1 = (t + 1 + noise) mod V with occasional jumps; batches are random windows.
    stream = [0]
    for _ in range(599):
        jump = int(torch.randint(0, 10, (1,), generator=g))
        stream.append((stream[-1] + (1 if jump > 1 else 1 + jump * 3)) % V)
    stream = torch.tensor(stream)
    starts = torch.randint(0, len(stream) - Tn - 1, (steps, B), generator=g)
    batches = torch.stack([torch.stack([stream[s:s + Tn + 1] for s in row]) for row in starts])  # (steps, B, T+1)

    leaves = named_leaves(w)
    for _, p in leaves:
        p.requires_grad_(True)
    decay = [p for n, p in leaves if p.dim() >= 2]
    no_decay = [p for n, p in leaves if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=peak, betas=betas, eps=eps)
    sched = torch.optim.lr_scheduler.SequentialLR(opt, [
        torch.optim.lr_scheduler.LinearLR(opt, start_factor=1 / (warmup + 1), end_factor=1.0, total_iters=warmup),
        torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps - warmup, eta_min=min_lr),
    ], milestones=[warmup])
    losses, norms, lrs = [], [], []
    for k in range(steps):
        opt.zero_grad()
        x, y = batches[k][:, :-1], batches[k][:, 1:]
        loss = F.cross_entropy(gpt2_logits(x, w, H).reshape(-1, V), y.reshape(-1))
        loss.backward()
        norms.append(float(torch.nn.utils.clip_grad_norm_([p for _, p in leaves], max_norm)))
        lrs.append(opt.param_groups[0]["lr"])
        losses.append(float(loss))
        opt.step()
        sched.step()
    clipped = sum(n > max_norm for n in norms)
    assert 0 < clipped < steps, f"clipping should act on some steps only: {norms}"
    assert losses[-1] < losses[0] - 0.3, losses

    write(out_dir, "gpt2_adamw", {
        "component": "training/gpt2_adamw",
        "conventions": (
            "Tiny GPT-2 with the conventions of gpt2.json (pre-LN blocks, W (in, out), y = x @ W + b, heads = column "
            "blocks, causal softmax(QK^T/sqrt(head_dim)), gelu_tanh MLP d -> 4d -> d, final ln_f, logits = h @ wte^T "
            "tied, LayerNorm eps 1e-5), applied to each row of a batch. Step k: inputs = batches[k][:, :-1] (B, T), "
            "targets = batches[k][:, 1:]; loss = F.cross_entropy over all B*T positions, mean; backward; "
            "clip_grad_norm_(all params, max_norm) (grad_norm[k] is the norm BEFORE clipping); AdamW step with "
            "lr[k]. AdamW has two param groups: weight_decay on every tensor of rank >= 2 (wte, wpe, W_*), 0 on "
            "biases and LayerNorm gamma/beta (nanoGPT's rule). lr[k] from SequentialLR(LinearLR(start_factor "
            "1/(W+1), total_iters W), CosineAnnealingLR(T_max = steps - W, eta_min = min_lr)), W = warmup_steps. "
            "loss[k] is the loss of step k's batch under the weights BEFORE step k. weights = the initial weights, "
            "expected.final_weights = the weights after the last step, same nesting."),
        "params": {"vocab_size": V, "n_ctx": ctx, "d_model": d, "n_head": H, "n_layer": L, "layer_norm_eps": 1e-5,
                   "batch_size": B, "seq_len": Tn, "steps": steps, "peak_lr": peak, "min_lr": min_lr,
                   "warmup_steps": warmup, "betas": betas, "eps": eps, "weight_decay": wd, "max_norm": max_norm},
        "inputs": {"batches": batches},
        "weights": init,
        "expected": {"loss": losses, "grad_norm": norms, "lr": lrs, "final_weights": w,
                     "steps_clipped": clipped},
    })
    print(f"gpt2_adamw: loss {losses[0]:.4f} -> {losses[-1]:.4f}, clipped {clipped}/{steps} steps")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    args = ap.parse_args()
    gen_optimisers(args.out)
    gen_gpt2_adamw(args.out)


if __name__ == "__main__":
    main()
