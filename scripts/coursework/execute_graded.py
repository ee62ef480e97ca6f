"""Executes one notebook for grading, cell by cell, on the seqgrad kernel in quiet mode.

usage: execute_graded.py INPUT.ipynb OUTPUT.ipynb RESULT.json [--cell-timeout S] [--notebook-timeout S]

Every code cell runs with a time limit, and the whole notebook with another. A cell that runs past
its limit is interrupted; if the kernel does not answer, or a cell kills it, the kernel is started
again, the cells that ran before are run again (their outputs kept from the first run), and
execution goes on after the failed cell. RESULT.json lists each code cell's status ("ok", "error",
"timeout", "crash" or "not-run") with a reason, so one bad cell never costs the points of the rest.
"""
import argparse
import json
import os
import queue
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from kernel_ports import claim_ports  # noqa: E402

claim_ports()

INTERRUPT_GRACE = 10.0


class Kernel:
    """A seqgrad kernel in quiet mode, started in the notebook's folder."""

    def __init__(self, cwd):
        env = {**os.environ, "SEQGRAD_KERNEL_QUIET": "1"}
        self.km = KernelManager(kernel_name="seqgrad")
        self.km.start_kernel(cwd=cwd, env=env)
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=120)

    def run(self, code, timeout):
        """Runs `code`; returns (status, outputs) with status ok, error, timeout or crash."""
        msg_id = self.kc.execute(code, store_history=True, allow_stdin=False, stop_on_error=False)
        outputs = []
        status = self._collect(msg_id, time.monotonic() + timeout, outputs)
        if status != "timeout":
            return status, outputs
        self.km.interrupt_kernel()
        after = self._collect(msg_id, time.monotonic() + INTERRUPT_GRACE, outputs)
        return ("timeout" if after != "crash" else "crash"), outputs

    def _collect(self, msg_id, deadline, outputs):
        errored = False
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "timeout"
            try:
                msg = self.kc.get_iopub_msg(timeout=min(remaining, 1.0))
            except queue.Empty:
                if not self.km.is_alive():
                    return "crash"
                continue
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "status" and content["execution_state"] == "idle":
                return "error" if errored else "ok"
            if kind == "clear_output":
                outputs.clear()
            elif kind in ("stream", "display_data", "execute_result", "error"):
                errored = errored or kind == "error"
                output = nbformat.v4.output_from_msg(msg)
                last = outputs[-1] if outputs else None
                if kind == "stream" and last is not None and last.output_type == "stream" and last.name == output.name:
                    last.text += output.text
                else:
                    outputs.append(output)

    def alive(self):
        return self.km.is_alive()

    def stop(self):
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)


def execute(path, out_path, cell_timeout, notebook_timeout):
    """Executes the notebook at `path`; writes it with outputs to `out_path`; returns the result."""
    nb = nbformat.read(path, as_version=4)
    cwd = os.path.dirname(os.path.abspath(path))
    started = time.monotonic()
    results, restarts = [], 0
    kernel = Kernel(cwd)
    try:
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            cell.outputs, cell.execution_count = [], None
            left = notebook_timeout - (time.monotonic() - started)
            if left <= 0:
                results.append({"index": index, "status": "not-run", "reason": f"the notebook ran past its time limit of {notebook_timeout:g} s"})
                continue
            limit = min(cell_timeout, left)
            status, outputs = kernel.run(cell.source, limit)
            cell.outputs = outputs
            results.append({"index": index, "status": status, "reason": reason(status, outputs, limit)})
            if status == "crash" or (status == "timeout" and not responsive(kernel)):
                kernel.stop()
                kernel = Kernel(cwd)
                restarts += 1
                replay(kernel, nb, results, started + notebook_timeout)
    finally:
        kernel.stop()
    nbformat.write(nb, out_path)
    return {"cells": results, "restarts": restarts, "seconds": round(time.monotonic() - started, 1)}


def responsive(kernel):
    """True when the kernel answers a trivial cell within a few seconds (an interrupt worked)."""
    status, _ = kernel.run("0", INTERRUPT_GRACE)
    return status == "ok"


def replay(kernel, nb, results, deadline):
    """Runs again, silently, the cells that completed before the failure, in order. They finished
    once, so they get the notebook's remaining time (a fresh kernel compiles its first cell slowly)."""
    for result in results[:-1]:
        if result["status"] in ("ok", "error"):
            kernel.run(nb.cells[result["index"]].source, max(1.0, deadline - time.monotonic()))


def reason(status, outputs, limit):
    if status == "ok":
        return ""
    if status == "timeout":
        return f"did not finish within {limit:g} s (an endless loop?); stopped"
    if status == "crash":
        return "the kernel died while running this cell (process.exit or out of memory?)"
    error = next((o for o in outputs if o.output_type == "error"), None)
    return f"{error.ename}: {error.evalue}" if error is not None else "error"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("result")
    parser.add_argument("--cell-timeout", type=float, default=120)
    parser.add_argument("--notebook-timeout", type=float, default=1800)
    args = parser.parse_args()
    result = execute(args.input, args.output, args.cell_timeout, args.notebook_timeout)
    with open(args.result, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
