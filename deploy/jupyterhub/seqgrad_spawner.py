"""Spawners for a seqgrad class: every student's single-user server (and the kernels it starts)
runs with the seqgrad lab and a memory limit.

The limit is `Spawner.mem_limit` (e.g. "768M"; the lecturer sets it in jupyterhub_config.py or
with SEQGRAD_HUB_MEM_LIMIT). Local processes have no container around them, so it is applied as
the kernel's data-segment limit (RLIMIT_DATA: the private writable memory a process may map, which
covers the V8 heap and WebAssembly memory) on the single-user server; every kernel inherits it. A
kernel that goes past it fails its allocation and dies alone, the hub and other students untouched.
Hubs in containers (DockerSpawner, KubeSpawner) enforce `mem_limit` themselves.
"""
import resource

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner


class MemoryLimitMixin:
    """Applies `mem_limit` as RLIMIT_DATA in the spawned process, after the base preexec step."""

    def make_preexec_fn(self, name):
        base = super().make_preexec_fn(name)
        limit = int(self.mem_limit or 0)

        def preexec():
            if base is not None:
                base()
            if limit > 0:
                resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))

        return preexec


class SeqgradSpawner(MemoryLimitMixin, LocalProcessSpawner):
    """One system user per student (PAM login), servers run as that user."""


class SimpleSeqgradSpawner(MemoryLimitMixin, SimpleLocalProcessSpawner):
    """Every server runs as the hub's user, each in its own home folder (tests, single-machine demos)."""
