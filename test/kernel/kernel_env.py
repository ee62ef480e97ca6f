"""Helpers shared by the kernel tests: where things are, starting a kernel, running code.

The tests are started by `npm run test:kernel` (scripts/kernel-test.mjs), which builds the
kernel, installs its specs into a temporary Jupyter data dir and points JUPYTER_PATH at it.
"""

import os
import sys
import time
from pathlib import Path
from queue import Empty

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from kernel_ports import claim_ports  # noqa: E402

claim_ports()
NOTEBOOKS = ROOT / "notebooks"
KERNEL = "seqgrad"
TIMEOUT = 60


def start(kernel_name=KERNEL, cwd=NOTEBOOKS):
    """Starts a kernel in `cwd`; returns (manager, client), the client ready."""
    return start_new_kernel(kernel_name=kernel_name, cwd=str(cwd), startup_timeout=TIMEOUT)


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


class OwnKernel:
    """Mixin for a unittest class whose tests share one kernel, started before the first test.

    `setup_code`, when given, runs first; if it fails the kernel is stopped and the class errors
    with the reply, so no test runs against a half-made state.
    """

    kernel_name = KERNEL
    setup_code = None

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start(kernel_name=cls.kernel_name)
        if cls.setup_code is not None:
            setup = execute(cls.kc, cls.setup_code)
            if setup.status != "ok":
                stop(cls.km, cls.kc)
                raise AssertionError(f"the setup cell failed: {setup.reply}")

    @classmethod
    def tearDownClass(cls):
        stop(cls.km, cls.kc)


class Run:
    """What one execute request produced: the reply content and the iopub messages."""

    def __init__(self, reply, messages):
        self.reply = reply
        self.messages = messages

    @property
    def status(self):
        return self.reply["status"]

    def of_type(self, msg_type):
        return [m["content"] for m in self.messages if m["msg_type"] == msg_type]

    @property
    def result(self):
        """The data of the execute_result, or None."""
        results = self.of_type("execute_result")
        return results[0]["data"] if results else None

    @property
    def stdout(self):
        return "".join(c["text"] for c in self.of_type("stream") if c["name"] == "stdout")


def execute(kc, code, timeout=TIMEOUT, **options):
    """Runs `code`, waits for its reply and idle status, returns a Run."""
    msg_id = kc.execute(code, **options)
    reply = wait_reply(kc, msg_id, timeout)
    return Run(reply["content"], iopub_until_idle(kc, msg_id, timeout))


def wait_reply(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while True:
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg["parent_header"].get("msg_id") == msg_id:
            return msg


def iopub_until_idle(kc, msg_id, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    messages = []
    others = []
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
        except Empty:
            seen = [m["msg_type"] for m in messages]
            raise AssertionError(f"no idle status for {msg_id} within {timeout} s; got {seen}, others {others[-5:]}") from None
        if msg["parent_header"].get("msg_id") != msg_id:
            others.append((msg["msg_type"], msg["parent_header"].get("msg_id"), msg["content"]))
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                return messages
            continue
        messages.append(msg)


def ok(testcase, kc, code, **options):
    """Runs `code` and asserts it succeeded; returns the Run."""
    run = execute(kc, code, **options)
    testcase.assertEqual(run.status, "ok", f"{code!r} failed: {run.reply}")
    return run


def env_flag(name):
    return os.environ.get(name, "") not in ("", "0")
