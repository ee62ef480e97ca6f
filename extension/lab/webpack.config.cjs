/*
 * Builds the assembled lab into build/: the application bundle (a Module Federation host sharing
 * JupyterLab's packages with prebuilt extensions, as JupyterLab's own build does), the settings
 * schemas and the theme CSS. Reads core/package.json, written by ../scripts/core-package.mjs.
 */
const path = require("path");
const webpack = require("webpack");
const { merge } = require("webpack-merge");
const { Build } = require("@jupyterlab/builder");
const baseConfig = require("@jupyterlab/builder/lib/webpack.config.base");
const lab = require("./package.json");
const core = require("./core/package.json");

const BUILD_DIR = path.join(__dirname, "build");
const production = process.argv.includes("--mode=production") || process.env.NODE_ENV === "production";

// Schemas to build/schemas, themes to build/themes, and build/style.js importing every style.
const assetConfigs = Build.ensureAssets({
  packageNames: [...lab.jupyterlab.extensions, ...lab.jupyterlab.mimeExtensions],
  output: BUILD_DIR,
});

// Every shared package at the installed version; JupyterLab's singletons as singletons.
const shared = {};
for (const [name, range] of Object.entries(core.resolutions)) shared[name] = { requiredVersion: range };
for (const name of core.jupyterlab.singletonPackages) shared[name] = { ...shared[name], singleton: true };

/** Copies the test page's HTML next to its bundle. */
class CopyPagePlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap("CopyPagePlugin", () => {
      require("fs").copyFileSync(path.join(__dirname, "src", "rendermime-page.html"), path.join(BUILD_DIR, "rendermime-page.html"));
    });
  }
}

module.exports = [
  merge(baseConfig, {
    mode: production ? "production" : "development",
    devtool: production ? false : "source-map",
    entry: { main: path.join(__dirname, "src", "bootstrap.js") },
    output: {
      path: BUILD_DIR,
      filename: "bundle.js",
      chunkFilename: "[name].[contenthash].js",
      publicPath: "auto",
    },
    plugins: [
      new webpack.container.ModuleFederationPlugin({
        library: { type: "var", name: ["_JUPYTERLAB", "CORE_LIBRARY_FEDERATION"] },
        name: "CORE_FEDERATION",
        shared,
      }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
  }),
  // The rendermime test page for the browser tests: output area + renderers, no federation.
  merge(baseConfig, {
    mode: "development",
    devtool: false,
    entry: { "rendermime-page": path.join(__dirname, "src", "rendermime-page.js") },
    output: { path: BUILD_DIR, filename: "[name].js", chunkFilename: "page-[name].[contenthash].js", publicPath: "auto" },
    module: { noParse: /plotly\.js-dist-min[\\/]plotly\.min\.js$/ },
    plugins: [new CopyPagePlugin()],
    performance: { hints: false },
    stats: "errors-warnings",
  }),
].concat(assetConfigs);
