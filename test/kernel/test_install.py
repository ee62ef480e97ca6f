"""The kernel spec installer: where `kernel:install` writes, what kernel.json holds, uninstall."""

import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

import kernel_env

CLI = kernel_env.ROOT / "kernel" / "dist" / "cli.js"


def cli(*args, env=None):
    return subprocess.run(["node", str(CLI), *args], capture_output=True, text=True, env=env, check=False)


class InstallerTests(unittest.TestCase):
    def setUp(self):
        base = os.environ.get("SEQGRAD_TEST_SCRATCH") or tempfile.gettempdir()
        self.dir = Path(tempfile.mkdtemp(prefix="install target ", dir=base))

    def test_prefix_install_writes_both_specs_with_absolute_paths_and_logos(self):
        result = cli("install", "--prefix", str(self.dir))
        self.assertEqual(result.returncode, 0, result.stderr)
        kernels = self.dir / "share" / "jupyter" / "kernels"
        self.assertEqual(sorted(p.name for p in kernels.iterdir()), ["seqgrad", "seqgrad-strict"])
        spec = json.loads((kernels / "seqgrad" / "kernel.json").read_text())
        self.assertEqual(spec["display_name"], "TypeScript (seqgrad)")
        self.assertEqual(spec["language"], "typescript")
        node, launcher, flag, connection = spec["argv"]
        self.assertTrue(Path(node).is_absolute() and Path(node).exists())
        self.assertEqual(Path(launcher), kernel_env.ROOT / "kernel" / "dist" / "main.js")
        self.assertEqual([flag, connection], ["--config-path", "{connection_file}"])
        self.assertTrue((Path(spec["env"]["NODE_PATH"]) / "seqgrad" / "package.json").exists())
        for size in (32, 64):
            logo = (kernels / "seqgrad" / f"logo-{size}x{size}.png").read_bytes()
            self.assertEqual(logo[:8], b"\x89PNG\r\n\x1a\n")
            self.assertEqual(int.from_bytes(logo[16:20], "big"), size)
        strict = json.loads((kernels / "seqgrad-strict" / "kernel.json").read_text())
        self.assertEqual(strict["argv"][-1], "--strict")

    def test_user_install_follows_jupyter_data_dir_and_uninstall_removes_it(self):
        env = {**os.environ, "JUPYTER_DATA_DIR": str(self.dir / "user data")}
        self.assertEqual(cli("install", "--user", env=env).returncode, 0)
        self.assertTrue((self.dir / "user data" / "kernels" / "seqgrad" / "kernel.json").exists())
        result = cli("uninstall", "--user", env=env)
        self.assertEqual(result.returncode, 0)
        self.assertFalse((self.dir / "user data" / "kernels" / "seqgrad").exists())
        self.assertFalse((self.dir / "user data" / "kernels" / "seqgrad-strict").exists())

    def test_conflicting_targets_are_refused(self):
        result = cli("install", "--user", "--prefix", str(self.dir))
        self.assertEqual(result.returncode, 1)
        self.assertIn("pick one target", result.stderr)
        self.assertFalse((self.dir / "share").exists())


if __name__ == "__main__":
    unittest.main()
