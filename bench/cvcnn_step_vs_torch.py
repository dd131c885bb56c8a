#!/usr/bin/env python3
"""One CVCNN training step, audiocls against PyTorch CPU, in one run on the same machine.

The step is forward + cross-entropy + backward + Adam of the paper's CVCNN (Conv2d 1→10 k2 →
cardioid → |z|-max-pool 2 → complex BN → Conv2d 10→20 k2 → cardioid → |z|-max-pool 2 → flatten
1200 → Linear 1200→500 → cardioid → Linear 500→C → |z| → cross-entropy) on a fixed random batch
(default 32 × 1×13×126), and of its real twin (ReLU, real BN, max-pool). audiocls runs
`bench-cvcnn` (built by scripts/build-release); torch runs the same layers in complex64 (complex BN, cardioid
and |z| max-pool from scripts/complexnn_torch_ops.py, the fixture script's definitions) with
`torch.set_num_threads(THREADS)` and torch.optim.Adam, once per given Python interpreter.
Every measurement is a fresh child process; its peak RSS is the child's own `ru_maxrss` (wait4).
Runs are interleaved and repeated; the best median ms/step of the repeats is kept.

With `--architecture pooled` (or `both`) it times the default global-pooling CNN instead
(PooledCNNConfiguration's defaults: 3 blocks of Conv2d 3×3 padding 1, no bias → complex BN →
cardioid with 16, 32, 64 channels, |z|-max-pool 2 after each, mean over rows then mean + max
over frames, dropout 0.3, Linear 64→C → |z|) on a 1×40×129 log-mel-like batch, and its real twin;
torch runs `pooled_cnn_forward` of scripts/complexnn_torch_ops.py (the definition the fixtures
of PooledCNNTests come from) with the same dropout, its complex convolutions as four real ones
(complexPyTorch's way: torch 1.13's complex64 conv2d is about 30× slower on the CPU).

For the CVCNN it also prints the FLOP count of the step's matrix products and the floor
OpenBLAS cgemm sets for them (bench/gemm_floor.c, run once per round of the repeats, interleaved
with the steps; each product's best time of all rounds).

Usage: bench/cvcnn_step_vs_torch.py [PYTHON_WITH_TORCH ...] [--architecture cvcnn|pooled|both]
       [--batch 32] [--steps 30] [--repeats 3]
(default interpreters: those of /usr/bin/python3 and this one that can import torch)
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
# The paper's CVCNN sizes (CVCNNConfiguration's defaults).
INPUT = (1, 13, 126)
CHANNELS = (10, 20)
HIDDEN = 500
# The global-pooling CNN: PooledCNNConfiguration's defaults, on a 40-band log-mel of 3 s.
POOLED_INPUT = (1, 40, 129)
POOLED = dict(channels=[16, 32, 64], convs=1, activation="cardioid", pooling="max", global_pooling="meanMax",
              head="modulus")
POOLED_DROPOUT = 0.3


def flattened(height, width):
    block = lambda n: (n - 2 + 1 - 2) // 2 + 1  # conv k2, then pool 2
    return CHANNELS[1], block(block(height)), block(block(width))


# MARK: - Torch child (runs under the interpreter being measured)


def he_parameter(torch, crandn, role, shape, is_complex):
    """He initialisation of a weight (complex form: variance split between the planes); BN
    scales 1 (1/√2 on the diagonal of a complex BN's Γ), shifts and biases 0."""
    if role in ("conv", "head_weight", "weight_matrix"):
        fan_in = 1
        for d in shape[1:]:
            fan_in *= d
        scale = (2 / fan_in) ** 0.5
        return crandn(*shape, scale=scale / 2 ** 0.5) if is_complex else torch.randn(*shape) * scale
    if role in ("gammaRR", "gammaII"):
        return torch.full(shape, 2 ** -0.5)
    if role == "weight":
        return torch.ones(shape)
    return torch.zeros(shape, dtype=torch.complex64 if is_complex else torch.float32)


def cvcnn_setup(args, torch, F, ops):
    """The paper's CVCNN (or twin): its parameters, its forward and an input batch."""
    complex_net = not args.real
    c, h, w = flattened(*INPUT[1:])
    make = lambda *shape: he_parameter(torch, ops.crandn, "weight_matrix", shape, complex_net)
    zeros = lambda n: he_parameter(torch, ops.crandn, "bias", (n,), complex_net)
    p = {"conv1.weight": make(CHANNELS[0], INPUT[0], 2, 2), "conv1.bias": zeros(CHANNELS[0]),
         "conv2.weight": make(CHANNELS[1], CHANNELS[0], 2, 2), "conv2.bias": zeros(CHANNELS[1]),
         "fc1.weight": make(HIDDEN, c * h * w), "fc1.bias": zeros(HIDDEN),
         "fc2.weight": make(args.classes, HIDDEN), "fc2.bias": zeros(args.classes)}
    if complex_net:
        p.update({"bn1.gammaRR": torch.full((CHANNELS[0],), 2 ** -0.5), "bn1.gammaRI": torch.zeros(CHANNELS[0]),
                  "bn1.gammaII": torch.full((CHANNELS[0],), 2 ** -0.5), "bn1.beta": zeros(CHANNELS[0])})
        running = {"mean": torch.zeros(CHANNELS[0], dtype=torch.complex64), "vrr": torch.ones(CHANNELS[0]),
                   "vri": torch.zeros(CHANNELS[0]), "vii": torch.ones(CHANNELS[0])}
    else:
        p.update({"bn1.weight": torch.ones(CHANNELS[0]), "bn1.bias": zeros(CHANNELS[0])})
        running = {"mean": torch.zeros(CHANNELS[0]), "var": torch.ones(CHANNELS[0])}
    p = {k: torch.nn.Parameter(v) for k, v in p.items()}

    def forward(x):
        if not complex_net:
            y = F.max_pool2d(F.relu(F.conv2d(x, p["conv1.weight"], p["conv1.bias"])), 2)
            y = F.batch_norm(y, running["mean"], running["var"], p["bn1.weight"], p["bn1.bias"], training=True)
            y = F.max_pool2d(F.relu(F.conv2d(y, p["conv2.weight"], p["conv2.bias"])), 2)
            y = F.relu(F.linear(y.flatten(1), p["fc1.weight"], p["fc1.bias"]))
            return F.linear(y, p["fc2.weight"], p["fc2.bias"])
        act = ops.activations["cardioid"]
        y = ops.max_pool_by_modulus(act(F.conv2d(x.to(torch.complex64), p["conv1.weight"], p["conv1.bias"])), 2, 2)
        y = ops.complex_batch_norm(y, p["bn1.gammaRR"], p["bn1.gammaRI"], p["bn1.gammaII"], p["bn1.beta"],
                                   running=running, training=True, check_whitening=False)
        y = ops.max_pool_by_modulus(act(F.conv2d(y, p["conv2.weight"], p["conv2.bias"])), 2, 2)
        y = act(F.linear(y.flatten(1), p["fc1.weight"], p["fc1.bias"]))
        return F.linear(y, p["fc2.weight"], p["fc2.bias"]).abs()

    return p, forward, torch.randn(args.batch, *INPUT)


def pooled_setup(args, torch, ops):
    """The default PooledCNN (or twin): its parameters, its forward and an input batch."""
    spec = dict(POOLED, complex=not args.real)
    make = lambda role, shape, is_complex: he_parameter(torch, ops.crandn, role, shape, is_complex)
    p = {k: torch.nn.Parameter(v) for k, v in
         ops.pooled_cnn_parameters(spec, POOLED_INPUT[0], args.classes, make).items()}
    stats = ops.pooled_cnn_statistics(p, spec["complex"])
    forward = lambda x: ops.pooled_cnn_forward(x, p, stats, spec, training=True, dropout=POOLED_DROPOUT,
                                               check_whitening=False, real_pairs=True)
    return p, forward, torch.randn(args.batch, 1, args.rows, args.frames)


def torch_child(args):
    import torch
    import torch.nn.functional as F

    sys.path.insert(0, str(ROOT / "scripts"))
    import complexnn_torch_ops as ops

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    p, forward, x = pooled_setup(args, torch, ops) if args.architecture == "pooled" else cvcnn_setup(args, torch, F, ops)
    labels = torch.randint(0, args.classes, (args.batch,))
    optimizer = torch.optim.Adam(p.values(), lr=1e-3)
    phases, totals = {"forward": [], "backward": [], "adam": []}, []
    for step in range(args.warmup + args.steps):
        t0 = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(forward(x), labels)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        optimizer.step()
        t3 = time.perf_counter()
        if step >= args.warmup:
            for name, t in (("forward", t1 - t0), ("backward", t2 - t1), ("adam", t3 - t2)):
                phases[name].append(1000 * t)
            totals.append(1000 * (t3 - t0))
    median = lambda v: sorted(v)[len(v) // 2] if len(v) % 2 else sum(sorted(v)[len(v) // 2 - 1:len(v) // 2 + 1]) / 2
    print(json.dumps({"implementation": f"torch {torch.__version__}", "architecture": args.architecture,
                      "model": "real" if args.real else "complex",
                      "batch": args.batch, "steps": args.steps, "median_ms": median(totals), "min_ms": min(totals),
                      "samples_per_s": args.batch / median(totals) * 1000,
                      "phases_median_ms": {k: median(v) for k, v in phases.items()},
                      "parameters": sum(t.numel() * (2 if t.is_complex() else 1) for t in p.values()),  # real components
                      "threads": torch.get_num_threads()}))


# MARK: - Parent: build, run the children, report


def run_child(cmd, env=None):
    """Runs `cmd`, returns (its JSON output, its own peak RSS in MB)."""
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{cmd[0]} exited with {child.returncode}")
    result = json.loads(output)
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: KiB
    return result


def torch_interpreters(candidates):
    found = {}
    for python in candidates:
        probe = subprocess.run([python, "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True)
        if probe.returncode == 0:
            found.setdefault(probe.stdout.strip(), python)
        else:
            print(f"skipping {python}: cannot import torch", file=sys.stderr)
    return list(found.values())


def gemm_products(batch, classes):
    """The (m, k, n) complex products m×k · k×n of one step: each layer's forward, weight gradient
    and (but for the first, whose input needs none) input gradient. Convolutions count as im2col
    GEMMs over all output positions of the batch."""
    (channels, height, width), (c1, c2) = INPUT, CHANNELS
    positions1 = batch * (height - 1) * (width - 1)  # conv1 k2 outputs
    positions2 = batch * ((height - 1) // 2 - 1) * ((width - 1) // 2 - 1)  # conv2 k2 outputs after pool 2
    c, h, w = flattened(height, width)
    features, taps1, taps2 = c * h * w, channels * 4, c1 * 4
    return [(c1, taps1, positions1), (c1, positions1, taps1),  # conv1: Y = W·cols, dW = dY·colsᵀ
            (c2, taps2, positions2), (c2, positions2, taps2), (taps2, c2, positions2),  # conv2 (+ dcols = Wᵀ·dY)
            (batch, features, HIDDEN), (HIDDEN, batch, features), (batch, HIDDEN, features),  # fc1: Y = X·Wᵀ, dW = dYᵀ·X, dX = dY·W
            (batch, HIDDEN, classes), (classes, batch, HIDDEN), (batch, classes, HIDDEN)]  # fc2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pythons", nargs="*", help="Python interpreters with torch (one torch run each)")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads and OPENBLAS_NUM_THREADS")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--architecture", choices=["cvcnn", "pooled", "both"], default="both")
    parser.add_argument("--rows", type=int, default=POOLED_INPUT[1], help="input rows of the pooled network")
    parser.add_argument("--frames", type=int, default=POOLED_INPUT[2], help="input frames of the pooled network")
    parser.add_argument("--real", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--torch-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.torch_child:
        return torch_child(args)

    bench = subprocess.check_output([str(ROOT / "scripts" / "build-release"), "bench-cvcnn"], text=True).strip()
    OUT.mkdir(parents=True, exist_ok=True)
    floor_bin = OUT / "gemm_floor"
    blas = subprocess.check_output(["pkg-config", "--cflags", "--libs", "openblas"], text=True).split()
    run(["cc", "-O2", str(ROOT / "bench" / "gemm_floor.c"), "-o", str(floor_bin)] + blas)
    pythons = torch_interpreters(args.pythons or ["/usr/bin/python3", sys.executable])
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(args.threads))
    common = ["--batch", str(args.batch), "--classes", str(args.classes), "--warmup", str(args.warmup),
              "--steps", str(args.steps), "--seed", str(args.seed), "--rows", str(args.rows), "--frames", str(args.frames)]
    architectures = ["cvcnn", "pooled"] if args.architecture == "both" else [args.architecture]
    children = []
    for architecture in architectures:
        for model in ("complex", "real"):
            flags = common + ["--architecture", architecture] + (["--real"] if model == "real" else [])
            children.append([bench] + flags)
            children += [[python, __file__, "--torch-child", "--threads", str(args.threads)] + flags for python in pythons]

    products = gemm_products(args.batch, args.classes)
    floor_cmd = [str(floor_bin), "20"] + [str(v) for m, k, n in products for v in (m, n, k)]
    floor_seconds = [float("inf")] * len(products)
    load_before = os.getloadavg()
    best = {}
    for _ in range(args.repeats):
        if "cvcnn" in architectures:  # the floor in every round too, each product's best time kept
            times = subprocess.check_output(floor_cmd, text=True, env=env).split()
            floor_seconds = [min(a, float(b)) for a, b in zip(floor_seconds, times)]
        for cmd in children:
            result = run_child(cmd, env)
            key = (result["implementation"], result["architecture"], result["model"])
            previous = best.get(key)
            if previous is None or result["median_ms"] < previous["median_ms"]:
                best[key] = dict(result, peak_rss_mb=max(result["peak_rss_mb"], previous["peak_rss_mb"]) if previous else result["peak_rss_mb"])
            else:
                previous["peak_rss_mb"] = max(previous["peak_rss_mb"], result["peak_rss_mb"])
    load_after = os.getloadavg()

    print(f"batch {args.batch}, {args.classes} classes, {args.steps} timed steps after {args.warmup} warm-up, best median of "
          f"{args.repeats} fresh processes; {args.threads} threads; {os.cpu_count()} CPUs; "
          f"load avg before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    inputs = {"cvcnn": "x".join(map(str, INPUT)), "pooled": f"{POOLED_INPUT[0]}x{args.rows}x{args.frames}"}
    print(f"{'':38} {'ms/step':>8} {'min ms':>7} {'samples/s':>10} {'RSS MB':>7} {'params':>8} {'× speed':>8} {'RSS ×':>6}"
          f"   fwd / bwd / adam ms")
    for architecture in architectures:
        for model in ("complex", "real"):
            ours = best[("audiocls", architecture, model)]
            for (name, a, m), r in best.items():
                if (a, m) != (architecture, model):
                    continue
                phases = r["phases_median_ms"]
                label = f"{name} {architecture} {model} {inputs[architecture]}"
                print(f"{label:38} {r['median_ms']:8.2f} {r['min_ms']:7.2f} {r['samples_per_s']:10.0f} "
                      f"{r['peak_rss_mb']:7.0f} {r['parameters']:8} {r['median_ms'] / ours['median_ms']:8.2f} "
                      f"{r['peak_rss_mb'] / ours['peak_rss_mb']:6.2f}"
                      f"   {phases['forward']:.1f} / {phases['backward']:.1f} / {phases['adam']:.1f}")
    print("(× speed: that row's ms/step over audiocls's; RSS ×: its peak RSS over audiocls's)")
    if "cvcnn" not in architectures:
        return

    seconds = floor_seconds
    flops = [8 * m * k * n for m, k, n in products]  # one complex multiply-add = 8 real flops
    print(f"GEMM floor: {len(products)} complex products, {sum(flops) / 1e9:.3f} GFLOP (8·m·n·k each); "
          f"OpenBLAS cgemm needs {1000 * sum(seconds):.2f} ms for them ({sum(flops) / sum(seconds) / 1e9:.0f} GFLOP/s)")
    ours = best[("audiocls", "cvcnn", "complex")]
    print(f"audiocls's complex step: {ours['median_ms']:.2f} ms median = "
          f"{ours['median_ms'] / (1000 * sum(seconds)):.2f}× that floor (issue #17: ≤ 1.6×)")
    best_rate = max(f / s for f, s in zip(flops, seconds))
    print(f"FLOP floor at the best measured cgemm rate ({best_rate / 1e9:.0f} GFLOP/s): {1000 * sum(flops) / best_rate:.2f} ms")
    for (m, k, n), f, s in zip(products, flops, seconds):
        print(f"  {m:6} × {k:6} · {k:6} × {n:6}: {f / 1e6:7.1f} MFLOP  {1000 * s:6.3f} ms")


def run(cmd):
    return subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    sys.exit(main())
