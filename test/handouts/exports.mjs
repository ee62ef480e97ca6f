// nbconvert's markdown and LaTeX exporters on the executed notebooks: every figure output must
// become an image file that the converted document links, that exists and decodes as a picture
// that is not blank, and the markdown must hold no inline <svg> (a figure bundle carries its PNG,
// not HTML, so the exporters write files instead of pasting markup).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { inflateSync } from "node:zlib";

const SEQGRAD_MIME = /^application\/vnd\.seqgrad\.[a-z]+\.v\d+\+json$/;
/** How each format links an image: `![png](file)`, `\adjustimage{...}{file}` (or `\includegraphics`). */
const LINKS = {
  markdown: /!\[[^\]]*\]\(([^)\s]+)\)/g,
  latex: /\\(?:adjustimage|includegraphics)(?:\[[^\]]*\])?\{(?:[^{}]|\{[^{}]*\})*\}(?:\{([^}]+)\})?/g,
};

/**
 * Converts `notebooks` to `format` ("markdown" or "latex") into `outDir` with one nbconvert process,
 * then checks each document; returns [{ stem, format, figures, images, problems }].
 */
export function checkExports(notebooks, format, outDir, { python = "/usr/bin/python3" } = {}) {
  mkdirSync(outDir, { recursive: true });
  // LaTeX: markdown cells left out, as converting them needs pandoc; figure outputs are what is checked
  const options = format === "latex" ? ["--TemplateExporter.exclude_markdown=True"] : [];
  const run = spawnSync(python, ["-m", "nbconvert", "--to", format, ...options, "--output-dir", outDir, ...notebooks], { encoding: "utf8" });
  if (run.status !== 0) return notebooks.map((nb) => ({ stem: basename(nb, ".ipynb"), format, figures: 0, images: 0, problems: [`nbconvert --to ${format} failed: ${(run.stderr ?? "").slice(-600)}`] }));
  return notebooks.map((nb) => checkOne(nb, format, outDir));
}

function checkOne(notebook, format, outDir) {
  const stem = basename(notebook, ".ipynb");
  const problems = [];
  const nb = JSON.parse(readFileSync(notebook, "utf8"));
  const figures = nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => Object.keys(o.data ?? {}).some((m) => SEQGRAD_MIME.test(m))).length;
  const doc = join(outDir, `${stem}.${format === "markdown" ? "md" : "tex"}`);
  if (!existsSync(doc)) return { stem, format, figures, images: 0, problems: [`nbconvert wrote no ${basename(doc)}`] };
  const text = readFileSync(doc, "utf8");
  const links = [...text.matchAll(LINKS[format])].map((m) => m[1]).filter((f) => f !== undefined);
  if (format === "markdown" && /<svg[\s>]/i.test(text)) problems.push("the markdown holds an inline <svg>");
  if (/data:image\//.test(text)) problems.push(`the ${format} embeds an image as a data: URL instead of a file`);
  if (links.length < figures) problems.push(`${figures} figure outputs but ${links.length} image links`);
  for (const link of links) {
    const file = join(outDir, decodeURIComponent(link));
    if (!existsSync(file)) problems.push(`${link}: the linked image file is missing`);
    else problems.push(...imageProblems(file).map((p) => `${link}: ${p}`));
  }
  return { stem, format, figures, images: links.length, problems };
}

/** Why the image file at `path` is not a picture that decodes and shows something ([] if it is). */
export function imageProblems(path) {
  const bytes = readFileSync(path);
  if (path.endsWith(".svg")) {
    const svg = bytes.toString("utf8");
    return /^<svg[\s>]/.test(svg.trimStart()) && svg.trimEnd().endsWith("</svg>") && /<(text|rect|path)\b/.test(svg) ? [] : ["not a complete SVG drawing"];
  }
  if (!path.endsWith(".png")) return ["not a PNG or SVG file"];
  try {
    const { width, height, channels, rows } = decodePng(bytes);
    if (width < 16 || height < 16) return [`a ${width} x ${height} PNG is too small to be a figure`];
    return blank(rows, width, height, channels) ? ["the PNG is blank"] : [];
  } catch (error) {
    return [`the PNG does not decode: ${error.message}`];
  }
}

/** Size, channels and unfiltered pixel rows of an 8-bit non-interlaced PNG; throws on a bad file. */
function decodePng(bytes) {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((b, i) => bytes[i] === b)) throw new Error("no PNG signature");
  let offset = 8;
  let header;
  const idat = [];
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString("ascii", offset + 4, offset + 8);
    if (offset + 12 + length > bytes.length) throw new Error(`chunk ${type} runs past the end`);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8], color: data[9], interlace: data[12] };
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
    if (type === "IEND") break;
  }
  if (header === undefined) throw new Error("no IHDR chunk");
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[header.color];
  if (header.depth !== 8 || channels === undefined || header.interlace !== 0) throw new Error(`unexpected format (depth ${header.depth}, colour type ${header.color})`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = header.width * channels;
  if (raw.length !== header.height * (stride + 1)) throw new Error(`${raw.length} bytes of pixel data for ${header.width} x ${header.height}`);
  return { width: header.width, height: header.height, channels, rows: unfilter(raw, header.height, stride, channels) };
}

/** The pixel rows of PNG data with each row's filter byte undone (filters 0-4 of the PNG spec). */
function unfilter(raw, height, stride, bpp) {
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[row - stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp] : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const predictor = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (predictor === undefined) throw new Error(`unknown row filter ${filter}`);
      out[row + x] = (raw[src + x] + predictor) & 255;
    }
  }
  return out;
}

/** Whether fewer than 0.2% of the pixels differ from the first one (an empty picture). */
function blank(rows, width, height, channels) {
  let differ = 0;
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < channels; c++) {
      if (rows[i * channels + c] !== rows[c]) {
        differ += 1;
        break;
      }
    }
  }
  return differ < 0.002 * width * height;
}
