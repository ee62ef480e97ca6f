// Extra webpack settings merged by `build-labextension`: plotly's prebuilt, already minified
// bundle gets its own chunk ("plotly") that is neither parsed nor minified again; doing either
// would dominate the build time.
const TerserPlugin = require("terser-webpack-plugin");

module.exports = {
  module: {
    noParse: /plotly\.js-dist-min[\\/]plotly\.min\.js$/,
  },
  optimization: {
    splitChunks: {
      cacheGroups: {
        plotly: { test: /[\\/]plotly\.js-dist-min[\\/]/, name: "plotly", chunks: "all", enforce: true, priority: 50 },
      },
    },
    minimizer: [new TerserPlugin({ exclude: /^plotly\./ })],
  },
};
