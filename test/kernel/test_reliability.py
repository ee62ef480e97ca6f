"""Reliability of the seqgrad kernel: interrupts reach cells stuck after an `await`, training on
data that runs out ends, and a flood of display updates arrives in order and complete."""

import json
import time
import unittest

import kernel_env
from kernel_env import execute, ok

# How long an interrupted cell may take to reply: the watchdog's grace (1 s) plus tslab's (0.3 s)
# plus slack for a loaded machine.
INTERRUPT_REPLY_S = 6.0

MODEL = """
import { nn, optim, train as training, tensor, mean, mul, sub } from "seqgrad";
const train = training.train;
const net = new nn.Linear(1, 1);
const opt = new optim.SGD(net.parameters(), { lr: 0.01 });
const lossOf = (b: any) => { const d = sub(net.forward(b.x), b.y); return mean(mul(d, d)); };
function* twoChunks() { for (let i = 0; i < 2; i++) yield { x: tensor([[i]]), y: tensor([[2 * i]]) }; }
"""


class KernelReliabilityTests(kernel_env.OwnKernel, unittest.TestCase):

    def interrupt_after(self, code, seconds=1.0):
        msg_id = self.kc.execute(code)
        time.sleep(seconds)
        started = time.monotonic()
        self.km.interrupt_kernel()
        reply = kernel_env.wait_reply(self.kc, msg_id, timeout=30)["content"]
        elapsed = time.monotonic() - started
        kernel_env.iopub_until_idle(self.kc, msg_id)
        return reply, elapsed

    def test_an_interrupt_stops_a_cell_stuck_in_synchronous_code_after_its_first_await(self):
        ok(self, self.kc, "let kept = 11;")
        reply, elapsed = self.interrupt_after("await null; kept = 12; while (true) {}")
        print(f"\n  post-await interrupt to reply: {elapsed:.2f} s")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupt")
        self.assertLess(elapsed, INTERRUPT_REPLY_S)
        self.assertEqual(ok(self, self.kc, "kept").result, {"text/plain": "12"})

    def test_an_interrupt_stops_a_stuck_timer_callback_and_later_cells_run(self):
        ok(self, self.kc, "let ticks = 0;")
        reply, _ = self.interrupt_after("await new Promise((r) => setTimeout(r, 10)); for (;;) { ticks++; }")
        self.assertEqual(reply["ename"], "Interrupt")
        self.assertEqual(ok(self, self.kc, "ticks > 0").result, {"text/plain": "true"})
        self.assertEqual(ok(self, self.kc, "await Promise.resolve(3)").result, {"text/plain": "3"})

    def test_training_on_data_that_yields_nothing_fails_at_once(self):
        ok(self, self.kc, MODEL)
        started = time.monotonic()
        run = execute(self.kc, "await null; await train({ model: net, data: [], optimizer: opt, loss: lossOf, steps: 10 })")
        self.assertLess(time.monotonic() - started, 10)
        self.assertEqual(run.status, "error")
        self.assertEqual(run.reply["ename"], "ValueError")
        self.assertIn("train: data yielded no batch", run.reply["evalue"])

    def test_training_on_a_used_up_one_shot_iterator_stops_with_a_message(self):
        ok(self, self.kc, MODEL)
        code = "const h = await train({ model: net, data: twoChunks(), optimizer: opt, loss: lossOf, steps: 10 });\nconsole.log(JSON.stringify([h.step, h.stopped, h.message]))"
        step, stopped, message = json.loads(ok(self, self.kc, code).stdout)
        self.assertEqual((step, stopped), (2, "data-exhausted"))
        self.assertIn("one-shot iterator", message)

    def test_ten_thousand_display_updates_arrive_coalesced_with_the_last_one_status_and_result(self):
        code = """
import { display } from "seqgrad";
const fig = (n: number) => ({ [Symbol.for("Jupyter.display")]: () => ({ "text/plain": `update ${n}` }) });
const live = display(fig(0));
for (let i = 1; i <= 10000; i++) live.update(fig(i));
"done"
"""
        run = ok(self, self.kc, code, timeout=120)
        updates = [u["data"]["text/plain"] for u in run.of_type("update_display_data")]
        print(f"\n  10^4 updates sent as {len(updates)} messages")
        self.assertEqual(updates[-1], "update 10000")
        self.assertLess(len(updates), 2000)
        numbers = [int(u.split()[1]) for u in updates]
        self.assertEqual(numbers, sorted(numbers))
        self.assertEqual(run.result, {"text/plain": "'done'"})

    def test_updates_of_a_display_from_an_awaiting_loop_arrive_while_it_runs(self):
        code = """
import { display } from "seqgrad";
const fig = (n: number) => ({ [Symbol.for("Jupyter.display")]: () => ({ "text/plain": `step ${n}` }) });
const live = display(fig(0));
for (let i = 1; i <= 20; i++) { live.update(fig(i)); await new Promise((r) => setTimeout(r, 80)); }
"""
        run = ok(self, self.kc, code, timeout=60)
        updates = [u["data"]["text/plain"] for u in run.of_type("update_display_data")]
        self.assertGreaterEqual(len(updates), 10)
        self.assertEqual(updates[-1], "step 20")

    def test_three_thousand_separate_displays_all_arrive_before_the_result(self):
        run = ok(self, self.kc, 'import { display } from "seqgrad"; for (let i = 0; i < 3000; i++) display(i); "end"', timeout=120)
        shown = [d["data"]["text/plain"] for d in run.of_type("display_data")]
        self.assertEqual(shown, [str(i) for i in range(3000)])
        self.assertEqual(run.result, {"text/plain": "'end'"})


if __name__ == "__main__":
    unittest.main()
