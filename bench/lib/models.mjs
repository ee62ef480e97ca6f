// The models of the training-step configurations, built with any copy of the seqgrad package
// (`lib`): the Node worker's `require("seqgrad")`, another build, or the ESM build in a browser
// page (bench/browser-steps.mjs). No Node built-ins here, so the same file runs in Chromium.

export function crossEntropy(lib) {
  return lib.functional?.crossEntropy ?? lib.loss?.crossEntropy;
}

function rnnModule(lib, c, inputSize, numLayers = 1) {
  const Cls = lib.nn[c.cell.toUpperCase()];
  return new Cls({ inputSize, hiddenSize: c.hidden, numLayers });
}

function ids(lib, vocab, shape) {
  return lib.randint(0, vocab, shape, { dtype: "int32" });
}

/** char-LM: ids [T, B] -> logits [T*B, V]. */
function languageModel(lib, c) {
  const emb = new lib.nn.Embedding(c.vocab, c.emb);
  const rnn = rnnModule(lib, c, c.emb, c.layers);
  const out = new lib.nn.Linear(c.hidden, c.vocab);
  const x = ids(lib, c.vocab, [c.seq, c.batch]);
  const y = ids(lib, c.vocab, [c.seq * c.batch]);
  const ce = crossEntropy(lib);
  const loss = () => {
    const { output } = rnn.forward(emb.forward(x));
    const logits = out.forward(output);
    return ce(lib.reshape(logits, [c.seq * c.batch, c.vocab]), y);
  };
  return { modules: [emb, rnn, out], loss };
}

/** GRU encoder-decoder, Luong dot attention (no input feeding), teacher forcing. */
function seq2seq(lib, c) {
  const srcEmb = new lib.nn.Embedding(c.srcVocab, c.emb);
  const tgtEmb = new lib.nn.Embedding(c.tgtVocab, c.emb);
  const encoder = rnnModule(lib, c, c.emb);
  const decoder = rnnModule(lib, c, c.emb);
  const combine = new lib.nn.Linear(2 * c.hidden, c.hidden);
  const out = new lib.nn.Linear(c.hidden, c.tgtVocab);
  const attention = new lib.nn.DotAttention();
  const src = ids(lib, c.srcVocab, [c.srcLen, c.batch]);
  const tgtIn = ids(lib, c.tgtVocab, [c.tgtLen, c.batch]);
  const tgtOut = lib.reshape(lib.transpose(ids(lib, c.tgtVocab, [c.tgtLen, c.batch]), 0, 1), [c.batch * c.tgtLen]);
  const ce = crossEntropy(lib);
  const loss = () => {
    const enc = encoder.forward(srcEmb.forward(src));
    const dec = decoder.forward(tgtEmb.forward(tgtIn), enc.h);
    const encB = lib.transpose(enc.output, 0, 1); // [B, S, H]
    const decB = lib.transpose(dec.output, 0, 1); // [B, T, H]
    const ctx = attention.forward(decB, encB, encB).context; // softmax(decB encB^T) encB, [B, T, H]
    const combined = lib.tanh(combine.forward(lib.cat([ctx, decB], -1)));
    const logits = out.forward(combined); // [B, T, V]
    return ce(lib.reshape(logits, [c.batch * c.tgtLen, c.tgtVocab]), tgtOut);
  };
  return { modules: [srcEmb, tgtEmb, encoder, decoder, combine, out], loss };
}

/**
 * The model of configuration `c`: its modules, a loss closure over its fixed batch, and Adam.
 * `lib` is the seqgrad package to build it with.
 */
export function model(c, lib) {
  const { modules, loss } = c.kind === "lm" ? languageModel(lib, c) : seq2seq(lib, c);
  const params = modules.flatMap((m) => [...m.parameters()]);
  return { modules, loss, opt: new lib.optim.Adam(params, { lr: 1e-3 }) };
}

