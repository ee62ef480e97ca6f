/*
 * Bundles the JupyterLite application (lib/app/main.js, compiled from src/app by tsc) with
 * JupyterLab's packages, JupyterLite's services and the seqgrad renderers into dist/build/, and
 * writes the settings schemas and theme CSS there (JupyterLab's builder). One bundle, no module
 * federation: the site's extensions are known when it is built.
 */
const path = require("path");
const { merge } = require("webpack-merge");
const { Build } = require("@jupyterlab/builder");
const baseConfig = require("@jupyterlab/builder/lib/webpack.config.base");

const BUILD_DIR = path.join(__dirname, "dist", "build");

/** The packages whose schemas, themes and styles the site needs (main.ts imports the same). */
const PACKAGES = require("./scripts/packages.cjs");

const assetConfigs = Build.ensureAssets({ packageNames: PACKAGES, output: BUILD_DIR });

module.exports = [
  merge(baseConfig, {
    mode: "development",
    devtool: false,
    entry: { bundle: [path.join(BUILD_DIR, "style.js"), path.join(__dirname, "lib", "app", "main.js")] },
    output: { path: BUILD_DIR, filename: "[name].js", chunkFilename: "[name].[contenthash].js", publicPath: "auto" },
    module: { noParse: /plotly\.js-dist-min[\\/]plotly\.min\.js$/ },
    performance: { hints: false },
    stats: "errors-warnings",
  }),
].concat(assetConfigs);
