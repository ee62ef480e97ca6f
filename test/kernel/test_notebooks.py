"""Notebooks run by nbclient on the seqgrad kernel: the welcome notebook, a display updated in
place, and errors with `allow_errors` (execute requests with stop_on_error false)."""

import unittest

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_notebook

import kernel_env


def run_notebook(nb, allow_errors=False):
    client = NotebookClient(
        nb,
        timeout=kernel_env.TIMEOUT,
        startup_timeout=kernel_env.TIMEOUT,
        kernel_name=kernel_env.KERNEL,
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(kernel_env.NOTEBOOKS)}},
    )
    client.execute()
    return nb


def notebook(*sources):
    nb = new_notebook(cells=[new_code_cell(source) for source in sources])
    nb.metadata["kernelspec"] = {"name": kernel_env.KERNEL, "display_name": "TypeScript (seqgrad)", "language": "typescript"}
    return nb


class NotebookTests(unittest.TestCase):
    def test_the_welcome_notebook_runs_top_to_bottom(self):
        nb = run_notebook(nbformat.read(kernel_env.NOTEBOOKS / "00-welcome.ipynb", as_version=4))
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        errors = [o for cell in code for o in cell.outputs if o.output_type == "error"]
        self.assertEqual(errors, [])
        results = [o for cell in code for o in cell.outputs if o.output_type in ("execute_result", "display_data")]
        self.assertGreaterEqual(len(results), 4)
        self.assertTrue(any(len(o.data) > 1 for o in results), "no rich (multi-MIME) output")

    def test_a_display_updated_three_times_records_its_final_bundle(self):
        figure = """
const figure = (n: number) => ({
  [Symbol.for("Jupyter.display")]: () => ({
    "application/vnd.seqgrad.curve.v1+json": { steps: n },
    "text/html": `<svg><text>step ${n}</text></svg>`,
    "text/plain": `curve after ${n} steps`,
  }),
});"""
        nb = run_notebook(
            notebook(
                'import { display } from "seqgrad";' + figure,
                "const live = display(figure(0));",
                "for (const n of [1, 2, 3]) live.update(figure(n));",
                'display(figure(10), { id: "by-id" }); display(figure(11), { id: "by-id" });',
            )
        )
        shown = nb.cells[1].outputs
        self.assertEqual(len(shown), 1)
        self.assertEqual(shown[0].output_type, "display_data")
        self.assertEqual(shown[0].data["application/vnd.seqgrad.curve.v1+json"], {"steps": 3})
        self.assertEqual(shown[0].data["text/html"], "<svg><text>step 3</text></svg>")
        self.assertEqual(shown[0].data["text/plain"], "curve after 3 steps")
        self.assertEqual(nb.cells[2].outputs, [])
        by_id = nb.cells[3].outputs
        self.assertEqual(len(by_id), 1)
        self.assertEqual(by_id[0].data["text/plain"], "curve after 11 steps")

    def test_with_allow_errors_the_cells_after_an_error_still_run_with_earlier_variables(self):
        nb = run_notebook(
            notebook(
                "let before = 20;",
                'throw new Error("first failure")',
                "const wrong: number = 'text';",
                "before * 2 + 2",
            ),
            allow_errors=True,
        )
        self.assertEqual([o.ename for o in nb.cells[1].outputs], ["Error"])
        self.assertEqual([o.ename for o in nb.cells[2].outputs], ["TSError"])
        result = nb.cells[3].outputs
        self.assertEqual(len(result), 1)
        self.assertEqual(result[0].data["text/plain"], "42")


if __name__ == "__main__":
    unittest.main()
