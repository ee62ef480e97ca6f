/**
 * `npm run lab`: the JupyterLab assembled in extension/lab/ on notebooks/, whatever else is
 * installed (`npm start` prefers the user's own `jupyter lab` 4.5+ when there is one). Builds the
 * library, the kernel and (when stale) the extension, installs both into .jupyter-data/, serves on
 * 127.0.0.1 with a token and prints the URL.
 */
import { build, installKernel, open } from "../../scripts/start.mjs";
import { LAB_FRONTENDS } from "./frontends.mjs";

const lab = LAB_FRONTENDS[LAB_FRONTENDS.length - 1];
if (!lab.available()) {
  process.stderr.write("lab: Debian's jupyterlab_server and jupyter_server are missing for /usr/bin/python3\n  sudo apt-get install -y python3-jupyterlab-server python3-jupyter-server\n");
  process.exit(1);
}
build();
installKernel();
lab.prepare();
await open(lab);
