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
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from jupyterlab_server import LabServerApp
from tornado import web, websocket
from traitlets import default

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")

with open(os.path.join(HERE, "package.json"), encoding="utf-8") as f:
    VERSION = json.load(f)["version"]


def _jupyter_server_extension_points():
    return [{"module": "seqgrad_lab", "app": SeqgradLab}]


class IdentityHandler(APIHandler):
    """GET /api/me: the identity API of jupyter_server 2, which 1.23 lacks. JupyterLab asks it who
    the user is (for collaboration cursors and the user menu); one local user, all permissions."""

    @web.authenticated
    def get(self):
        user = self.current_user
        name = user if isinstance(user, str) else getattr(user, "username", None) or "user"
        if not isinstance(name, str) or name in ("", "anonymous"):
            name = "user"
        identity = {
            "username": name,
            "name": name,
            "display_name": name,
            "initials": name[:1].upper(),
            "avatar_url": None,
            "color": None,
        }
        self.finish(json.dumps({"identity": identity, "permissions": {}}))


class EventsSocket(WebSocketMixin, websocket.WebSocketHandler, JupyterHandler):
    """WS /api/events/subscribe: jupyter_server 2's event stream, which 1.23 lacks. Server 1.23
    emits no events, so the socket stays open and silent instead of failing and being retried."""

    async def get(self, *args, **kwargs):
        if self.current_user is None:
            raise web.HTTPError(403)
        result = super().get(*args, **kwargs)
        if result is not None:
            await result

    def on_message(self, message):
        """Clients only listen on this socket."""


def own_page_config(previous_hook=None):
    """A page_config_hook giving each page its own copy of the page config.

    jupyterlab_server 2.16 builds every page's config in one dict shared through the web app's
    settings, and its NotFoundHandler writes `notFoundUrl` into it: after one request to an
    unknown /lab/... path, every later page said "Path Not Found" until the server restarted.
    With a copy per page, the 404 page's `notFoundUrl` stays on that page."""

    def hook(handler, page_config):
        if previous_hook is not None:
            page_config = previous_hook(handler, page_config)
        return dict(page_config)

    return hook


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

    def initialize_handlers(self):
        self.handlers.extend([(r"/api/me", IdentityHandler), (r"/api/events/subscribe", EventsSocket)])
        super().initialize_handlers()

    def initialize_settings(self):
        if not os.path.exists(os.path.join(BUILD, "bundle.js")):
            sys.exit("seqgrad lab: build/bundle.js is missing; run `npm run build:extension` first")
        super().initialize_settings()
        self.settings["page_config_hook"] = own_page_config(self.settings.get("page_config_hook"))


main = launch_new_instance = SeqgradLab.launch_instance

if __name__ == "__main__":
    main()
