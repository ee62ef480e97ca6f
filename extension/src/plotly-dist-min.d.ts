/** Types for the prebuilt plotly bundle: the subset described in `draw/plotly.ts`. */
declare module "plotly.js-dist-min" {
  import type { PlotlyApi } from "./draw/plotly";
  const Plotly: PlotlyApi;
  export default Plotly;
}
