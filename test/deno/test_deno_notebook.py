"""seqgrad on Deno's Jupyter kernel: the welcome notebook and a live training cell.

Run through `npm run test:deno`, which installs a throwaway "deno" kernel spec (Deno from npm).

Deno's kernel sends displays asynchronously (`Deno.jupyter.display` settles on a later turn of its
event loop), and under load it can send a cell's outputs after that cell's `idle` status. A client
that stops listening at `idle`, as nbclient does, then loses them at random. So this test runs the
cells with jupyter_client, waits for every reply, lets the output channel settle, and groups every
output message by the request it answers.
"""
import os
import queue
import re
import time
import unittest

import nbformat
from jupyter_client.manager import start_new_kernel

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
SEQGRAD = "application/vnd.seqgrad."
OUTPUTS = ("execute_result", "display_data", "update_display_data", "error", "stream")

LIVE_CELL = """\
import { nn, optim, randn, train, viz } from "seqgrad";
const model = new nn.Linear(4, 1);
const xs = Array.from({ length: 6 }, () => ({ x: randn([8, 4]), y: randn([8, 1]) }));
const live = viz.curves({ title: "live on Deno", total: 12 });
const history = await train.train({
  model, data: xs, optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }),
  loss: (b) => model.forward(b.x).sub(b.y).pow(2).mean(), steps: 12, callbacks: live,
});
history.step
"""


def execute(sources, settle=3.0):
    """Runs the sources in order on a fresh Deno kernel; returns, for each, its replies' status and
    its output messages as (msg_type, content), in the order they arrived."""
    km, kc = start_new_kernel(kernel_name="deno", cwd=NOTEBOOKS, startup_timeout=120)
    try:
        ids = {}
        statuses = []
        for index, source in enumerate(sources):
            ids[kc.execute(source)] = index
            statuses.append(kc.get_shell_msg(timeout=600)["content"]["status"])
        outputs = [[] for _ in sources]
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline:
            try:
                msg = kc.get_iopub_msg(timeout=0.5)
            except queue.Empty:
                continue
            index = ids.get(msg["parent_header"].get("msg_id"))
            if index is not None and msg["msg_type"] in OUTPUTS:
                outputs[index].append((msg["msg_type"], msg["content"]))
                deadline = max(deadline, time.monotonic() + 1.0)
        return statuses, outputs
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def kinds(messages):
    """The seqgrad figure kinds among a cell's output messages, e.g. {"tensor", "graph"}."""
    found = set()
    for _, content in messages:
        for mime in content.get("data", {}):
            if mime.startswith(SEQGRAD):
                found.add(mime[len(SEQGRAD):].split(".")[0])
    return found


def of_type(messages, msg_type):
    return [content for kind, content in messages if kind == msg_type]


class DenoNotebookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        nb = nbformat.read(os.path.join(NOTEBOOKS, "00-welcome.ipynb"), as_version=4)
        cls.sources = [c.source for c in nb.cells if c.cell_type == "code"] + [LIVE_CELL]
        cls.statuses, cls.outputs = execute(cls.sources)

    def test_every_cell_runs_without_an_error(self):
        self.assertEqual(self.statuses, ["ok"] * len(self.sources))
        self.assertEqual([m for out in self.outputs for m in of_type(out, "error")], [])

    def test_values_render_with_the_full_seqgrad_bundle(self):
        x = self.outputs[1]
        self.assertIn("tensor", kinds(x))
        bundle = of_type(x, "execute_result")[0]["data"]
        self.assertIn("text/plain", bundle)
        # one picture for viewers without the extension: the PNG, or the SVG where no PNG is made
        self.assertTrue("image/png" in bundle or "image/svg+xml" in bundle, sorted(bundle))
        self.assertNotIn("text/html", bundle)
        self.assertIn("graph", kinds(self.outputs[4]))

    def test_display_handles_update_in_place(self):
        cell = next(i for i, source in enumerate(self.sources) if "display(h)" in source)
        shown = of_type(self.outputs[cell], "display_data")
        updates = of_type(self.outputs[cell], "update_display_data")
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updates), 3)
        display_id = shown[0]["transient"]["display_id"]
        self.assertTrue(all(u["transient"]["display_id"] == display_id for u in updates))
        self.assertIn("tensor", kinds(self.outputs[cell]))

    def test_live_curves_update_through_deno_display(self):
        out = self.outputs[-1]
        self.assertEqual(len(of_type(out, "display_data")), 1)
        updates = of_type(out, "update_display_data")
        self.assertGreaterEqual(len(updates), 1)
        payload = next(v for k, v in updates[-1]["data"].items() if k.startswith(SEQGRAD + "curves"))
        self.assertEqual(payload["progress"]["step"], 12)
        result = of_type(out, "execute_result")[0]["data"]["text/plain"]
        self.assertEqual(re.sub(r"\x1b\[[0-9;]*m", "", result), "12")


if __name__ == "__main__":
    unittest.main()
