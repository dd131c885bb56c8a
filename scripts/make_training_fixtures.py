#!/usr/bin/python3
"""Writes the PyTorch references of ComplexNN's training losses and per-step schedule to
Tests/Fixtures/complexnn/.

Run with Debian's torch: `/usr/bin/python3 scripts/make_training_fixtures.py`.

- cross_entropy_cases.npz: `F.cross_entropy` on one batch of real logits [6, 4], forward and
  backward (`.grad` of the logits), in five cases: integer labels with class weights, without and
  with label smoothing 0.1 (`hard_w_ls0`, `hard_w_ls1`); probability targets (a mixup row, a
  one-hot row, smooth rows) without weights (`soft_ls0`) and with weights and smoothing 0.1
  (`soft_w_ls1`); and the one-hot rows of the labels as probability targets with weights
  (`onehot_w_ls0`, which PyTorch normalises by the batch size, not by the labels' weights).
- lr_warmup_cosine.npz: `torch.optim.lr_scheduler.LambdaLR` with the factor of
  `WarmupCosineSchedule` (Hugging Face's `get_cosine_with_min_lr_schedule_with_warmup`, held at
  the minimum after the last step), the learning rate of each optimizer step:
  `rates_w3` (base 0.1, 3 warm-up steps, 10 steps, minimum 0.001, read for 14 steps) and
  `rates_w0` (base 0.02, no warm-up, 5 steps, minimum 0, read for 7 steps).
Each file records `torch_version` (UTF-8 bytes).
"""
import math

import torch
import torch.nn.functional as F

from complexnn_torch_ops import leaf, save

torch.manual_seed(20260214)

# MARK: - Cross-entropy with class weights and probability targets

logits = torch.randn(6, 4) * 1.5
labels = torch.tensor([0, 3, 1, 1, 2, 2])  # their weights sum to 6.75, not the batch size
weights = torch.tensor([0.5, 2.0, 1.0, 0.25])
targets = torch.softmax(torch.randn(6, 4), dim=1)
targets[0] = torch.tensor([0.7, 0.0, 0.3, 0.0])  # mixup of classes 0 and 2, λ = 0.7
targets[1] = torch.tensor([0.0, 0.0, 0.0, 1.0])
cases = {
    "hard_w_ls0": dict(target=labels, weight=weights, label_smoothing=0.0),
    "hard_w_ls1": dict(target=labels, weight=weights, label_smoothing=0.1),
    "soft_ls0": dict(target=targets, weight=None, label_smoothing=0.0),
    "soft_w_ls1": dict(target=targets, weight=weights, label_smoothing=0.1),
    "onehot_w_ls0": dict(target=F.one_hot(labels, 4).float(), weight=weights, label_smoothing=0.0),
}
arrays = {"logits": logits, "labels": labels.numpy().astype("int64"), "weights": weights, "targets": targets}
for case, arguments in cases.items():
    x = leaf(logits)
    loss = F.cross_entropy(x, arguments["target"], weight=arguments["weight"],
                           label_smoothing=arguments["label_smoothing"])
    loss.backward()
    arrays.update({"loss_" + case: loss.reshape(1), "grad_" + case: x.grad})
save("complexnn", "cross_entropy_cases", **arrays)

# MARK: - Warm-up then cosine decay, per optimizer step


def warmup_cosine_factor(base, warmup, total, minimum):
    """The LambdaLR factor lr(step)/base of WarmupCosineSchedule."""
    def factor(step):
        if step < warmup:
            return step / max(1, warmup)
        progress = min(1.0, (step - warmup) / max(1, total - warmup))
        return (minimum + (base - minimum) * 0.5 * (1 + math.cos(math.pi * progress))) / base
    return factor


def rates(base, warmup, total, minimum, steps):
    optimizer = torch.optim.SGD([leaf(torch.zeros(1))], lr=base)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, warmup_cosine_factor(base, warmup, total, minimum))
    result = []
    for _ in range(steps):
        result.append(optimizer.param_groups[0]["lr"])  # the rate this optimizer step uses
        optimizer.step()
        scheduler.step()
    return torch.tensor(result, dtype=torch.float64)


save("complexnn", "lr_warmup_cosine", rates_w3=rates(0.1, 3, 10, 0.001, 14), rates_w0=rates(0.02, 0, 5, 0.0, 7))
print("wrote cross_entropy_cases.npz, lr_warmup_cosine.npz")
