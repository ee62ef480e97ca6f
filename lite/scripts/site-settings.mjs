/**
 * The settings JupyterLite's in-browser settings service reads: `build/schemas/all.json`, one entry
 * per plugin with its schema (from the schemas JupyterLab's builder copied) and no user settings.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/** The plugin schemas: <package>/<plugin>.json below `root` (files at the top are listings). */
function schemaFiles(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return schemaFiles(path, root);
    return name.endsWith(".json") && dir !== root ? [path] : [];
  });
}

/** Writes all.json under `schemasDir`; returns the number of plugins. */
export function writeSettings(schemasDir) {
  const plugins = [];
  for (const file of schemaFiles(schemasDir)) {
    const rel = relative(schemasDir, file).split("\\").join("/");
    // <package>/<plugin>.json, where the package may be scoped (@scope/name)
    const parts = rel.split("/");
    const plugin = parts.pop().replace(/\.json$/, "");
    const pkg = parts.join("/");
    const versionFile = join(schemasDir, pkg, "package.json.orig");
    const version = existsSync(versionFile) ? JSON.parse(readFileSync(versionFile, "utf8")).version : "0.0.0";
    const schema = JSON.parse(readFileSync(file, "utf8"));
    plugins.push({ id: `${pkg}:${plugin}`, raw: "{}", schema, settings: {}, version });
  }
  writeFileSync(join(schemasDir, "all.json"), JSON.stringify(plugins));
  return plugins.length;
}
