import { describe, expect, it } from "vitest";
import { MIME_TYPES, decodeNumber, encodeNumber, kindOfMime, validatePayload } from "../../src/viz/payloads";
import { tensor, viz } from "../../src";

const spectrum: Record<string, unknown> = JSON.parse(JSON.stringify(viz.spectrum(tensor([[0.5, 0.1], [-0.1, 0.5]]), { name: "W_hh" }).payload));

describe("validatePayload", () => {
  it("accepts a well-formed payload and returns it", () => {
    const r = validatePayload(MIME_TYPES.spectrum, spectrum);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.payload.kind).toBe("spectrum");
  });

  it("rejects an unknown MIME type, naming the known ones", () => {
    const r = validatePayload("application/json", spectrum);
    expect(r).toEqual({ ok: false, error: expect.stringContaining("application/vnd.seqgrad.tensor.v1+json") });
  });

  it("rejects a payload of the wrong kind or version", () => {
    expect(validatePayload(MIME_TYPES.tensor, spectrum)).toEqual({ ok: false, error: 'tensor.kind: expected "tensor", got "spectrum"' });
    expect(validatePayload(MIME_TYPES.spectrum, { ...spectrum, version: 2 })).toEqual({ ok: false, error: "spectrum.version: expected 1, got 2" });
  });

  it("names the path of the first bad field", () => {
    const bad = { ...spectrum, eigenvalues: [{ re: 0.5, im: "x" }, { re: 0.5, im: 0 }] };
    expect(validatePayload(MIME_TYPES.spectrum, bad)).toEqual({ ok: false, error: 'spectrum.eigenvalues[0].im: expected a finite number, got "x"' });
  });

  it("checks that series lengths agree", () => {
    const live = viz.curves({ live: false, smoothing: 0 });
    [1, 2, 3].forEach((step) => live.log(step, { train_loss: step === 2 ? NaN : 1 / step }));
    const curves = JSON.parse(JSON.stringify(live.figure().payload));
    expect(validatePayload(MIME_TYPES.curves, curves).ok).toBe(true);
    curves.series[0].y.pop();
    const r = validatePayload(MIME_TYPES.curves, curves);
    expect(r).toEqual({ ok: false, error: "curves.series[0].y: expected 3 values, got an array of 2" });
  });

  it("checks that edges point at existing nodes", () => {
    const node = { id: "a", kind: "op", label: "add", shape: [], dtype: "float32", scope: null, value: null, grad: null, hiddenInputs: 0, x: 0, y: 0, width: 10, height: 10, fill: "#fff", stroke: "#000", rx: 3, lines: [], tooltip: ["add"] };
    const graph = { kind: "graph", version: 1, subtitle: "1 nodes", width: 10, height: 10, totalNodes: 1, nodes: [node], edgeColor: "#888", legend: [], note: "", edges: [{ id: "e", source: "a", target: "b", inputIndex: 0, points: [], head: [] }] };
    expect(validatePayload(MIME_TYPES.graph, graph)).toEqual({ ok: false, error: 'graph.edges[0].target: expected the id of an existing item, got "b"' });
  });
});

describe("payload schemas", () => {
  const graph = (): Record<string, unknown> => JSON.parse(JSON.stringify(viz.graph(tensor([1, 2], { requiresGrad: true }).mul(2).sum()).payload));

  it("name a missing field by its path", () => {
    const p = graph();
    delete (p.nodes as Array<Record<string, unknown>>)[1]?.tooltip;
    expect(validatePayload(MIME_TYPES.graph, p)).toEqual({ ok: false, error: "graph.nodes[1].tooltip: expected a value, got nothing" });
  });

  it("check rules across fields, such as an axis range that runs backwards", () => {
    const bad = { ...spectrum, xAxis: { ...(spectrum.xAxis as object), range: [1, -1] } };
    expect(validatePayload(MIME_TYPES.spectrum, bad)).toEqual({ ok: false, error: "spectrum.xAxis.range: expected lo < hi (and 0 < lo on a log axis), got an array of 2" });
  });

  it("allow fields they do not know and leave them out of the result", () => {
    const r = validatePayload(MIME_TYPES.graph, { ...graph(), addedLater: [1, 2] });
    expect(r.ok && "addedLater" in r.payload).toBe(false);
    expect(r.ok).toBe(true);
  });
});

describe("JSON numbers", () => {
  it("round-trip NaN and infinities through strings", () => {
    for (const v of [1.5, NaN, Infinity, -Infinity]) expect(decodeNumber(encodeNumber(v))).toBe(v);
    expect(JSON.stringify([NaN, Infinity].map(encodeNumber))).toBe('["NaN","Infinity"]');
  });

  it("map every MIME type back to its kind", () => {
    for (const [kind, mime] of Object.entries(MIME_TYPES)) expect(kindOfMime(mime)).toBe(kind);
  });
});

describe("the gates payload's cell", () => {
  const gates = viz.gates({ gate_i: tensor([[[0.1, 0.9]], [[0.5, 0.4]]]), gate_f: tensor([[[0.2, 0.3]], [[0.7, 0.6]]]) }).payload;

  it("is free-form, so a new recurrent cell needs no edit of the payload types or validators", () => {
    expect(gates.cell).toBe("lstm");
    expect(validatePayload(MIME_TYPES.gates, { ...gates, cell: "indrnn" })).toEqual({ ok: true, payload: { ...gates, cell: "indrnn" } });
  });

  it("must still be a short lower-case name", () => {
    const r = validatePayload(MIME_TYPES.gates, { ...gates, cell: "<b>LSTM</b>" });
    expect(r).toEqual({ ok: false, error: 'gates.cell: expected a cell name in lower case (lstm, gru, ...), got "<b>LSTM</b>"' });
    expect(validatePayload(MIME_TYPES.gates, { ...gates, cell: 3 }).ok).toBe(false);
  });
});
