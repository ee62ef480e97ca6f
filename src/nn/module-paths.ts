import type { Module } from "./module";

/**
 * `root` and its descendants along every path, as PyTorch's `state_dict` walks them: a module
 * reached twice (`new ModuleList([block, block])`) is listed under each of its dotted names ("" for
 * the root), so state dicts hold the keys PyTorch's hold. A module inside itself is not followed.
 */
export function everyPath(root: Module): Array<[string, Module]> {
  root.namedModules(); // sets the graph-scope paths, as every walk from a root does
  const out: Array<[string, Module]> = [];
  const onPath = new Set<Module>();
  const visit = (m: Module, name: string): void => {
    if (onPath.has(m)) return;
    onPath.add(m);
    out.push([name, m]);
    for (const [child, sub] of m.namedChildren()) visit(sub, name === "" ? child : `${name}.${child}`);
    onPath.delete(m);
  };
  visit(root, "");
  return out;
}
