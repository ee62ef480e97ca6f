"""The seqgrad lab: the JupyterLab 4.5 front end assembled in this folder (built into build/),
served by Debian's jupyterlab_server through a small LabServerApp subclass.

Run with Debian's Python: /usr/bin/python3 seqgrad_lab.py [--ServerApp.root_dir=DIR] [...]
Prebuilt extensions are found in the `labextensions` folder of every Jupyter data dir
(JUPYTER_PATH first), exactly as JupyterLab does it.
"""
import json
import os
import sys

from jupyter_core.paths import jupyter_config_dir
from jupyterlab_server import LabServerApp
from traitlets import default

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")

with open(os.path.join(HERE, "package.json"), encoding="utf-8") as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": "seqgrad_lab", "app": SeqgradLab}]


class SeqgradLab(LabServerApp):
    """JupyterLab at /lab, with its settings schemas, themes and static bundle from build/."""

    name = "seqgrad_lab"
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    app_name = "JupyterLab"
    app_namespace = "seqgrad-lab"
    app_version = VERSION
    app_url = "/lab"
    schemas_dir = os.path.join(BUILD, "schemas")
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(HERE, "settings")

    @default("user_settings_dir")
    def _default_user_settings_dir(self):
        return os.path.join(jupyter_config_dir(), "lab", "user-settings")

    @default("workspaces_dir")
    def _default_workspaces_dir(self):
        return os.path.join(jupyter_config_dir(), "lab", "workspaces")

    def initialize_settings(self):
        if not os.path.exists(os.path.join(BUILD, "bundle.js")):
            sys.exit("seqgrad lab: build/bundle.js is missing; run `npm run build:extension` first")
        super().initialize_settings()


main = launch_new_instance = SeqgradLab.launch_instance

if __name__ == "__main__":
    main()
