"""The seqgrad lab's server: a request to an unknown /lab/... path must not turn every later page
into "Path Not Found" (jupyterlab_server 2.16 shares one page config between pages)."""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "extension" / "lab"))

from seqgrad_lab import own_page_config  # noqa: E402


class LabPageConfigTests(unittest.TestCase):
    def test_the_not_found_page_marks_its_own_config_and_not_the_shared_one(self):
        shared = {"mode": "multiple-document"}
        hook = own_page_config()
        # what jupyterlab_server's NotFoundHandler does with the config the hook returns
        not_found = hook(object(), shared)
        not_found["notFoundUrl"] = "/lab/nowhere"
        later = hook(object(), shared)
        self.assertNotIn("notFoundUrl", shared)
        self.assertNotIn("notFoundUrl", later)
        self.assertEqual(later["mode"], "multiple-document")

    def test_an_earlier_hook_still_runs(self):
        hook = own_page_config(lambda handler, config: {**config, "extra": 1})
        self.assertEqual(hook(object(), {"a": 0}), {"a": 0, "extra": 1})


if __name__ == "__main__":
    unittest.main()
