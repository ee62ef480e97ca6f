"""Ports for kernels started at the same time by separate processes (the grader's --jobs, the test pools).

jupyter_client gives a new kernel five ports by binding port 0 and closing the socket; the kernel
binds them a second or so later. A second process starting a kernel in that window can be handed
the same free port, and one of the two kernels dies with "Address already in use". jupyter_client
only keeps the ports of its own process apart (LocalPortCache).

After `claim_ports()`, this process claims each port it hands a kernel by creating a file named
after the port in a folder every process on the machine shares (CLAIMS), with O_EXCL: exactly one
process can create it. A port another process claimed less than CLAIM_SECONDS ago is skipped; by
then that kernel has bound it (the system then no longer hands it out) or has died. Processes
that never call this are not coordinated, as before.
"""
import os
import socket
import tempfile
import time

from jupyter_client.connect import LocalPortCache

CLAIMS = os.path.join(tempfile.gettempdir(), "seqgrad-kernel-ports")
CLAIM_SECONDS = 120
ATTEMPTS = 200


def try_claim(port):
    """Claims `port` for this process; False if another process claimed it recently."""
    path = os.path.join(CLAIMS, str(port))
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        return True
    except FileExistsError:
        pass
    except OSError:
        # the shared folder is not writable for this user: no coordination, as without claims
        return True
    try:
        if time.time() - os.path.getmtime(path) < CLAIM_SECONDS:
            return False
        # a stale claim: take it over (two processes doing this at once both fail but one)
        os.remove(path)
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        return True
    except OSError:
        return False


def free_port(ip):
    """A port the system says is free now on `ip`."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\0" * 8)
        probe.bind((ip, 0))
        return probe.getsockname()[1]


def claim_ports():
    """Makes this process's kernels take ports no other claiming process took in the last minutes."""
    try:
        os.makedirs(CLAIMS, exist_ok=True)
        os.chmod(CLAIMS, 0o1777)  # shared by every user's processes, each removing only its own files
    except OSError:
        pass  # another user's folder: claims still work if it is writable, else try_claim lets go

    def find_available_port(cache, ip):
        for _ in range(ATTEMPTS):
            port = free_port(ip)
            if port not in cache.currently_used_ports and try_claim(port):
                cache.currently_used_ports.add(port)
                return port
        raise RuntimeError(f"no free port for a kernel after {ATTEMPTS} tries (claims in {CLAIMS})")

    LocalPortCache.find_available_port = find_available_port
