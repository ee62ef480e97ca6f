"""JupyterHub for a seqgrad class, on Debian's jupyterhub with npm's configurable-http-proxy.

Install once, system-wide (see README.md next to this file):
    npm ci && npm run build && npm run build:extension
    sudo node deploy/jupyterhub/install.mjs            # kernel spec, extension, server config -> /usr/local
    sudo jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Settings a lecturer may change through the environment of the hub:
    SEQGRAD_HUB_MEM_LIMIT   memory per student (default 768M; see seqgrad_spawner.py)
    SEQGRAD_HUB_PREFIX      where install.mjs put the shared files (default /usr/local)
    SEQGRAD_HUB_IP, SEQGRAD_HUB_PORT   where the hub listens (default 0.0.0.0:8000)
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
LAB = os.path.join(REPO, "extension", "lab")
PREFIX = os.environ.get("SEQGRAD_HUB_PREFIX", "/usr/local")
sys.path.insert(0, HERE)

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

c.JupyterHub.ip = os.environ.get("SEQGRAD_HUB_IP", "0.0.0.0")
c.JupyterHub.port = int(os.environ.get("SEQGRAD_HUB_PORT", "8000"))
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
c.JupyterHub.spawner_class = "seqgrad_spawner.SeqgradSpawner"

# npm's configurable-http-proxy, from this repository's node_modules unless one is on PATH
proxy = shutil.which("configurable-http-proxy") or os.path.join(REPO, "node_modules", ".bin", "configurable-http-proxy")
c.ConfigurableHTTPProxy.command = [proxy]

c.Spawner.mem_limit = os.environ.get("SEQGRAD_HUB_MEM_LIMIT", "768M")
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = {
    # Debian's jupyter_server with the JupyterLab 4.5 front end assembled in extension/lab
    "JUPYTERHUB_SINGLEUSER_APP": "jupyter_server.serverapp.ServerApp",
    "PYTHONPATH": LAB,
    # the kernel spec, the prebuilt extension and the server config that install.mjs wrote
    "JUPYTER_PATH": os.path.join(PREFIX, "share", "jupyter"),
    "JUPYTER_CONFIG_PATH": os.path.join(PREFIX, "etc", "jupyter"),
}
