/**
 * The site's files: the course notebooks and their data under dist/files/, and the listings
 * JupyterLite's in-browser drive reads (`api/contents/<folder>/all.json`: one contents model per
 * entry, without content). A student's edits are kept by the browser (IndexedDB), over these.
 */
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";

const MIME = { ".ipynb": "application/x-ipynb+json", ".txt": "text/plain", ".tsv": "text/tab-separated-values", ".md": "text/markdown", ".json": "application/json" };

/** Whether a file of the notebooks folder belongs on the site. */
function published(name) {
  return !name.startsWith(".") && name !== "package.json" && name !== "node_modules";
}

function model(folder, name, stats) {
  const path = folder === "" ? name : `${folder}/${name}`;
  const time = stats.mtime.toISOString();
  if (stats.isDirectory()) {
    return { name, path, type: "directory", format: null, mimetype: null, size: null, writable: true, created: time, last_modified: time, content: null };
  }
  const notebook = name.endsWith(".ipynb");
  return {
    name,
    path,
    type: notebook ? "notebook" : "file",
    format: null,
    mimetype: MIME[extname(name)] ?? "application/octet-stream",
    size: stats.size,
    writable: true,
    created: time,
    last_modified: time,
    content: null,
  };
}

/** Copies `source` (the notebooks folder) to `site`/files and writes the listings; returns the file count. */
export function writeContents(source, site, folder = "") {
  const from = join(source, folder);
  const filesDir = join(site, "files", folder);
  const apiDir = join(site, "api", "contents", folder);
  mkdirSync(filesDir, { recursive: true });
  mkdirSync(apiDir, { recursive: true });
  const entries = [];
  let count = 0;
  for (const name of readdirSync(from).sort()) {
    if (!published(name)) continue;
    const stats = statSync(join(from, name));
    entries.push(model(folder, name, stats));
    if (stats.isDirectory()) count += writeContents(source, site, folder === "" ? name : `${folder}/${name}`);
    else {
      copyFileSync(join(from, name), join(filesDir, name));
      count += 1;
    }
  }
  const listing = { ...model(folder, "", statSync(from)), name: folder.split("/").pop() ?? "", path: folder, type: "directory", content: entries };
  writeFileSync(join(apiDir, "all.json"), JSON.stringify(listing));
  return count;
}
