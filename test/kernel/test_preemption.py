"""Interrupts that arrive while the kernel's compiler works: during the first cell's compilation
(the first import of seqgrad loads its types: seconds), and during a slow help request. The
compiler is never terminated; the cell, not the kernel, stops."""

import os
import time
import unittest
from pathlib import Path

from jupyter_client.manager import start_new_kernel

import kernel_env
from kernel_env import ok

SLOW_HELP = Path(__file__).resolve().parent / "fixtures" / "slow-help.cjs"

# Time for an interrupted cell to reply once its compilation ends, on a loaded machine.
REPLY_S = 60


class InterruptDuringCompilationTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = kernel_env.start()

    def tearDown(self):
        kernel_env.stop(self.km, self.kc)

    def test_an_interrupt_while_the_first_cell_compiles_ends_that_cell_before_it_runs(self):
        msg_id = self.kc.execute('import { nn } from "seqgrad";\nlet reached = 1;\nwhile (true) {}')
        # execute_input: the cell has started and compiles (seqgrad's types load for seconds).
        while True:
            msg = self.kc.get_iopub_msg(timeout=REPLY_S)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_input":
                break
        time.sleep(0.3)
        started = time.monotonic()
        self.km.interrupt_kernel()
        reply = kernel_env.wait_reply(self.kc, msg_id, timeout=REPLY_S)["content"]
        print(f"\n  interrupt during the first compilation to reply: {time.monotonic() - started:.2f} s")
        kernel_env.iopub_until_idle(self.kc, msg_id)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupt")
        self.assertIn("before any of its code ran", reply["evalue"])
        # None of the cell ran, so its declaration is not kept.
        unknown = kernel_env.execute(self.kc, "reached")
        self.assertEqual(unknown.reply["ename"], "TSError")
        self.assertIn("Cannot find name 'reached'", unknown.reply["evalue"])
        self.assertEqual(ok(self, self.kc, "let later = 2; later + 1").result, {"text/plain": "3"})


class InterruptDuringHelpTests(unittest.TestCase):
    def setUp(self):
        env = {**os.environ, "NODE_OPTIONS": f"--require {SLOW_HELP}", "SLOW_HELP_MS": "3000"}
        self.km, self.kc = start_new_kernel(kernel_name=kernel_env.KERNEL, cwd=str(kernel_env.NOTEBOOKS),
                                            startup_timeout=kernel_env.TIMEOUT, env=env)

    def tearDown(self):
        kernel_env.stop(self.km, self.kc)

    def test_an_interrupt_during_a_slow_inspection_lets_it_answer_and_does_not_end_the_next_cell(self):
        ok(self, self.kc, "const target = new Map<string, number>();")
        code = "/* __slow_help__ */ target.set"
        msg_id = self.kc.inspect(code, len(code))
        time.sleep(0.5)
        self.km.interrupt_kernel()
        reply = kernel_env.wait_reply(self.kc, msg_id, timeout=REPLY_S)["content"]
        self.assertEqual(reply["status"], "ok")
        self.assertTrue(reply["found"])
        self.assertIn("set", reply["data"]["text/plain"])
        # The interrupt arrived while no cell ran: the next cell runs to its end.
        self.assertEqual(ok(self, self.kc, "target.set('a', 1).size").result, {"text/plain": "1"})
        msg_id = self.kc.complete("target.", len("target."))
        matches = kernel_env.wait_reply(self.kc, msg_id)["content"]["matches"]
        self.assertIn("set", matches)


if __name__ == "__main__":
    unittest.main()
