export { noGrad, isGradEnabled, setGradEnabled } from "./grad-mode";
export { detectAnomaly } from "./anomaly";
export { withScope, currentScope } from "./scope";
export type { ScopeTags } from "./scope";
export { GradNode } from "./node";
export type { BackwardFn } from "./node";
export type { BackwardOptions } from "./backward";
export { gradcheck, GradcheckError } from "./gradcheck";
export type { GradcheckOptions, GradcheckReport, GradcheckInputReport } from "./gradcheck";
