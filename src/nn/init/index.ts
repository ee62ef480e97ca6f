/**
 * Weight initializations, in place and seeded (PyTorch's `torch.nn.init`, camelCase):
 * `uniform_`, `normal_`, `constant_`, `zeros_`, `ones_`, `eye_` (IRNN), `xavierUniform_`,
 * `xavierNormal_`, `kaimingUniform_`, `kaimingNormal_`, `orthogonal_`, `npRnn_` (np-RNN).
 *
 * @example import { init } from "seqgrad"; init.orthogonal_(lstm.weight_hh_l0);
 */
export { uniform_, normal_, constant_, zeros_, ones_, eye_ } from "./basic";
export type { InitOptions } from "./basic";
export { calculateGain, xavierUniform_, xavierNormal_, kaimingUniform_, kaimingNormal_ } from "./fan";
export type { KaimingOptions, Nonlinearity } from "./fan";
export { orthogonal_ } from "./orthogonal";
export { npRnn_ } from "./np-rnn";
