"""Importing seqgrad from a notebook folder outside the repository (types included), the user's
own packages next to their notebook, and the strict kernel spec."""

import os
import tempfile
import unittest
from pathlib import Path

import kernel_env
from kernel_env import execute, ok


def scratch_dir(prefix):
    base = os.environ.get("SEQGRAD_TEST_SCRATCH") or tempfile.gettempdir()
    return Path(tempfile.mkdtemp(prefix=prefix, dir=base))


class OutsideTheRepositoryTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = scratch_dir("my notebooks ")
        package = cls.folder / "node_modules" / "my-helpers"
        package.mkdir(parents=True)
        (package / "package.json").write_text('{"name": "my-helpers", "version": "1.0.0", "main": "index.js", "types": "index.d.ts"}')
        (package / "index.js").write_text("exports.twice = (x) => 2 * x;\n")
        (package / "index.d.ts").write_text("export declare function twice(x: number): number;\n")
        cls.km, cls.kc = kernel_env.start(cwd=cls.folder)

    @classmethod
    def tearDownClass(cls):
        kernel_env.stop(cls.km, cls.kc)

    def test_seqgrad_imports_and_runs_in_a_folder_outside_the_repository(self):
        run = ok(self, self.kc, 'import { tensor, nn, optim, viz } from "seqgrad";\ntensor([[1, 2], [3, 4]]).shape')
        self.assertEqual(run.result["text/plain"], "[ 2, 2 ]")
        self.assertEqual(ok(self, self.kc, "typeof nn + typeof optim + typeof viz").result["text/plain"], "'objectobjectobject'")

    def test_seqgrad_types_are_checked_there(self):
        run = execute(self.kc, 'import { tensor } from "seqgrad";\nconst wrongly: string = tensor([1]).shape;')
        self.assertEqual(run.status, "error")
        self.assertEqual(run.reply["ename"], "TSError")
        self.assertIn("not assignable to type 'string'", run.reply["evalue"])

    def test_completion_offers_seqgrad_members_there(self):
        code = 'import { tensor } from "seqgrad"; tensor([1]).resh'
        msg_id = self.kc.complete(code, len(code))
        reply = kernel_env.wait_reply(self.kc, msg_id)["content"]
        self.assertIn("reshape", reply["matches"])

    def test_shift_tab_inside_a_call_shows_seqgrad_docs_there(self):
        code = 'import { nn } from "seqgrad"; new nn.LSTM('
        msg_id = self.kc.inspect(code, len(code))
        reply = kernel_env.wait_reply(self.kc, msg_id)["content"]
        self.assertTrue(reply["found"])
        self.assertIn("class nn.LSTM", reply["data"]["text/markdown"])

    def test_the_users_own_packages_next_to_the_notebook_still_resolve(self):
        run = ok(self, self.kc, 'import { twice } from "my-helpers";\ntwice(21)')
        self.assertEqual(run.result["text/plain"], "42")


class StrictKernelTests(kernel_env.OwnKernel, unittest.TestCase):
    kernel_name = "seqgrad-strict"

    def test_strict_mode_rejects_an_implicit_any_that_the_default_kernel_accepts(self):
        run = execute(self.kc, "function half(x) { return x / 2; }")
        self.assertEqual(run.status, "error")
        self.assertEqual(run.reply["ename"], "TSError")
        self.assertIn("implicitly has an 'any' type", run.reply["evalue"])

    def test_strict_mode_sees_earlier_cells_and_top_level_await(self):
        ok(self, self.kc, 'import { tensor } from "seqgrad";\nconst base: number = 40;')
        run = ok(self, self.kc, "const extra = await Promise.resolve(2);\nbase + extra + tensor([1]).shape.length - 1")
        self.assertEqual(run.result["text/plain"], "42")
        run = execute(self.kc, "const maybe: string | undefined = undefined;\nmaybe.length")
        self.assertEqual(run.reply["ename"], "TSError")

    def test_strict_mode_checks_shorthand_properties_as_written_and_runs_them(self):
        ok(self, self.kc, "const width: number = 41;")
        run = ok(self, self.kc, "const shape = { width };\nawait null;\nshape.width + 1")
        self.assertEqual(run.result["text/plain"], "42")
        run = execute(self.kc, "const wrong: { width: string } = { width };")
        self.assertEqual(run.reply["ename"], "TSError")
        self.assertTrue(run.reply["evalue"].startswith("1:36 - Type 'number' is not assignable to type 'string'."), run.reply["evalue"])

    def test_kernel_info_names_strict_mode(self):
        msg_id = self.kc.kernel_info()
        reply = kernel_env.wait_reply(self.kc, msg_id)["content"]
        self.assertIn("strict", reply["banner"])


if __name__ == "__main__":
    unittest.main()
