"""Wrong answers that each exercise's check must reject (at least two per exercise, near misses
among them), keyed by notebook number and exercise. Each is the body that replaces the (first)
solution region of the answer cell, or a list of bodies, one per region (None keeps a region); the instructor's own solution is the right answer the check must accept.
`test/notebooks/test_notebooks.py` runs them through `scripts/execute_notebook.py`.
"""

WRONG = {
    "01": {
        "ex1": ["return { dLda: -3, dLdf: -2 };", "return { dLda: 3, dLdf: 2 };", "return { dLda: 30, dLdf: -2 };"],
        "ex2": ["return 27;", "return 81;", "return 54.1;"],
        "ex3": ["return w.map((z) => 1 / (1 + Math.exp(-z)));",
                "return w.map((z) => { const s = 1 / (1 + Math.exp(-z)); return z * s * (1 - s); });",
                "return w.map((z) => { const s = 1 / (1 + Math.exp(-z)); return s + z * s * (1 - s) * 1.001; });"],
        "ex4": ["return -4;", "return -2;", "return -2.5;"],
    },
    "02": {
        "ex1": ["return H * D + H * H + K * H;", "return H * D + H * H + 2 * H + K * H + K;", "return H * D + H * H + H + K * H;"],
        "ex2": ["const g = new Array(K).fill(0);\ntrained.ys.forEach((y) => y.data.forEach((p, k) => { g[k] += p; }));\nreturn g;",
                "const g = new Array(K).fill(0);\ntrained.ys.forEach((y, t) => y.data.forEach((p, k) => { g[k] += (p - (k === targets[t] ? 1 : 0)) / targets.length; }));\nreturn g;",
                "const y = trained.ys[trained.ys.length - 1];\nreturn Array.from(y.data, (p, k) => p - (k === targets[targets.length - 1] ? 1 : 0));"],
        "ex3": ["return { feedforward: 4, recurrent: 1 };", "return { feedforward: 5, recurrent: 3 };", "return { feedforward: 2, recurrent: 1 };"],
        "ex4": ['return ["many-to-one", "many-to-one", "many-to-many", "many-to-one"];',
                'return ["many-to-one", "one-to-many", "many-to-many", "many-to-many"];',
                'return ["many-to-one", "one-to-many", "many-to-many"];'],
    },
    "03": {
        "ex1": ["return 0.87;", "return 0.9;", "return 10 ** (-3) / 50;"],
        "ex2": ['return { rho: 2, fate: "explode" };', 'return { rho: 0.5, fate: "vanish" };', 'return { rho: 0.9, fate: "explode" };'],
        "ex3": ["const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));\nreturn g.map((v) => (norm === 0 ? 0 : v * (threshold / norm)));",
                "return g.map((v) => Math.max(-threshold, Math.min(threshold, v)));",
                "const norm = g.reduce((s, v) => s + Math.abs(v), 0);\nreturn norm > threshold ? g.map((v) => v * (threshold / norm)) : [...g];"],
    },
    "04": {
        "ex1": ["return { c: 2 + 0.5 * -0.4, h: 0.8 * Math.tanh(2 + 0.5 * -0.4) };",
                "return { c: 1.6, h: 0.8 * 1.6 };",
                "return { c: 1.6, h: 0.8 * Math.tanh(1.6) * 1.001 };"],
        "ex2": ["return { fForHalf: 0.995, leftWith09: 0.9 ** 100 };",
                "return { fForHalf: 0.993, leftWith09: 0.9 ** 100 };",
                "return { fForHalf: 0.5 ** (1 / 100), leftWith09: 0.9 ** 99 };"],
        "ex3": ["return 4 * (H * D + H * H + H);", "return 4 * (H * D + H * H) + 2 * H;", [None, "return 4 * (H * D + H * H + 2 * H);"]],
        "ex4": ['return (["RNN", "LSTM", "GRU"] as Cell[]).filter((k) => !(results[k].curve[results[k].curve.length - 1] < 1 / 12));',
                'const s = (["RNN", "LSTM", "GRU"] as Cell[]).filter((k) => results[k].curve[results[k].curve.length - 1] < 1 / 12);\n'
                'return s.includes("RNN") ? s.filter((k) => k !== "RNN") : [...s, "RNN"];'],
    },
    "05": {
        "ex1": ["return 0.6;", "return 1;", "return 1 / 3;"],
        "ex2": ["const n = w.shape[0];\nfor (let k = 0; k < n; k++) w.data[k * n + k] = g;",
                "w.data.fill(g);",
                "const n = w.shape[0];\nw.data.fill(0);\nfor (let k = 0; k < n; k++) w.data[k * n] = g;"],
        "ex3": ["return 13;", "return 15;", "return 20;"],
    },
    "06": {
        "ex1": ["return 2 * (3 * 20 * (10 + 20 + 2)) * 2;", "return 3 * 20 * (10 + 20 + 2) + 3 * 20 * (20 + 20 + 2);", "return 2 * (3 * 20 * (10 + 20 + 1)) + 2 * (3 * 20 * (2 * 20 + 20 + 1));"],
        "ex2": ["return { output: [7, 3, 4], h: [4, 3, 4] };", "return { output: [7, 3, 8], h: [2, 3, 4] };", "return { output: [3, 7, 8], h: [4, 3, 4] };"],
        "ex3": ["return { balanced: 4, chain: 16 };", "return { balanced: 8, chain: 15 };", "return { balanced: 5, chain: 15 };"],
    },
    "07": {
        "ex1": ["return 4;", "return Math.exp(-(Math.log(0.5) + Math.log(0.25) + Math.log(0.125) + Math.log(0.5)));", "return 3.36;"],
        "ex2": ["return Math.exp(2) / (Math.exp(2) + Math.exp(1) + 1);", "return Math.exp(1) / (Math.exp(1) + Math.exp(0.5) + 1);", "return 0.867;"],
        "ex3": ["return 488;", "return 490;", "return 15625;"],
    },
    "08": {
        "ex1": ["return { tgtIn: [7, 8, 9], tgtOut: [7, 8, 9] };", "return { tgtIn: [7, 8, 9, 2], tgtOut: [1, 7, 8, 9] };", "return { tgtIn: [1, 7, 8, 9, 2], tgtOut: [7, 8, 9, 2] };"],
        "ex2": ["return 0.3;", "return 0.4;", "return 0.35;"],
        "ex3": ["return 14;", "return 4;", "return 16;"],
    },
    "09": {
        "ex1": ["return 1 / 3;", "return 0.5;", "return Math.exp(1) / (Math.exp(1) + Math.exp(0) + Math.exp(2));"],
        "ex2": ["return [1, 1];", "const a1 = Math.exp(1) / (2 * Math.exp(1) + 1), a2 = 1 / (2 * Math.exp(1) + 1);\nreturn [a1, a2];", "return [0.8446, 0.5777];"],
        "ex3": ["return 32 * 64 + 32 * 128 + 32;", "return 32 * 64 + 32 * 128;", "return 64 * 128 + 32;"],
    },
    "10": {
        "ex1": ["return 300;", "return 103;", "return 100;"],
        "ex2": ["return 8;", "return 64;", "return 1.05;"],
        "ex3": ["return 15;", "return 36;", "return 30;"],
    },
}
