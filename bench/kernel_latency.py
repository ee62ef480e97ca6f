"""Times the seqgrad kernel as a notebook user feels it, next to IPython's when it is installed:
start until the kernel answers (idle), restart until idle again, the first cell that imports
seqgrad, and Shift+Tab / Tab replies. Prints a table; asserts nothing.

    node kernel/dist/cli.js install --prefix /tmp/k   # once (npm run kernel:build first)
    JUPYTER_PATH=/tmp/k/share/jupyter /usr/bin/python3 bench/kernel_latency.py [repeats]
"""

import statistics
import sys
import time
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TIMEOUT = 120


def wait_idle(kc):
    """Waits for a kernel_info reply: the moment a notebook shows the kernel idle."""
    kc.wait_for_ready(timeout=TIMEOUT)


def shell(kc, msg_id):
    while True:
        msg = kc.get_shell_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def timed(fn):
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(name, repeats):
    km = KernelManager(kernel_name=name)
    rows = {"start until idle": [], "restart until idle": []}
    start = time.perf_counter()
    km.start_kernel(cwd=str(NOTEBOOKS))
    kc = km.client()
    kc.start_channels()
    wait_idle(kc)
    rows["start until idle"].append((time.perf_counter() - start) * 1000)
    if name.startswith("seqgrad"):
        code = 'import { nn } from "seqgrad"; const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3 });'
        inspect, complete = ("new nn.LSTM(", "nn.L")
    else:
        code = "import json"
        inspect, complete = ("json.dumps(", "json.d")
    rows["first cell (import)"] = [timed(lambda: kc.execute_interactive(code, timeout=TIMEOUT))]
    rows["inspect inside ( "] = [timed(lambda: shell(kc, kc.inspect(inspect, len(inspect)))) for _ in range(repeats)]
    rows["complete after ."] = [timed(lambda: shell(kc, kc.complete(complete, len(complete)))) for _ in range(repeats)]
    for _ in range(repeats):
        start = time.perf_counter()
        km.restart_kernel(now=False)
        wait_idle(kc)
        rows["restart until idle"].append((time.perf_counter() - start) * 1000)
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    return rows


def main():
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    specs = KernelSpecManager().find_kernel_specs()
    names = [n for n in ("seqgrad", "python3") if n in specs]
    results = {name: measure(name, repeats) for name in names}
    print(f"| ms (median of {repeats}) | " + " | ".join(names) + " |")
    print("| --- |" + " --- |" * len(names))
    for row in results[names[0]]:
        cells = [f"{statistics.median(results[n][row]):.0f}" if row in results[n] else "" for n in names]
        print(f"| {row} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
