import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import "../../src/backend";
import { ValueError } from "../../src/errors";
import { Generator } from "../../src/tensor/random";
import { beamFromRow } from "../../src/generate/beam-search";
import { randn, tensor, zeros, zerosLike, onesLike, ones, full, arange, linspace, eye, rand, randint } from "../../src/tensor";
import { grad, gradcheck, gradgradcheck } from "../../src/autograd";
import { data, functional, generate, init, io, loss, nn, optim, train, viz, display } from "../../src";

/**
 * Every exported function, method and constructor of src/ that takes an options object, found by
 * reading the sources, must reject an unknown key with a ValueError that names it. The scan below
 * lists them; each is either called in CASES with a misspelt option, or named in NOT_USER_OPTIONS
 * with the reason its options never come from a user. A new options-taking function fails this test
 * until it is added to one of the two.
 */

const SRC = join(__dirname, "..", "..", "src");
const TYPO = { typoOption: 1 } as never;

/** Every .ts file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** "file function" for every exported function, public method or constructor with an options parameter. */
function optionsTakers(): string[] {
  const found = new Set<string>();
  const takesOptions = (params: ts.NodeArray<ts.ParameterDeclaration>, sf: ts.SourceFile): boolean =>
    params.some((p) => /^(options|opts)$/.test(p.name.getText(sf)) || (p.type !== undefined && /Options\b/.test(p.type.getText(sf))) || ts.isObjectBindingPattern(p.name));
  const exported = (n: ts.Declaration): boolean => (ts.getCombinedModifierFlags(n) & ts.ModifierFlags.Export) !== 0;
  for (const path of sources(SRC)) {
    const sf = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true);
    const file = relative(SRC, path).split("\\").join("/");
    for (const st of sf.statements) {
      if (ts.isFunctionDeclaration(st) && st.name !== undefined && exported(st) && takesOptions(st.parameters, sf)) found.add(`${file} ${st.name.text}`);
      if (!ts.isClassDeclaration(st) || st.name === undefined || !exported(st)) continue;
      for (const m of st.members) {
        if (!(ts.isMethodDeclaration(m) || ts.isConstructorDeclaration(m)) || m.body === undefined) continue;
        if ((ts.getCombinedModifierFlags(m) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) !== 0) continue;
        const name = ts.isConstructorDeclaration(m) ? "constructor" : m.name.getText(sf);
        if (takesOptions(m.parameters, sf)) found.add(`${file} ${st.name.text}.${name}`);
      }
    }
  }
  return [...found].sort();
}

const x = () => randn([2, 3], { dtype: "float64" });
const opt = () => new optim.SGD([randn([2], { requiresGrad: true })], { lr: 0.1 });
const lm = () => new nn.RNNLM({ vocabSize: 6, hiddenSize: 4 });
const s2s = () => new nn.Seq2Seq({ srcVocabSize: 8, tgtVocabSize: 8, hiddenSize: 4 });
const vocab = () => data.Vocab.build([["a", "b"]]);
const session = () => s2s().decoding(tensor([[4, 5, 2]], { dtype: "int32" }), [3]);
const src = () => tensor([[4, 5, 2]], { dtype: "int32" });

/** [the name the error must start with, a call with a misspelt option]. */
const CASES: Record<string, [string, () => unknown]> = {
  "autograd/grad.ts grad": ["grad", () => { const a = x().requiresGrad_(); return grad(a.sum(), [a], TYPO); }],
  "autograd/gradcheck.ts gradcheck": ["gradcheck", () => gradcheck((a) => a.sum(), [x()], TYPO)],
  "autograd/gradgradcheck.ts gradgradcheck": ["gradgradcheck", () => gradgradcheck((a) => a.sum(), [x()], TYPO)],
  "data/corpus.ts loadTextCorpus": ["loadTextCorpus", () => data.loadTextCorpus(TYPO)],
  "data/corpus.ts textCorpus": ["textCorpus", () => data.textCorpus("abc", TYPO)],
  "data/dates.ts dateTask": ["dateTask", () => data.dateTask(TYPO)],
  "data/lm-batch.ts lmBatches": ["lmBatches", () => data.lmBatches([1, 2, 3], TYPO)],
  "data/sentence-pairs.ts loadSentencePairs": ["loadSentencePairs", () => data.loadSentencePairs(TYPO)],
  "data/sentence-pairs.ts pairCorpus": ["pairCorpus", () => data.pairCorpus([], TYPO)],
  "data/seq2seq-batch.ts seq2seqBatches": ["seq2seqBatches", () => data.seq2seqBatches([], TYPO)],
  "data/shapes.ts shapeScenes": ["shapeScenes", () => data.shapeScenes(TYPO)],
  "data/synthetic.ts addingProblem": ["addingProblem", () => data.addingProblem(TYPO)],
  "data/synthetic.ts symbolTask": ["symbolTask", () => data.symbolTask("reverse", TYPO)],
  "data/tokenize.ts charTokenize": ["charTokenize", () => data.charTokenize("ab", TYPO)],
  "data/tokenize.ts normalizeText": ["normalizeText", () => data.normalizeText("ab", TYPO)],
  "data/tokenize.ts tokenizer": ["tokenizer", () => data.tokenizer("word", TYPO)],
  "data/tokenize.ts wordTokenize": ["wordTokenize", () => data.wordTokenize("ab", TYPO)],
  "data/vocab.ts Vocab.build": ["Vocab.build", () => data.Vocab.build([["a"]], TYPO)],
  "data/vocab.ts Vocab.decode": ["Vocab.decode", () => vocab().decode([4], TYPO)],
  "data/vocab.ts Vocab.encode": ["Vocab.encode", () => vocab().encode(["a"], TYPO)],
  "functional/binary-cross-entropy.ts binaryCrossEntropy": ["binaryCrossEntropy", () => loss.binaryCrossEntropy(rand([2]), rand([2]), TYPO)],
  "functional/binary-cross-entropy.ts binaryCrossEntropyWithLogits": ["binaryCrossEntropyWithLogits", () => loss.binaryCrossEntropyWithLogits(rand([2]), rand([2]), TYPO)],
  "functional/cross-entropy.ts crossEntropy": ["crossEntropy", () => loss.crossEntropy(randn([2, 3]), [0, 1], TYPO)],
  "functional/kl-div.ts klDiv": ["klDiv", () => loss.klDiv(randn([2]), rand([2]), TYPO)],
  "functional/mse-loss.ts mseLoss": ["mseLoss", () => loss.mseLoss(rand([2]), rand([2]), TYPO)],
  "functional/multinomial.ts multinomial": ["multinomial", () => functional.multinomial(rand([3]), 1, TYPO)],
  "functional/nll-loss.ts nllLoss": ["nllLoss", () => loss.nllLoss(randn([2, 3]), [0, 1], TYPO)],
  "functional/perplexity.ts perplexity": ["perplexity", () => loss.perplexity(1, undefined, TYPO)],
  "functional/svd.ts svd": ["svd", () => functional.svd(x(), TYPO)],
  "functional/var.ts std": ["std", () => functional.std(x(), 0, TYPO)],
  "functional/var.ts variance": ["variance", () => functional.variance(x(), 0, TYPO)],
  "generate/beam-search.ts beamFromRow": ["beamFromRow", () => beamFromRow(session(), 0, TYPO)],
  "generate/beam-search.ts beamSearch": ["beamSearch", () => generate.beamSearch(s2s(), src(), [3], TYPO)],
  "generate/greedy.ts greedyDecode": ["greedyDecode", () => generate.greedyDecode(s2s(), src(), [3], TYPO)],
  "generate/greedy.ts greedyFrom": ["greedyFrom", () => generate.greedyFrom(session(), TYPO)],
  "generate/sample.ts sampleToken": ["sampleToken", () => generate.sampleToken([0, 1], TYPO, new Generator(0))],
  "generate/translate.ts translate": ["translate", () => generate.translate(s2s(), "a", { srcVocab: vocab(), tgtVocab: vocab(), tokenize: (t: string) => t.split(" "), typoOption: 1 } as never)],
  "io/checkpoint.ts loadCheckpoint": ["loadCheckpoint", () => io.loadCheckpoint("unused.safetensors", TYPO)],
  "io/safetensors.ts safetensorsChunks": ["toSafetensorsBytes", () => io.toSafetensorsBytes({ a: zeros([1]) }, TYPO)],
  "io/safetensors.ts saveSafetensors": ["toSafetensorsBytes", () => io.saveSafetensors("unused.safetensors", { a: zeros([1]) }, TYPO)],
  "io/safetensors.ts toSafetensorsBytes": ["toSafetensorsBytes", () => io.toSafetensorsBytes({ a: zeros([1]) }, TYPO)],
  "models/rnnlm.ts RNNLM.constructor": ["RNNLM", () => new nn.RNNLM({ vocabSize: 6, hiddenSize: 4, typoOption: 1 } as never)],
  "models/rnnlm.ts RNNLM.forward": ["RNNLM.forward", () => lm().forward(tensor([[1]], { dtype: "int32" }), undefined, TYPO)],
  "models/rnnlm.ts RNNLM.generate": ["RNNLM.generate", () => lm().generate(TYPO)],
  "models/rnnlm.ts RNNLM.perplexity": ["RNNLM.perplexity", () => lm().perplexity([1, 2, 3], TYPO)],
  "models/seq2seq/encoder.ts Seq2SeqEncoder.constructor": ["Seq2SeqEncoder", () => new nn.Seq2SeqEncoder({ vocabSize: 5, embeddingDim: 3, hiddenSize: 4, numLayers: 1, cell: "gru", bidirectional: false, dropout: 0, dtype: "float32", typoOption: 1 } as never)],
  "models/seq2seq/seq2seq.ts Seq2Seq.constructor": ["Seq2Seq", () => new nn.Seq2Seq({ srcVocabSize: 8, tgtVocabSize: 8, hiddenSize: 4, typoOption: 1 } as never)],
  "models/seq2seq/seq2seq.ts Seq2Seq.forward": ["Seq2Seq.forward", () => s2s().forward(src(), [3], src(), TYPO)],
  "models/seq2seq/seq2seq.ts Seq2Seq.loss": ["Seq2Seq.loss", () => s2s().loss({ src: src(), srcLengths: [3], tgtIn: src(), tgtOut: src() } as never, TYPO)],
  "models/tree-rnn.ts TreeRNN.constructor": ["TreeRNN", () => new nn.TreeRNN({ vocabSize: 5, hiddenSize: 4, typoOption: 1 } as never)],
  "models/vec2seq.ts Vec2Seq.constructor": ["Vec2Seq", () => new nn.Vec2Seq({ featureSize: 3, vocabSize: 5, hiddenSize: 4, typoOption: 1 } as never)],
  "nn/attention/additive-attention.ts AdditiveAttention.constructor": ["AdditiveAttention", () => new nn.AdditiveAttention(4, 4, TYPO)],
  "nn/attention/additive-attention.ts AdditiveAttention.forward": ["AdditiveAttention.forward", () => new nn.AdditiveAttention(4, 4).forward(randn([2, 4]), randn([2, 3, 4]), randn([2, 3, 4]), TYPO)],
  "nn/attention/dot-attention.ts DotAttention.forward": ["DotAttention.forward", () => new nn.DotAttention().forward(randn([2, 4]), randn([2, 3, 4]), randn([2, 3, 4]), TYPO)],
  "nn/attention/dot-attention.ts GeneralAttention.constructor": ["GeneralAttention", () => new nn.GeneralAttention(4, 4, TYPO)],
  "nn/attention/dot-attention.ts GeneralAttention.forward": ["GeneralAttention.forward", () => new nn.GeneralAttention(4, 4).forward(randn([2, 4]), randn([2, 3, 4]), randn([2, 3, 4]), TYPO)],
  "nn/attention/dot-attention.ts ScaledDotProductAttention.forward": ["ScaledDotProductAttention.forward", () => new nn.ScaledDotProductAttention().forward(randn([2, 4]), randn([2, 3, 4]), randn([2, 3, 4]), TYPO)],
  "nn/attention/multihead-attention.ts MultiheadAttention.constructor": ["MultiheadAttention", () => new nn.MultiheadAttention({ embedDim: 4, numHeads: 2, typoOption: 1 } as never)],
  "nn/attention/multihead-attention.ts MultiheadAttention.forward": ["MultiheadAttention.forward", () => { const q = randn([2, 1, 4]); return new nn.MultiheadAttention({ embedDim: 4, numHeads: 2 }).forward(q, q, q, TYPO); }],
  "nn/batch-norm.ts BatchNorm1d.constructor": ["BatchNorm1d", () => new nn.BatchNorm1d(3, TYPO)],
  "nn/conv2d.ts Conv2d.constructor": ["Conv2d", () => new nn.Conv2d(1, 1, 1, TYPO)],
  "nn/embedding.ts Embedding.constructor": ["Embedding", () => new nn.Embedding(3, 2, TYPO)],
  "nn/init/basic.ts normal_": ["normal_", () => init.normal_(zeros([2]), 0, 1, TYPO)],
  "nn/init/basic.ts uniform_": ["uniform_", () => init.uniform_(zeros([2]), 0, 1, TYPO)],
  "nn/init/fan.ts kaimingNormal_": ["kaimingNormal_", () => init.kaimingNormal_(zeros([2, 2]), TYPO)],
  "nn/init/fan.ts kaimingUniform_": ["kaimingUniform_", () => init.kaimingUniform_(zeros([2, 2]), TYPO)],
  "nn/init/fan.ts xavierNormal_": ["xavierNormal_", () => init.xavierNormal_(zeros([2, 2]), 1, TYPO)],
  "nn/init/fan.ts xavierUniform_": ["xavierUniform_", () => init.xavierUniform_(zeros([2, 2]), 1, TYPO)],
  "nn/init/np-rnn.ts npRnn_": ["npRnn_", () => init.npRnn_(zeros([2, 2]), TYPO)],
  "nn/init/orthogonal.ts orthogonal_": ["orthogonal_", () => init.orthogonal_(zeros([2, 2]), 1, TYPO)],
  "nn/layer-norm.ts LayerNorm.constructor": ["LayerNorm", () => new nn.LayerNorm(3, TYPO)],
  "nn/linear.ts Linear.constructor": ["Linear", () => new nn.Linear(3, 2, TYPO)],
  "nn/max-pool2d.ts MaxPool2d.constructor": ["MaxPool2d", () => new nn.MaxPool2d(2, TYPO)],
  "nn/module.ts Module.loadStateDict": ["Linear.loadStateDict", () => { const m = new nn.Linear(2, 2); return m.loadStateDict(m.stateDict(), TYPO); }],
  "nn/recurrent/gru-cell.ts GRUCell.constructor": ["GRUCell", () => new nn.GRUCell({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/gru.ts GRU.constructor": ["GRU", () => new nn.GRU({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/gru.ts GRU.forward": ["GRU.forward", () => new nn.GRU({ inputSize: 2, hiddenSize: 3 }).forward(randn([1, 1, 2]), null, TYPO)],
  "nn/recurrent/layer-norm-lstm-cell.ts LayerNormLSTMCell.constructor": ["LayerNormLSTMCell", () => new nn.LayerNormLSTMCell({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/lstm-cell.ts LSTMCell.constructor": ["LSTMCell", () => new nn.LSTMCell({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/lstm.ts LSTM.constructor": ["LSTM", () => new nn.LSTM({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/lstm.ts LSTM.forward": ["LSTM.forward", () => new nn.LSTM({ inputSize: 2, hiddenSize: 3 }).forward(randn([1, 1, 2]), null, TYPO)],
  "nn/recurrent/mgu-cell.ts MGUCell.constructor": ["MGUCell", () => new nn.MGUCell({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/mgu.ts MGU.constructor": ["MGU", () => new nn.MGU({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/mgu.ts MGU.forward": ["MGU.forward", () => new nn.MGU({ inputSize: 2, hiddenSize: 3 }).forward(randn([1, 1, 2]), null, TYPO)],
  "nn/recurrent/rnn-cell.ts RNNCell.constructor": ["RNNCell", () => new nn.RNNCell({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/rnn.ts RNN.constructor": ["RNN", () => new nn.RNN({ inputSize: 2, hiddenSize: 3, typoOption: 1 } as never)],
  "nn/recurrent/rnn.ts RNN.forward": ["RNN.forward", () => new nn.RNN({ inputSize: 2, hiddenSize: 3 }).forward(randn([1, 1, 2]), null, TYPO)],
  "nn/trace-steps.ts traceSteps": ["traceSteps", () => nn.traceSteps(new nn.LSTMCell({ inputSize: 2, hiddenSize: 3 }), TYPO)],
  "nn/transformer-encoder-layer.ts TransformerEncoderLayer.constructor": ["TransformerEncoderLayer", () => new nn.TransformerEncoderLayer({ dModel: 4, nhead: 2, typoOption: 1 } as never)],
  "nn/transformer-encoder-layer.ts TransformerEncoderLayer.forward": ["TransformerEncoderLayer.forward", () => new nn.TransformerEncoderLayer({ dModel: 4, nhead: 2 }).forward(randn([2, 1, 4]), TYPO)],
  "ops/conv2d.ts conv2d": ["conv2d", () => functional.conv2d(randn([1, 1, 2, 2]), randn([1, 1, 1, 1]), null, TYPO)],
  "ops/max-pool2d.ts maxPool2d": ["maxPool2d", () => functional.maxPool2d(randn([1, 1, 2, 2]), 2, TYPO)],
  "optim/adagrad.ts Adagrad.constructor": ["Adagrad", () => new optim.Adagrad([randn([1])], TYPO)],
  "optim/adam.ts Adam.constructor": ["Adam", () => new optim.Adam([randn([1])], TYPO)],
  "optim/adam.ts AdamW.constructor": ["AdamW", () => new optim.AdamW([randn([1])], TYPO)],
  "optim/clip-grad.ts clipGradNorm": ["clipGradNorm", () => optim.clipGradNorm([randn([1])], 1, 2, TYPO)],
  "optim/lambda-lr.ts LambdaLR.constructor": ["LambdaLR", () => new optim.LambdaLR(opt(), { lrLambda: () => 1, typoOption: 1 } as never)],
  "optim/lr-scheduler.ts CosineAnnealingLR.constructor": ["CosineAnnealingLR", () => new optim.CosineAnnealingLR(opt(), { tMax: 2, typoOption: 1 } as never)],
  "optim/lr-scheduler.ts ExponentialLR.constructor": ["ExponentialLR", () => new optim.ExponentialLR(opt(), { gamma: 0.5, typoOption: 1 } as never)],
  "optim/lr-scheduler.ts StepLR.constructor": ["StepLR", () => new optim.StepLR(opt(), { stepSize: 2, typoOption: 1 } as never)],
  "optim/reduce-lr-on-plateau.ts ReduceLROnPlateau.constructor": ["ReduceLROnPlateau", () => new optim.ReduceLROnPlateau(opt(), TYPO)],
  "optim/rmsprop.ts RMSprop.constructor": ["RMSprop", () => new optim.RMSprop([randn([1])], TYPO)],
  "optim/sgd.ts SGD.constructor": ["SGD", () => new optim.SGD([randn([1])], { lr: 0.1, typoOption: 1 } as never)],
  "runtime/display.ts display": ["display", () => display(1, TYPO)],
  "tensor/creation.ts arange": ["arange", () => arange(0, 2, 1, TYPO)],
  "tensor/creation.ts eye": ["eye", () => eye(2, 2, TYPO)],
  "tensor/creation.ts full": ["full", () => full([2], 1, TYPO)],
  "tensor/creation.ts linspace": ["linspace", () => linspace(0, 1, 2, TYPO)],
  "tensor/creation.ts ones": ["ones", () => ones([2], TYPO)],
  "tensor/creation.ts onesLike": ["onesLike", () => onesLike(zeros([2]), TYPO)],
  "tensor/creation.ts rand": ["rand", () => rand([2], TYPO)],
  "tensor/creation.ts randint": ["randint", () => randint(0, 2, [2], TYPO)],
  "tensor/creation.ts randn": ["randn", () => randn([2], TYPO)],
  "tensor/creation.ts tensor": ["tensor", () => tensor([1], TYPO)],
  "tensor/creation.ts zeros": ["zeros", () => zeros([2], TYPO)],
  "tensor/creation.ts zerosLike": ["zerosLike", () => zerosLike(zeros([2]), TYPO)],
  "tensor/tensor.ts Tensor.backward": ["backward", () => x().requiresGrad_().sum().backward(TYPO)],
  "tensor/tensor.ts Tensor.std": ["std", () => x().std(0, TYPO)],
  "tensor/tensor.ts Tensor.var": ["variance", () => x().var(0, TYPO)],
  "train/train.ts train": ["train", () => train.train({ model: new nn.Linear(1, 1), data: [], loss: () => zeros([]), typoOption: 1 } as never)],
  "train/history.ts EarlyStopping.constructor": ["EarlyStopping", () => new train.EarlyStopping(TYPO)],
  "train/metrics.ts tokenAccuracy": ["tokenAccuracy", () => train.tokenAccuracy(randn([2, 3]), tensor([0, 1], { dtype: "int32" }), TYPO)],
  "viz/attention.ts attentionFigure": ["viz.attention", () => viz.attention(rand([1, 1]), { source: ["a"], target: ["b"], typoOption: 1 } as never)],
  "viz/curves.ts TrainingCurves.constructor": ["TrainingCurves", () => new viz.TrainingCurves(TYPO)],
  "viz/curves.ts curves": ["TrainingCurves", () => viz.curves(TYPO)],
  "viz/gates.ts gatesFigure": ["viz.gates", () => viz.gates({ f: rand([2, 1, 3]) }, TYPO)],
  "viz/gradflow.ts gradflowFigure": ["viz.gradflow", () => viz.gradflow([], TYPO)],
  "viz/gradient-flow.ts measureGradientFlow": ["viz.measureGradientFlow", () => viz.measureGradientFlow(x().requiresGrad_().sum(), TYPO)],
  "viz/graph.ts graphFigure": ["viz.graph", () => viz.graph(x(), TYPO)],
  "viz/image.ts imageFigure": ["viz.image", () => viz.image(rand([3, 2, 2]), TYPO)],
  "viz/plot.ts bar": ["viz.bar", () => viz.bar({ a: 1 }, TYPO)],
  "viz/plot.ts heatmap": ["viz.heatmap", () => viz.heatmap(rand([2, 2]), TYPO)],
  "viz/plot.ts line": ["viz.line", () => viz.line({ y: [1, 2] }, TYPO)],
  "viz/plot.ts scatter": ["viz.scatter", () => viz.scatter({ x: [1], y: [2] }, TYPO)],
  "viz/spectrum.ts spectrumFigure": ["viz.spectrum", () => viz.spectrum(rand([2, 2]), TYPO)],
  "viz/tensor.ts tensorFigure": ["viz.tensor", () => viz.tensor(x(), TYPO)],
  "viz/unrolled.ts unrolledFigure": ["viz.unrolled", () => viz.unrolled(x().requiresGrad_().sum(), TYPO)],
};

/** Folders of internals whose options objects come from validated payloads or the figure functions. */
const INTERNAL_FOLDERS: Record<string, string> = {
  "viz/data/": "axis building inside the figure functions",
  "viz/layout/": "graph layout inside viz.graph and viz.unrolled",
  "viz/payloads/": "payload validation, not options objects",
  "viz/svg/": "SVG drawing from a validated payload",
};

/** Options objects that only the library builds, from options a user gave and the library checked. */
const NOT_USER_OPTIONS: Record<string, string> = {
  "known-options.ts checkKnownOptions": "the check itself",
  "viz/unrolled-look.ts placed": "the style of a label, which viz.unrolled builds itself",
  "autograd/backward.ts backwardPassOptions": "the check of backward's options",
  "autograd/backward.ts runBackward": "called by backward and grad after their checks",
  "backend/wasm/index.ts createWasmBackend": "backend construction at start-up",
  "generate/sample.ts checkSampleOptions": "the check of sampleToken's and generate's options",
  "models/seq2seq/decoder.ts Seq2SeqDecoder.constructor": "built by Seq2Seq from its checked options",
  "models/seq2seq/recurrent.ts makeRecurrent": "built by Seq2Seq and Vec2Seq from their checked options",
  "nn/attention/attend.ts attentionMask": "the check of the attention modules' forward options",
  "nn/options.ts checkSizeOptions": "the check of the recurrent modules' options",
  "nn/recurrent/cell-base.ts CellBase.constructor": "abstract base; each cell checks its options",
  "nn/recurrent/parameter-names.ts configuredParameters": "takes a layer class, not options (its parameter `layer` is typed by the options type)",
  "nn/recurrent/rnn-base.ts RNNBase.constructor": "abstract base; each layer checks its options",
  "nn/recurrent/rnn.ts nonlinearityOf": "reads an option RNN and RNNCell already checked",
  "nn/recurrent/validate.ts checkForwardOptions": "the check of the recurrent layers' forward options",
  "nn/state-dict.ts loadStateDictInto": "called by Module.loadStateDict after its check",
  "train/train-options.ts checkTrainOptions": "the check of train's options",
};

describe("every options object is checked", () => {
  it("lists every exported function, method and constructor of src that takes options, here or as not a user's", () => {
    const listed = [...Object.keys(CASES), ...Object.keys(NOT_USER_OPTIONS)].sort();
    const found = optionsTakers().filter((name) => !Object.keys(INTERNAL_FOLDERS).some((folder) => name.startsWith(folder)));
    expect(found.filter((name) => !listed.includes(name)), "options-taking functions missing from this test").toEqual([]);
    expect(listed.filter((name) => !found.includes(name)), "names here that the sources no longer have").toEqual([]);
  });

  it.each(Object.entries(CASES))("%s rejects a misspelt option with a ValueError naming it", async (_, [owner, call]) => {
    const run = async (): Promise<unknown> => call();
    await expect(run()).rejects.toThrow(ValueError);
    await expect(run()).rejects.toThrow(new RegExp(`^${owner.replace(".", "\\.")}: unknown option "typoOption"; expected one of `));
  });

  it("suggests the nearest option: another spelling, a prefix, or a few edits away", () => {
    expect(() => loss.crossEntropy(randn([2, 3]), [0, 1], { ignore_index: 0 } as never)).toThrow(/got ignore_index \(did you mean "ignoreIndex"\?\)$/);
    expect(() => new nn.LSTM({ inputSize: 2, hidden: 3 } as never)).toThrow(/\(did you mean "hiddenSize"\?\)$/);
    expect(() => functional.variance(x(), 0, { keepDims: true } as never)).toThrow(/^variance: unknown option "keepDims"; expected one of correction, keepdim, got keepDims \(did you mean "keepdim"\?\)$/);
    expect(() => data.lmBatches([1, 2], { batch: 2, btpt: 3 } as never)).toThrow(/unknown options "batch", "btpt"; .* \(did you mean "batchSize" for "batch", "bptt" for "btpt"\?\)$/);
    expect(() => init.uniform_(zeros([2]), 0, 1, { seed: 1 } as never)).toThrow(/^uniform_: unknown option "seed"; expected one of generator, got seed$/);
  });
});
