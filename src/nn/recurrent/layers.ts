/**
 * The recurrent layers as the package exports them (`nn.RNN`, `nn.LSTM`, `nn.GRU`, `nn.MGU`): each
 * is its class (rnn.ts, lstm.ts, gru.ts, mgu.ts), with a constructor type under which a layer's
 * parameter properties follow its options (parameter-names.ts). `instanceof nn.LSTM` and the type
 * `nn.LSTM` work as with a class; `nn.LSTM<typeof options>` names a configured layer.
 */
import { GRU as GRULayer } from "./gru";
import { LSTM as LSTMLayer } from "./lstm";
import { MGU as MGULayer } from "./mgu";
import { configuredParameters } from "./parameter-names";
import type { Configured } from "./parameter-names";
import { RNN as RNNLayer } from "./rnn";
import type { RNNOptions } from "./rnn";
import type { RecurrentOptions } from "./rnn-base";

/**
 * A multi-layer Elman RNN (PyTorch's `nn.RNN`). For each layer and step:
 *
 *   h_t = tanh(W_xh x_t + b_ih + W_hh h_{t-1} + b_hh)        (ReLU with nonlinearity "relu")
 *
 * Where (one layer, one direction; D = inputSize, or H * directions above layer 0):
 * - x_t [B, D]: input of step t; h_t [B, H]: hidden state, h_{-1} = h0 (zeros by default)
 * - W_xh = `weight_ih_l{k}` [H, D], W_hh = `weight_hh_l{k}` [H, H], b_ih, b_hh = `bias_ih_l{k}`, `bias_hh_l{k}` [H]
 *
 * Slide to code: the lecture's single bias b_h is b_ih + b_hh; `_reverse` names the backward
 * direction of a bidirectional layer. Inputs: x [T, B, D] ([B, T, D] with batchFirst, [T, D]
 * unbatched), h0 [numLayers*directions, B, H]. Returns `{ output, h }`: output [T, B, directions*H]
 * (the last layer's h_t for every t), h [numLayers*directions, B, H] (each layer's final state).
 * Init: U(-1/sqrt(H), 1/sqrt(H)). Deep Learning for Engineers, lecture 11 (vanilla RNN, IRNN).
 *
 * Parameter properties are typed by the options of the call (`numLayers: 2` types `weight_hh_l1`,
 * `bidirectional: true` the `_reverse` ones; see `RecurrentParameters`); `layer.param("weight_hh", k,
 * "reverse")` reaches any of them when the options are known only at run time.
 *
 * @example
 * const rnn = new nn.RNN({ inputSize: 10, hiddenSize: 20, numLayers: 2 });
 * const { output, h } = rnn.forward(randn([5, 3, 10])); // [5, 3, 20], [2, 3, 20]
 */
export const RNN = configuredParameters(RNNLayer);
// The type nn.RNN<O>: an nn.RNN built with options of type O (its parameter properties follow them).
export type RNN<O extends RNNOptions = RNNOptions> = Configured<RNNLayer, O>;

/**
 * A multi-layer LSTM (PyTorch's `nn.LSTM`, Hochreiter and Schmidhuber 1997, with forget gate).
 * For each layer and step:
 *
 *   i_t = s(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)      input gate
 *   f_t = s(W_if x_t + b_if + W_hf h_{t-1} + b_hf)      forget gate
 *   g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)   candidate (the slides' c~_t)
 *   o_t = s(W_io x_t + b_io + W_ho h_{t-1} + b_ho)      output gate
 *   c_t = f_t * c_{t-1} + i_t * g_t,   h_t = o_t * tanh(c_t)
 *
 * Where x_t [B, D], h_t, c_t and the gates [B, H]; `weight_ih_l{k}` [4H, D] packs W_ii|W_if|W_ig|W_io
 * (the slides' W_xi, W_xf, W_xc, W_xo), `weight_hh_l{k}` [4H, H] packs W_hi|W_hf|W_hg|W_ho,
 * `bias_ih_l{k}` and `bias_hh_l{k}` [4H] (their sum is the slides' b_i|b_f|b_c|b_o).
 * Inputs: x [T, B, D] ([B, T, D] with batchFirst, [T, D] unbatched), state `{ h, c }`
 * [numLayers*directions, B, H] (zeros by default). Returns `{ output, h, c }`, output
 * [T, B, directions*H]. Init: U(-1/sqrt(H), 1/sqrt(H)). Lecture: gated recurrent units.
 *
 * Parameter properties are typed by the options of the call: `new nn.LSTM({ inputSize: 4,
 * hiddenSize: 8, numLayers: 2, bidirectional: true })` has `weight_hh_l1` and `weight_ih_l0_reverse`;
 * `lstm.param("weight_hh", k, "reverse")` reaches any of them when the options are known only at run time.
 *
 * @example
 * const lstm = new nn.LSTM({ inputSize: 64, hiddenSize: 256, batchFirst: true });
 * const { output, h, c } = lstm.forward(x); // x [32, 64, 64] -> output [32, 64, 256]
 */
export const LSTM = configuredParameters(LSTMLayer);
// The type nn.LSTM<O>: an nn.LSTM built with options of type O (its parameter properties follow them).
export type LSTM<O extends RecurrentOptions = RecurrentOptions> = Configured<LSTMLayer, O>;

/**
 * A multi-layer GRU (PyTorch's `nn.GRU`, Cho et al. 2014). For each layer and step:
 *
 *   r_t = s(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
 *   z_t = s(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 *   n_t = tanh(W_in x_t + b_in + r_t * (W_hn h_{t-1} + b_hn))
 *   h_t = (1 - z_t) * n_t + z_t * h_{t-1}
 *
 * Where x_t [B, D], h_t, r_t, z_t, n_t [B, H]; `weight_ih_l{k}` [3H, D] packs W_ir|W_iz|W_in,
 * `weight_hh_l{k}` [3H, H] packs W_hr|W_hz|W_hn, `bias_ih_l{k}`, `bias_hh_l{k}` [3H] likewise.
 *
 * Slide to code: the lectures write g_t = tanh(U_g x_t + W_g (r_t * h_{t-1}) + b_g) and
 * h_t = z_t * g_t + (1 - z_t) * h_{t-1}. PyTorch (and this library, for weight compatibility)
 * applies r_t after the matrix product, r_t * (W_hn h_{t-1} + b_hn), and lets z_t keep the old
 * state, so the lecture's z_t is our 1 - z_t; U_g is W_in, W_g is W_hn, g_t is n_t.
 * Inputs, outputs and options as `RNN`; see `GRUCell` for one step. Lecture: gated recurrent units.
 *
 * Parameter properties are typed by the options of the call (`numLayers: 2` types `weight_hh_l1`,
 * `bidirectional: true` the `_reverse` ones; see `RecurrentParameters`); `layer.param("weight_hh", k,
 * "reverse")` reaches any of them when the options are known only at run time.
 *
 * @example const { output, h } = new nn.GRU({ inputSize: 8, hiddenSize: 16 }).forward(x);
 */
export const GRU = configuredParameters(GRULayer);
// The type nn.GRU<O>: an nn.GRU built with options of type O (its parameter properties follow them).
export type GRU<O extends RecurrentOptions = RecurrentOptions> = Configured<GRULayer, O>;

/**
 * A multi-layer minimal gated unit (MGU, Zhou et al. 2016): a GRU with one gate. For each layer
 * and step:
 *
 *   f_t = s(W_f x_t + U_f h_{t-1} + b_f)                    forget gate
 *   h~_t = tanh(W_h x_t + U_h (f_t * h_{t-1}) + b_h)        candidate
 *   h_t = (1 - f_t) * h_{t-1} + f_t * h~_t
 *
 * Where x_t [B, D], h_t, f_t, h~_t [B, H]; `weight_ih_l{k}` [2H, D] packs W_f|W_h,
 * `weight_hh_l{k}` [2H, H] packs U_f|U_h, `bias_ih_l{k}` and `bias_hh_l{k}` [2H] likewise (b_f is
 * the sum of their first blocks, b_h of their second). PyTorch has no MGU; the names follow its
 * RNN template, so the state dict has the same keys as a GRU's with two blocks instead of three.
 * Runs on the composed path (no fused kernel; `fused: true` is an error).
 * Inputs, outputs and options as `GRU`; see `MGUCell` for one step. Lecture: gated recurrent units.
 *
 * Parameter properties are typed by the options of the call (`numLayers: 2` types `weight_hh_l1`,
 * `bidirectional: true` the `_reverse` ones; see `RecurrentParameters`); `layer.param("weight_hh", k,
 * "reverse")` reaches any of them when the options are known only at run time.
 *
 * @example const { output, h } = new nn.MGU({ inputSize: 8, hiddenSize: 16, bidirectional: true }).forward(x);
 */
export const MGU = configuredParameters(MGULayer);
// The type nn.MGU<O>: an nn.MGU built with options of type O (its parameter properties follow them).
export type MGU<O extends RecurrentOptions = RecurrentOptions> = Configured<MGULayer, O>;
