"""Errors that point at the cell, seen from a Jupyter client: runtime tracebacks name the cell's
line, compile errors name seqgrad's types as users write them (no file-system path) and suggest
the name meant; a cell that fails or is interrupted keeps the names it had evaluated."""

import re
import time
import unittest

import kernel_env
from kernel_env import execute, ok

PATH = re.compile(r"(/[\w.@+-]+){2,}")


class ErrorTests(kernel_env.OwnKernel, unittest.TestCase):
    setup_code = 'import { nn } from "seqgrad";\nconst lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3 });'

    def error(self, code):
        run = execute(self.kc, code)
        self.assertEqual(run.status, "error", code)
        errors = run.of_type("error")
        self.assertEqual(len(errors), 1)
        return errors[0]

    def test_a_runtime_error_names_the_cells_line_and_shows_its_code(self):
        error = self.error("// a comment\nconst w = lstm as any;\nw.weight_hh_l1.shape")
        self.assertEqual(error["ename"], "TypeError")
        text = "\n".join(error["traceback"])
        self.assertRegex(text, r"Cell In\[\d+\], line 3\n----> 3 w\.weight_hh_l1\.shape")
        self.assertNotIn("evalmachine", text)
        self.assertIsNone(PATH.search(text), text)

    def test_frames_of_functions_in_the_cell_name_the_function_and_its_line(self):
        code = "function f(n: number): number {\n  if (n > 1) {\n    return (lstm as any).nothing.x;\n  }\n  return f(n + 1);\n}\nf(0)"
        text = "\n".join(self.error(code)["traceback"])
        self.assertRegex(text, r"line 3, in f\n----> 3 return \(lstm as any\)\.nothing\.x;")
        self.assertRegex(text, r"line 7\n----> 7 f\(0\)")

    def test_library_frames_are_hidden_and_no_path_is_shown(self):
        text = "\n".join(self.error("lstm.forward(lstm as any)")["traceback"])
        self.assertRegex(text, r"line 1\n----> 1 lstm\.forward")
        self.assertNotIn("dist/", text)
        self.assertNotIn("node:internal", text)

    def test_a_compile_error_names_the_namespace_not_its_file_and_suggests_the_member(self):
        error = self.error("nn.GUR")
        text = "\n".join(error["traceback"]) + error["evalue"]
        self.assertIn("typeof nn", text)
        self.assertIn("Did you mean 'GRU'?", text)
        self.assertIsNone(PATH.search(text), text)
        self.assertNotIn("import(", text)

    def test_a_misspelt_variable_gets_the_name_in_scope(self):
        self.assertIn("Did you mean 'lstm'?", self.error("lsmt.forward")["evalue"])

    def test_a_misspelt_import_gets_the_exported_name(self):
        self.assertIn("Did you mean 'tensor'?", self.error('import { tensr } from "seqgrad";')["evalue"])

    def test_names_evaluated_before_a_runtime_error_keep_their_values(self):
        self.error('const before = 41;\nthrow new Error("stop");\nconst unreached = 1;')
        self.assertEqual(ok(self, self.kc, "before + 1").result["text/plain"], "42")
        self.assertIn("Cannot find name 'unreached'", self.error("unreached")["evalue"])


class InterruptedDeclarationTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = kernel_env.start()

    def tearDown(self):
        kernel_env.stop(self.km, self.kc)

    def test_names_declared_in_an_interrupted_loop_keep_the_values_they_had(self):
        # A first cell builds the compiler, so the interrupt below lands in the loop, not in compiling.
        ok(self, self.kc, "1")
        code = "let i = 0;\nconst items = [1, 2];\nwhile (true) { i++; }\nlet after = 5;"
        msg_id = self.kc.execute(code)
        time.sleep(3)
        self.km.interrupt_kernel()
        reply = kernel_env.wait_reply(self.kc, msg_id)
        kernel_env.iopub_until_idle(self.kc, msg_id)
        self.assertEqual(reply["content"]["status"], "error")
        count = int(ok(self, self.kc, "i").result["text/plain"])
        self.assertGreater(count, 0)
        self.assertEqual(ok(self, self.kc, "items.length").result["text/plain"], "2")
        self.assertEqual(ok(self, self.kc, "i += 1").result["text/plain"], str(count + 1))
        run = execute(self.kc, "after")
        self.assertEqual(run.status, "error")
        self.assertIn("Cannot find name 'after'", run.reply["evalue"])


if __name__ == "__main__":
    unittest.main()
