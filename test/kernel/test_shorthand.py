"""Shorthand object properties (`{ model }`) that name variables of earlier cells, with and
without top-level await (issue 4), while destructuring patterns keep their meaning."""

import unittest

import kernel_env
from kernel_env import execute, ok


class ShorthandPropertyTests(kernel_env.OwnKernel, unittest.TestCase):
    setup_code = "const model = 41;\nconst optimizer = 'sgd';"

    def value(self, code):
        return ok(self, self.kc, code).result["text/plain"]

    def test_the_issue_repro_prints_42_after_an_await(self):
        run = ok(self, self.kc, "const o = { model }; await Promise.resolve(); console.log(o.model + 1);")
        self.assertEqual(run.stdout, "42\n")

    def test_a_cell_without_await_sees_the_earlier_variable_too(self):
        self.assertEqual(self.value("const plain = { model };\nplain.model + 1"), "42")

    def test_a_call_with_an_options_object_like_the_trainer_gets_every_value(self):
        ok(self, self.kc, "function fit(o: { model: number; optimizer: string; steps: number }) { return `${o.optimizer} ${o.model + o.steps}`; }")
        self.assertEqual(self.value("const steps = 1;\nawait Promise.resolve();\nfit({ model, optimizer, steps })"), "'sgd 42'")

    def test_nested_object_literals_are_expanded_at_every_depth(self):
        code = "const nested = { outer: { inner: { model }, optimizer }, list: [{ model }] };\nawait null;\nnested.outer.inner.model + nested.list[0].model + nested.outer.optimizer"
        self.assertEqual(self.value(code), "'82sgd'")

    def test_shorthand_inside_an_arrow_function_works_when_called_later(self):
        ok(self, self.kc, "const make = () => ({ model, twice: { model: model * 2 } });\nawait null;")
        self.assertEqual(self.value("make().model + make().twice.model"), "123")

    def test_shorthand_inside_a_function_body_and_a_default_value(self):
        ok(self, self.kc, "function pack(extra = { model }) { const packed = { model, extra }; return packed; }")
        self.assertEqual(self.value("await null;\nconst p = pack();\np.model + p.extra.model"), "82")

    def test_shorthand_of_a_name_imported_in_an_earlier_cell(self):
        ok(self, self.kc, 'import { tensor } from "seqgrad";')
        self.assertEqual(self.value("const ops = { tensor };\nawait null;\nops.tensor([1, 2, 3]).shape"), "[ 3 ]")

    def test_destructuring_declarations_and_parameters_are_untouched(self):
        code = (
            "const source = { alpha: 1, beta: { gamma: 2 } };\n"
            "const { alpha, beta: { gamma } } = source;\n"
            "function total({ model, extra = 1 }: { model: number; extra?: number }) { return model + extra; }\n"
            "await null;\n"
            "[alpha, gamma, total({ model: 1 })]"
        )
        self.assertEqual(self.value(code), "[ 1, 2, 2 ]")
        self.assertEqual(self.value("alpha + gamma"), "3")

    def test_a_destructuring_assignment_in_its_own_cell_is_untouched(self):
        code = "let first = 0, second = 0;\n({ first, second = 5 } = { first: 1 });\nawait null;\n[first, second]"
        self.assertEqual(self.value(code), "[ 1, 5 ]")

    def test_compile_errors_point_at_the_shorthand_as_written(self):
        run = execute(self.kc, "const misspelt = { modle };")
        self.assertEqual(run.status, "error")
        self.assertEqual(run.reply["ename"], "TSError")
        self.assertEqual(run.reply["evalue"], "1:20 - Cannot find name 'modle'. Did you mean 'model'?")


if __name__ == "__main__":
    unittest.main()
