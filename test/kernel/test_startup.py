"""A kernel that has just started: requests that arrive while its sockets are still being bound,
an interrupt while its first cell compiles, and two kernels starting at once (history sessions)."""

import os
import tempfile
import unittest
from pathlib import Path

from jupyter_client.manager import KernelManager, start_new_kernel

import kernel_env
from kernel_env import ok

SLOW_BIND = Path(__file__).resolve().parent / "fixtures" / "slow-iopub-bind.cjs"


class SlowBindTests(unittest.TestCase):
    def test_requests_that_arrive_while_iopub_is_still_being_bound_are_answered_and_nothing_is_printed(self):
        with tempfile.TemporaryDirectory() as scratch:
            log_path = Path(scratch) / "kernel-stderr.txt"
            env = {**os.environ, "NODE_OPTIONS": f"--require {SLOW_BIND}", "UV_THREADPOOL_SIZE": "1"}
            with open(log_path, "w") as log:
                km, kc = start_new_kernel(kernel_name=kernel_env.KERNEL, cwd=str(kernel_env.NOTEBOOKS),
                                          startup_timeout=kernel_env.TIMEOUT, env=env, stderr=log)
                try:
                    self.assertEqual(ok(self, kc, "1 + 1").result, {"text/plain": "2"})
                finally:
                    kernel_env.stop(km, kc)
            printed = log_path.read_text()
        self.assertIn("slow bind: iopub bound", printed, "the fixture must have delayed the bind")
        self.assertNotIn("Socket is blocked", printed)
        self.assertNotIn("Unhandled promise rejection", printed)


class TwoKernelsTests(unittest.TestCase):
    def test_two_kernels_started_together_record_their_cells_in_different_history_sessions(self):
        with tempfile.TemporaryDirectory() as scratch:
            env = {**os.environ, "SEQGRAD_HISTORY": str(Path(scratch) / "history.jsonl")}
            managers = [KernelManager(kernel_name=kernel_env.KERNEL) for _ in range(2)]
            for km in managers:
                km.start_kernel(cwd=str(kernel_env.NOTEBOOKS), env=env)
            clients = []
            try:
                for km in managers:
                    kc = km.client()
                    kc.start_channels()
                    kc.wait_for_ready(timeout=kernel_env.TIMEOUT)
                    clients.append(kc)
                sessions = []
                for n, kc in enumerate(clients):
                    ok(self, kc, f"const mine = {n};")
                    msg_id = kc.history(hist_access_type="tail", n=1)
                    [(session, line, code)] = kernel_env.wait_reply(kc, msg_id)["content"]["history"]
                    self.assertEqual((line, code), (1, f"const mine = {n};"))
                    sessions.append(session)
            finally:
                for km, kc in zip(managers, clients + [None] * (2 - len(clients))):
                    if kc is not None:
                        kc.stop_channels()
                    km.shutdown_kernel(now=False)
        self.assertEqual(len(set(sessions)), 2, sessions)


if __name__ == "__main__":
    unittest.main()
