"""Executes a seqgrad notebook with nbclient and writes the executed copy.

usage: execute_notebook.py INPUT.ipynb OUTPUT.ipynb [--allow-errors] [--timeout SECONDS]

Runs with Debian's python3 (jupyter_client, nbclient, nbformat). The kernel spec "seqgrad" must be
visible through JUPYTER_PATH (`npm run kernel:install` puts it in the project's .jupyter-data).
`execute_with_variants` also tries wrong answers on each exercise's check on the way (the tests).
"""
import argparse
import asyncio
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kernel_ports import claim_ports  # noqa: E402

claim_ports()


def execute(path, out_path, allow_errors=False, timeout=600):
    """Runs every cell of `path` in the notebook's own folder; returns the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name="seqgrad",
        timeout=timeout,
        allow_errors=allow_errors,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    started = time.time()
    client.execute()
    elapsed = time.time() - started
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    nbformat.write(nb, out_path)
    return elapsed


def execute_with_variants(path, out_path, variants, timeout=600):
    """Runs the notebook like `execute`, and before each answer cell whose exercise is in
    `variants` ({"ex1": [body, ...]}), runs each wrong body in its place followed by the exercise's
    check cell. The written notebook holds only the regular run. Returns (seconds, verdicts), a
    verdict being (exercise, variant number, rejected, what the check said)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="seqgrad", timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    started = time.time()
    verdicts = asyncio.run(_run_with_variants(client, nb, variants))
    nbformat.write(nb, out_path)
    return time.time() - started, verdicts


async def _run_with_variants(client, nb, variants):
    verdicts = []
    client.reset_execution_trackers()
    async with client.async_setup_kernel():
        for index, cell in enumerate(nb.cells):
            grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
            exercise = grade_id[: -len("-answer")] if grade_id.endswith("-answer") else None
            if cell.cell_type == "code" and exercise in variants:
                check = next(c for c in nb.cells[index + 1:] if c.metadata.get("nbgrader", {}).get("grade"))
                for number, body in enumerate(variants[exercise]):
                    await client.async_execute_cell(nbformat.v4.new_code_cell(with_bodies(cell.source, body)), index)
                    probe = nbformat.v4.new_code_cell(check.source)
                    try:
                        await client.async_execute_cell(probe, index)
                        verdicts.append((exercise, number, False, "accepted"))
                    except CellExecutionError as error:
                        verdicts.append((exercise, number, True, str(error).strip().splitlines()[-1]))
            await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
    return verdicts


def with_bodies(source, bodies):
    """`source` with its solution regions replaced by `bodies` (a string for the first region, or
    a list with None for a region kept), indented like the region's first line."""
    bodies = [bodies] if isinstance(bodies, str) else bodies
    out, region, inside = [], 0, False
    for line in source.split("\n"):
        if line.strip() == "// BEGIN SOLUTION":
            inside = True
            body = bodies[region] if region < len(bodies) else None
            region += 1
            if body is not None:
                indent = line[: line.index("//")]
                out.extend(indent + b for b in body.split("\n"))
                continue
        elif line.strip() == "// END SOLUTION":
            inside = False
            if body is not None:
                continue
        if not inside or body is None:
            out.append(line)
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--allow-errors", action="store_true")
    parser.add_argument("--timeout", type=int, default=600)
    args = parser.parse_args()
    seconds = execute(args.input, args.output, args.allow_errors, args.timeout)
    print(f"executed {os.path.basename(args.input)} in {seconds:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
