"""What one student costs: the resident memory of the seqgrad kernel after running each course
notebook (each in a fresh kernel, as a student opens one notebook after another), read from
/proc/<pid>/status: VmRSS (now), VmHWM (the peak) and VmData (what RLIMIT_DATA, the hub's
per-student limit, counts).

usage: SEQGRAD_QUICK=1 JUPYTER_PATH=<dir with the seqgrad spec> /usr/bin/python3 measure_rss.py NOTEBOOK...
Prints one Markdown table row per notebook.
"""
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":"))


def measure(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="seqgrad", timeout=1800, resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    sample = {}

    def after_cell(cell, cell_index, execute_reply):
        pid = client.km.provisioner.process.pid
        sample["rss"] = status_kib(pid, "VmRSS")
        sample["peak"] = status_kib(pid, "VmHWM")
        sample["data"] = status_kib(pid, "VmData")

    client.on_cell_executed = after_cell
    started = time.time()
    client.execute()
    return sample["rss"], sample["peak"], sample["data"], time.time() - started


def main():
    print("| notebook | kernel RSS after (MiB) | kernel peak RSS (MiB) | data segment (MiB) | seconds |")
    print("|---|---:|---:|---:|---:|")
    for path in sys.argv[1:]:
        rss, peak, data, seconds = measure(path)
        print(f"| {os.path.basename(path)} | {rss / 1024:.0f} | {peak / 1024:.0f} | {data / 1024:.0f} | {seconds:.0f} |", flush=True)


if __name__ == "__main__":
    main()
