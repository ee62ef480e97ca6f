"""Every coursework notebook: stored without outputs, and runs top to bottom on the seqgrad kernel.

Run through `npm run test:notebooks` (installs the kernel spec, sets JUPYTER_PATH and quick mode).
"""
import glob
import os
import sys
import unittest

import nbformat

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, os.path.join(ROOT, "test", "exercises"))
from execute_notebook import execute, execute_with_variants  # noqa: E402
from wrong_answers import WRONG  # noqa: E402

NOTEBOOKS = sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb")))


class NotebooksAreStoredClean(unittest.TestCase):
    def test_there_are_notebooks(self):
        self.assertGreater(len(NOTEBOOKS), 0)

    def test_every_notebook_is_stored_without_outputs(self):
        for path in NOTEBOOKS:
            nb = nbformat.read(path, as_version=4)
            for i, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                with self.subTest(notebook=os.path.basename(path), cell=i):
                    self.assertEqual(cell.get("outputs"), [], "strip outputs before committing")
                    self.assertIsNone(cell.get("execution_count"))

    def test_every_notebook_uses_the_seqgrad_kernel(self):
        for path in NOTEBOOKS:
            nb = nbformat.read(path, as_version=4)
            with self.subTest(notebook=os.path.basename(path)):
                self.assertEqual(nb.metadata.get("kernelspec", {}).get("name"), "seqgrad")
                self.assertEqual(nb.metadata.get("language_info", {}).get("name"), "typescript")


class NotebooksRunTopToBottom(unittest.TestCase):
    pass


EXECUTED = os.path.join(ROOT, "test-artifacts", "executed")


def _make_test(path):
    def test(self):
        # the executed copy is kept for the handout check (test/handouts), which draws it in Chromium
        out = os.path.join(EXECUTED, os.path.basename(path))
        variants = WRONG.get(os.path.basename(path)[:2])
        if variants is None:
            seconds = execute(path, out)
            print(f"\n  {os.path.basename(path)}: {seconds:.1f} s", file=sys.stderr)
            return
        # each exercise's check must reject the wrong answers of test/exercises/wrong_answers.py
        seconds, verdicts = execute_with_variants(path, out, variants)
        accepted = [f"{exercise} wrong answer {n + 1}" for exercise, n, rejected, _ in verdicts if not rejected]
        print(f"\n  {os.path.basename(path)}: {seconds:.1f} s; checks rejected {len(verdicts) - len(accepted)} of"
              f" {len(verdicts)} wrong answers", file=sys.stderr)
        self.assertEqual(sum(len(v) for v in variants.values()), len(verdicts), "every wrong answer was tried")
        self.assertEqual(accepted, [], "checks must reject these wrong answers")

    return test


for _path in NOTEBOOKS:
    _name = "test_" + os.path.splitext(os.path.basename(_path))[0].replace("-", "_")
    setattr(NotebooksRunTopToBottom, _name, _make_test(_path))


if __name__ == "__main__":
    unittest.main(verbosity=2)
