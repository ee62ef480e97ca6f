"""The seqgrad kernel against jupyter_kernel_test's protocol checks, plus kernel_info details."""

import unittest

import jupyter_kernel_test

import kernel_env


class SeqgradKernelProtocolTests(kernel_env.OwnKernel, jupyter_kernel_test.KernelTests):
    kernel_name = kernel_env.KERNEL
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("to stderr")'
    code_generate_error = 'throw new Error("boom")'
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": "'ab'"},
        {"code": "[1, 2, 3].map((x) => x * 2)", "result": "[ 2, 4, 6 ]"},
    ]
    code_display_data = [
        {
            "code": 'import { display } from "seqgrad"; display({ [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<b>hi</b>" }) })',
            "mime": "text/html",
        },
        {"code": 'import { display } from "seqgrad"; display(12)', "mime": "text/plain"},
    ]
    completion_samples = [
        {"text": "Math.PI.toFix", "matches": ["toFixed"]},
        {"text": "const completionTarget = [1]; completionTarget.fil", "matches": ["fill", "filter"]},
    ]
    complete_code_samples = ["1 + 1", "const a = 1;", "function f() { return 1; }"]
    incomplete_code_samples = ["function f() {", "const a = [1,", "if (true) {"]
    code_inspect_sample = "Math.max"
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 * 7"

    def test_kernel_info_is_complete(self):
        self.flush_channels()
        msg_id = self.kc.kernel_info()
        reply = self.get_non_kernel_info_reply_for(msg_id)
        content = reply["content"]
        self.assertEqual(content["status"], "ok")
        self.assertEqual(content["implementation"], "seqgrad")
        self.assertRegex(content["implementation_version"], r"^\d+\.\d+\.\d+")
        info = content["language_info"]
        self.assertEqual(info["name"], "typescript")
        self.assertRegex(info["version"], r"^\d+\.\d+")
        self.assertEqual(info["mimetype"], "text/typescript")
        self.assertEqual(info["file_extension"], ".ts")
        self.assertEqual(info["pygments_lexer"], "typescript")
        self.assertEqual(info["codemirror_mode"]["mode"], "typescript")

    def test_inspect_shows_the_type_and_documentation_of_a_seqgrad_function(self):
        self.flush_channels()
        code = 'import { throwIfAborted } from "seqgrad"; throwIfAborted'
        msg_id = self.kc.inspect(code, len(code))
        reply = self.get_non_kernel_info_reply_for(msg_id)
        self.assertTrue(reply["content"]["found"])
        text = reply["content"]["data"]["text/plain"]
        self.assertIn("throwIfAborted(signal?: AbortSignal", text)
        self.assertIn("AbortError", text)

    def test_comm_info_gets_a_comm_info_reply(self):
        self.flush_channels()
        msg_id = self.kc.comm_info()
        reply = self.get_non_kernel_info_reply_for(msg_id)
        self.assertEqual(reply["msg_type"], "comm_info_reply")
        self.assertEqual(reply["content"], {"status": "ok", "comms": {}})

    def get_non_kernel_info_reply_for(self, msg_id):
        return kernel_env.wait_reply(self.kc, msg_id)


if __name__ == "__main__":
    unittest.main()
