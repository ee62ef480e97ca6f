"""PyTorch side of `npm run bench`: a worker that answers JSON-line commands on stdin.

Runs the training-step configurations of bench/configs.json with the same models as the seqgrad and
TF.js sides (embedding -> RNN/LSTM/GRU -> linear, cross-entropy, Adam; GRU seq2seq with dot attention).
`--memory NAME --steps N` instead trains one configuration in this fresh process and prints its peak RSS.
Threads: torch.set_num_threads(2) and OPENBLAS/OMP_NUM_THREADS=2, set by the caller's environment.
"""
import json
import resource
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CELLS = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}


class LanguageModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.emb = nn.Embedding(c["vocab"], c["emb"])
        self.rnn = CELLS[c["cell"]](c["emb"], c["hidden"], num_layers=c["layers"])
        self.out = nn.Linear(c["hidden"], c["vocab"])

    def loss(self, batch):
        x, y = batch
        h, _ = self.rnn(self.emb(x))
        logits = self.out(h)
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))


class Seq2SeqAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.src_emb = nn.Embedding(c["srcVocab"], c["emb"])
        self.tgt_emb = nn.Embedding(c["tgtVocab"], c["emb"])
        self.encoder = nn.GRU(c["emb"], c["hidden"])
        self.decoder = nn.GRU(c["emb"], c["hidden"])
        self.combine = nn.Linear(2 * c["hidden"], c["hidden"])
        self.out = nn.Linear(c["hidden"], c["tgtVocab"])

    def loss(self, batch):
        src, tgt_in, tgt_out = batch
        enc, h = self.encoder(self.src_emb(src))
        dec, _ = self.decoder(self.tgt_emb(tgt_in), h)
        enc_b = enc.transpose(0, 1)
        dec_b = dec.transpose(0, 1)
        attn = torch.softmax(torch.bmm(dec_b, enc_b.transpose(1, 2)), dim=-1)
        ctx = torch.bmm(attn, enc_b)
        combined = torch.tanh(self.combine(torch.cat([ctx, dec_b], dim=-1)))
        logits = self.out(combined)
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tgt_out.transpose(0, 1).reshape(-1))


def make(c):
    g = torch.Generator().manual_seed(0)
    if c["kind"] == "lm":
        model = LanguageModel(c)
        shape = (c["seq"], c["batch"])
        batch = (torch.randint(0, c["vocab"], shape, generator=g), torch.randint(0, c["vocab"], shape, generator=g))
    else:
        model = Seq2SeqAttention(c)
        batch = (
            torch.randint(0, c["srcVocab"], (c["srcLen"], c["batch"]), generator=g),
            torch.randint(0, c["tgtVocab"], (c["tgtLen"], c["batch"]), generator=g),
            torch.randint(0, c["tgtVocab"], (c["tgtLen"], c["batch"]), generator=g),
        )
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        loss = model.loss(batch)
        loss.backward()
        opt.step()
        return loss.item()

    return step


def blas_libraries():
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))
    with open("/proc/self/maps") as maps:
        return sorted({line.split()[-1] for line in maps if "blas" in line.lower() and ".so" in line})


def blas_library():
    return ", ".join(blas_libraries()) or "unknown"


def openblas_core():
    """The kernel family OpenBLAS chose at load time (e.g. SkylakeX for AVX-512, Haswell for AVX2)."""
    import ctypes

    for path in blas_libraries():
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib.openblas_get_corename().decode()
        except (OSError, AttributeError):
            continue
    return "not OpenBLAS"


def overhead(n):
    a = torch.ones(4)
    b = torch.ones(4)
    out = {}
    for key, grad in (("noGradUs", False), ("gradUs", True)):
        x = a.clone().requires_grad_(grad)
        for _ in range(1000):
            torch.add(x, b)
        t0 = time.perf_counter()
        for _ in range(n):
            torch.add(x, b)
        out[key] = (time.perf_counter() - t0) / n * 1e6
    return out


def gemm(sizes, reps):
    torch.set_num_threads(1)
    result = {}
    for size in sizes:
        a = torch.rand(size, size)
        b = torch.rand(size, size)
        torch.mm(a, b)
        times = []
        for _ in range(reps):
            t0 = time.perf_counter()
            torch.mm(a, b)
            times.append(time.perf_counter() - t0)
        times.sort()
        result[str(size)] = 2 * size**3 / times[len(times) // 2] / 1e9
    torch.set_num_threads(2)
    return result


def orthogonal_ms():
    w = torch.empty(256, 1024)
    nn.init.orthogonal_(w)
    t0 = time.perf_counter()
    nn.init.orthogonal_(w)
    return (time.perf_counter() - t0) * 1e3


def memory(name, steps):
    configs = json.load(open(sys.argv[0].replace("torch_worker.py", "configs.json")))["configs"]
    c = next(c for c in configs if c["name"] == name)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    step = make(c)
    for _ in range(steps):
        step()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"baselineMB": baseline, "peakMB": peak}), flush=True)


def serve():
    torch.manual_seed(0)
    steps = {}
    for line in sys.stdin:
        req = json.loads(line)
        cmd = req["cmd"]
        if cmd == "info":
            reply = {
                "version": torch.__version__,
                "blas": blas_library(),
                "core": openblas_core(),
                "threads": torch.get_num_threads(),
            }
        elif cmd == "setup":
            c = req["config"]
            steps[c["name"]] = make(c)
            for _ in range(req.get("warmup", 2)):
                steps[c["name"]]()
            reply = {"ok": True}
        elif cmd == "run":
            step = steps[req["name"]]
            times = []
            for _ in range(req["steps"]):
                t0 = time.perf_counter()
                step()
                times.append((time.perf_counter() - t0) * 1e3)
            reply = {"times": times}
        elif cmd == "overhead":
            reply = overhead(req["n"])
        elif cmd == "gemm":
            reply = {"gflops": gemm(req["sizes"], req["reps"])}
        elif cmd == "orthogonal":
            reply = {"ms": orthogonal_ms()}
        elif cmd == "quit":
            break
        else:
            reply = {"error": f"unknown command {cmd}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    torch.set_num_threads(2)
    if len(sys.argv) > 1 and sys.argv[1] == "--memory":
        memory(sys.argv[2], int(sys.argv[4]) if len(sys.argv) > 4 else 5)
    else:
        serve()
