"""Executes a seqgrad notebook with nbclient and writes the executed copy.

usage: execute_notebook.py INPUT.ipynb OUTPUT.ipynb [--allow-errors] [--timeout SECONDS]

Runs with Debian's python3 (jupyter_client, nbclient, nbformat). The kernel spec "seqgrad" must be
visible through JUPYTER_PATH (`npm run kernel:install` puts it in the project's .jupyter-data).
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


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
