"""seqgrad on Deno's Jupyter kernel: the welcome notebook and a live training cell, run by nbclient.

Run through `npm run test:deno`, which installs a throwaway "deno" kernel spec (Deno from npm).
"""
import copy
import os
import re
import unittest

import nbformat
from nbclient import NotebookClient

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOTEBOOKS = os.path.join(ROOT, "notebooks")
SEQGRAD = "application/vnd.seqgrad."

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


def execute(nb):
    client = NotebookClient(nb, kernel_name="deno", timeout=600, resources={"metadata": {"path": NOTEBOOKS}})
    seen = []
    original = client.process_message

    def process_message(msg, cell, cell_index):
        seen.append((cell_index, msg["msg_type"], msg["content"]))
        return original(msg, cell, cell_index)

    client.process_message = process_message
    client.execute()
    return seen


def kinds(outputs):
    """The seqgrad figure kinds among a cell's outputs, e.g. {"tensor", "graph"}."""
    found = set()
    for out in outputs:
        for mime in out.get("data", {}):
            if mime.startswith(SEQGRAD):
                found.add(mime[len(SEQGRAD):].split(".")[0])
    return found


class DenoNotebookTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        nb = nbformat.read(os.path.join(NOTEBOOKS, "00-welcome.ipynb"), as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell(LIVE_CELL))
        cls.nb = copy.deepcopy(nb)
        cls.messages = execute(cls.nb)
        cls.code = [c for c in cls.nb.cells if c.cell_type == "code"]

    def test_every_cell_runs_without_an_error(self):
        errors = [o for c in self.code for o in c.outputs if o.output_type == "error"]
        self.assertEqual(errors, [])

    def test_values_render_with_the_full_seqgrad_bundle(self):
        x = self.code[1].outputs
        self.assertIn("tensor", kinds(x))
        bundle = next(o for o in x if o.output_type == "execute_result").data
        for mime in ("text/html", "text/plain"):
            self.assertIn(mime, bundle)
        self.assertIn("graph", kinds(self.code[4].outputs))

    def test_display_handles_update_in_place(self):
        cell = self.code.index(next(c for c in self.code if "display(h)" in c.source))
        updates = [m for m in self.messages if m[0] == self.nb.cells.index(self.code[cell]) and m[1] == "update_display_data"]
        # Deno.jupyter.display sends asynchronously: an update made in the last instant of a
        # synchronous cell can reach the kernel's socket after the cell's idle status
        self.assertGreaterEqual(len(updates), 2)
        self.assertEqual(len(self.code[cell].outputs), 1)
        self.assertIn("tensor", kinds(self.code[cell].outputs))

    def test_live_curves_update_through_deno_display(self):
        index = len(self.nb.cells) - 1
        shown = [m for m in self.messages if m[0] == index and m[1] == "display_data"]
        updates = [m for m in self.messages if m[0] == index and m[1] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertGreaterEqual(len(updates), 1)
        final = self.nb.cells[index].outputs
        self.assertIn("curves", kinds(final))
        payload = next(v for o in final for k, v in o.get("data", {}).items() if k.startswith(SEQGRAD + "curves"))
        self.assertEqual(payload["progress"]["step"], 12)
        result = next(o for o in final if o.output_type == "execute_result").data["text/plain"]
        self.assertEqual(re.sub(r"\x1b\[[0-9;]*m", "", result), "12")


if __name__ == "__main__":
    unittest.main()
