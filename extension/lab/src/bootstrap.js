/*
 * Entry point of the assembled lab. It loads the prebuilt (federated) extensions found in the
 * Jupyter data dirs first, so that Module Federation can pick one version of every shared package,
 * and only then imports the application itself.
 */

/** The page config the server embeds as JSON (read directly: nothing is loaded yet). */
function pageOption(name) {
  const node = document.getElementById("jupyter-config-data");
  const config = node ? JSON.parse(node.textContent || "{}") : {};
  return config[name] || "";
}

// eslint-disable-next-line no-undef
__webpack_public_path__ = pageOption("fullStaticUrl") + "/";

function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.onerror = () => reject(new Error(`lab: cannot load federated extension script ${url}`));
    script.onload = resolve;
    script.async = true;
    document.head.appendChild(script);
    script.src = url;
  });
}

/** Loads one federated extension's remote entry and joins it to the shared scope. */
async function loadContainer(baseUrl, data) {
  await loadScript(`${baseUrl}/${data.name}/${data.load}`);
  // eslint-disable-next-line no-undef
  await __webpack_init_sharing__("default");
  const container = window._JUPYTERLAB[data.name];
  // eslint-disable-next-line no-undef
  await container.init(__webpack_share_scopes__.default);
}

void (async function bootstrap() {
  const federated = pageOption("federated_extensions") || [];
  const baseUrl = pageOption("fullLabextensionsUrl");
  const loaded = await Promise.allSettled(federated.map((data) => loadContainer(baseUrl, data)));
  loaded.forEach((result) => {
    if (result.status === "rejected") console.error(result.reason);
  });
  const { main } = await import("./index.js");
  if (document.readyState === "complete") await main();
  else window.addEventListener("load", () => void main());
})();
