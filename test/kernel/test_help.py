"""Help where the cursor is, seen from a Jupyter client: inspection inside a call's parentheses and
on class names (documentation and options as markdown), completion kinds, and history."""

import unittest

import kernel_env
from kernel_env import ok

IMPORTS = 'import { nn, viz, optim, tensor } from "seqgrad";'


def inspect(kc, code, cursor=None):
    msg_id = kc.inspect(code, len(code) if cursor is None else cursor)
    return kernel_env.wait_reply(kc, msg_id)["content"]


def complete(kc, code, cursor=None):
    msg_id = kc.complete(code, len(code) if cursor is None else cursor)
    return kernel_env.wait_reply(kc, msg_id)["content"]


def kinds(reply):
    return {t["text"]: t["type"] for t in reply["metadata"]["_jupyter_types_experimental"]}


class InspectionTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = kernel_env.start()
        kernel_env.execute(cls.kc, IMPORTS)

    @classmethod
    def tearDownClass(cls):
        kernel_env.stop(cls.km, cls.kc)

    def test_inside_the_parentheses_of_new_it_shows_the_class_its_docs_and_its_options(self):
        reply = inspect(self.kc, "const lstm = new nn.LSTM(")
        self.assertTrue(reply["found"])
        markdown = reply["data"]["text/markdown"]
        self.assertIn("class nn.LSTM", markdown)
        self.assertIn("new nn.LSTM(options: nn.RecurrentOptions)", markdown)
        self.assertIn("forget gate", markdown)
        self.assertIn("| `hiddenSize` | `number` |", markdown)
        self.assertIn("Features H of the hidden state", markdown)
        self.assertIn("hiddenSize: number", reply["data"]["text/plain"])

    def test_after_an_argument_and_a_comma_it_still_shows_the_function_being_called(self):
        reply = inspect(self.kc, "viz.attention(weights, ")
        self.assertTrue(reply["found"])
        markdown = reply["data"]["text/markdown"]
        self.assertIn("viz.attention(weights:", markdown)
        self.assertIn("| `source` |", markdown)

    def test_inside_an_unfinished_options_object_it_shows_the_constructor(self):
        reply = inspect(self.kc, "new nn.GRU({ inputSize: 3, ")
        self.assertTrue(reply["found"])
        self.assertIn("new nn.GRU(", reply["data"]["text/markdown"])

    def test_on_an_option_name_it_shows_that_options_documentation(self):
        code = "new nn.GRU({ hiddenSize: 3 })"
        reply = inspect(self.kc, code, code.index("hiddenSize") + 3)
        self.assertTrue(reply["found"])
        self.assertIn("Features H of the hidden state", reply["data"]["text/markdown"])

    def test_on_a_class_name_it_shows_the_class_documentation_and_constructor_options(self):
        reply = inspect(self.kc, "nn.GRU")
        markdown = reply["data"]["text/markdown"]
        self.assertIn("class nn.GRU", markdown)
        self.assertIn("| `inputSize` |", markdown)
        self.assertNotIn("/dist/", markdown)

    def test_on_a_variable_of_an_earlier_cell_it_shows_its_type(self):
        ok(self, self.kc, "let width = 8;")
        reply = inspect(self.kc, "width")
        self.assertIn("let width: number", reply["data"]["text/plain"])

    def test_outside_any_name_or_call_nothing_is_found(self):
        self.assertFalse(inspect(self.kc, "1 + 2 ", 5)["found"])

    def test_products_in_the_documentation_keep_their_stars_in_markdown(self):
        markdown = inspect(self.kc, "nn.LSTM")["data"]["text/markdown"]
        self.assertIn("[numLayers\\*directions, B, H]", markdown)
        self.assertIn("[T, B, directions\\*H]", markdown)

    def test_a_help_cell_shows_the_documentation_of_the_name_beside_its_question_mark(self):
        for code in ("nn.LSTM?", "?nn.LSTM", "nn.LSTM??"):
            run = ok(self, self.kc, code)
            shown = run.of_type("display_data")
            self.assertEqual(len(shown), 1, f"{code!r} showed {run.messages}")
            self.assertIn("class nn.LSTM", shown[0]["data"]["text/markdown"])
            self.assertIn("hiddenSize: number", shown[0]["data"]["text/plain"])

    def test_a_help_cell_on_an_unknown_name_fails_naming_it(self):
        run = kernel_env.execute(self.kc, "notDeclaredHere?")
        self.assertEqual(run.status, "error")
        self.assertEqual(run.reply["ename"], "NameError")
        self.assertIn("nothing named notDeclaredHere is declared here", run.reply["evalue"])


class CompletionTests(kernel_env.OwnKernel, unittest.TestCase):
    setup_code = IMPORTS + " const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3 });"

    def test_members_of_a_namespace_carry_class_and_function_kinds(self):
        reply = complete(self.kc, "nn.")
        found = kinds(reply)
        self.assertEqual(len(found), len(reply["matches"]))
        self.assertEqual(found["LSTM"], "class")
        self.assertEqual(found["Linear"], "class")

    def test_names_in_scope_carry_module_function_variable_and_keyword_kinds(self):
        found = kinds(complete(self.kc, "n"))
        self.assertEqual(found["nn"], "module")
        self.assertEqual(found["new"], "keyword")
        found = kinds(complete(self.kc, "te"))
        self.assertEqual(found["tensor"], "function")
        self.assertEqual(kinds(complete(self.kc, "lst"))["lstm"], "variable")

    def test_members_of_an_object_carry_method_and_property_kinds(self):
        found = kinds(complete(self.kc, "lstm."))
        self.assertEqual(found["forward"], "function")
        self.assertEqual(found["hiddenSize"], "property")

    def test_the_documentation_of_a_completion_comes_from_inspecting_it(self):
        # JupyterLab inspects the code with the completion applied, the cursor after it.
        reply = inspect(self.kc, "lstm.forward")
        self.assertTrue(reply["found"])
        self.assertIn("forward", reply["data"]["text/plain"])


class RecurrentParameterTests(unittest.TestCase):
    """A recurrent layer's parameter properties follow the options of its constructor call."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = kernel_env.start()
        run = kernel_env.execute(cls.kc, IMPORTS + """
const one = new nn.LSTM({ inputSize: 4, hiddenSize: 8 });
const deep = new nn.LSTM({ inputSize: 4, hiddenSize: 8, numLayers: 2, bidirectional: true });""")
        if run.status != "ok":
            kernel_env.stop(cls.km, cls.kc)
            raise AssertionError(f"the layers were not built: {run.reply}")

    @classmethod
    def tearDownClass(cls):
        kernel_env.stop(cls.km, cls.kc)

    def test_a_parameter_the_options_do_not_make_is_a_compile_error_naming_the_options(self):
        run = kernel_env.execute(self.kc, "one.weight_hh_l1.shape")
        self.assertEqual(run.reply["ename"], "TSError")
        self.assertIn("Property 'weight_hh_l1' does not exist", run.reply["evalue"])
        self.assertIn("readonly hiddenSize: 8", run.reply["evalue"])
        self.assertIn("Did you mean 'weight_hh_l0'?", run.reply["evalue"])
        self.assertEqual(kernel_env.execute(self.kc, "one.weight_ih_l0_reverse").reply["ename"], "TSError")

    def test_the_parameters_the_options_make_are_typed_and_hold_their_tensors(self):
        self.assertEqual(ok(self, self.kc, "deep.weight_hh_l1.shape").result, {"text/plain": "[ 32, 8 ]"})
        self.assertEqual(ok(self, self.kc, "deep.weight_ih_l1_reverse.shape").result, {"text/plain": "[ 32, 16 ]"})

    def test_completion_offers_exactly_the_parameters_that_exist(self):
        self.assertEqual(sorted(complete(self.kc, "one.weight_")["matches"]), ["weight_hh_l0", "weight_ih_l0"])
        deep = complete(self.kc, "deep.bias_")
        self.assertEqual(sorted(deep["matches"]), sorted(
            f"bias_{g}_l{k}{d}" for g in ("ih", "hh") for k in (0, 1) for d in ("", "_reverse")))
        self.assertEqual(set(kinds(deep).values()), {"property"})

    def test_param_reaches_a_layer_of_a_run_time_configuration_and_names_what_is_missing(self):
        ok(self, self.kc, "const layers: number = 3; const runtime = new nn.GRU({ inputSize: 2, hiddenSize: 3, numLayers: layers });")
        self.assertEqual(ok(self, self.kc, 'runtime.param("weight_hh", 2).shape').result, {"text/plain": "[ 9, 3 ]"})
        run = kernel_env.execute(self.kc, 'one.param("weight_hh", 0, "reverse")')
        self.assertEqual(run.reply["ename"], "ValueError")
        self.assertIn('LSTM.param: direction "reverse" needs bidirectional: true', run.reply["evalue"])

    def test_the_layer_is_still_a_class_to_completion_and_inspection(self):
        self.assertEqual(kinds(complete(self.kc, "nn.LST"))["LSTM"], "class")
        markdown = inspect(self.kc, "nn.GRU")["data"]["text/markdown"]
        self.assertIn("class nn.GRU", markdown)
        self.assertIn("new nn.GRU(options: nn.RecurrentOptions): nn.GRU", markdown)
        self.assertIn("`numLayers?`", markdown)


class HistoryTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = kernel_env.start()
        for code in ["const a = 1;", "const b = a + 1;", "b * 2"]:
            kernel_env.execute(cls.kc, code)

    @classmethod
    def tearDownClass(cls):
        kernel_env.stop(cls.km, cls.kc)

    def history(self, **options):
        msg_id = self.kc.history(**options)
        reply = kernel_env.wait_reply(self.kc, msg_id)
        self.assertEqual(reply["msg_type"], "history_reply")
        self.assertEqual(reply["content"]["status"], "ok")
        return reply["content"]["history"]

    def test_tail_returns_the_last_inputs_with_session_and_line(self):
        entries = self.history(hist_access_type="tail", n=2)
        self.assertEqual([e[2] for e in entries], ["const b = a + 1;", "b * 2"])
        session = entries[0][0]
        self.assertEqual([e[:2] for e in entries], [[session, 2], [session, 3]])

    def test_range_returns_lines_of_this_session(self):
        entries = self.history(hist_access_type="range", session=0, start=1, stop=3)
        self.assertEqual([e[2] for e in entries], ["const a = 1;", "const b = a + 1;"])

    def test_search_matches_a_glob_and_output_pairs_inputs(self):
        entries = self.history(hist_access_type="search", pattern="const b*")
        self.assertEqual([e[2] for e in entries][-1:], ["const b = a + 1;"])
        paired = self.history(hist_access_type="tail", n=1, output=True)
        self.assertEqual(paired[0][2], ["b * 2", None])

    def test_a_new_kernel_starts_the_next_session_and_finds_the_earlier_one(self):
        km, kc = kernel_env.start()
        try:
            kernel_env.execute(kc, "const c = 3;")
            msg_id = kc.history(hist_access_type="search", pattern="const a = 1;")
            earlier = kernel_env.wait_reply(kc, msg_id)["content"]["history"]
            msg_id = kc.history(hist_access_type="tail", n=1)
            latest = kernel_env.wait_reply(kc, msg_id)["content"]["history"]
        finally:
            kernel_env.stop(km, kc)
        self.assertTrue(earlier)
        self.assertGreater(latest[0][0], earlier[-1][0])
        self.assertEqual(latest[0][1:], [1, "const c = 3;"])


if __name__ == "__main__":
    unittest.main()
