"""Ports for kernels started at the same time by separate processes (the grader's --jobs, the test pools).

jupyter_client gives a new kernel five ports by binding port 0 and closing the socket; the kernel
binds them a second or so later. A second process starting a kernel in that window can be handed
the same free port, and one of the two kernels dies with "Address already in use". jupyter_client
only keeps the ports of its own process apart (LocalPortCache).

A process started with SEQGRAD_PORT_SLOT=N takes its ports from a range of its own instead:
PORTS_PER_SLOT ports from FIRST_PORT + N * PORTS_PER_SLOT, in turn, skipping ports in use. The
ranges lie below Linux's ephemeral ports (32768 and up), which outgoing connections take, so
nothing else on the machine is handed them by the system. Without the variable nothing changes.
"""
import itertools
import os
import socket

from jupyter_client.connect import LocalPortCache

SLOT_VARIABLE = "SEQGRAD_PORT_SLOT"
FIRST_PORT = 20000
PORTS_PER_SLOT = 1000
SLOTS = 12


def slot_ports(slot):
    """The ports of slot `slot` (0 to SLOTS - 1)."""
    if not 0 <= slot < SLOTS:
        raise ValueError(f"{SLOT_VARIABLE} must be between 0 and {SLOTS - 1}, got {slot}")
    start = FIRST_PORT + slot * PORTS_PER_SLOT
    return range(start, start + PORTS_PER_SLOT)


def is_free(ip, port):
    """Whether `port` on `ip` can be bound now."""
    with socket.socket() as probe:
        try:
            probe.bind((ip, port))
        except OSError:
            return False
    return True


def use_port_slot():
    """Makes this process's kernels take their ports from its slot, if SEQGRAD_PORT_SLOT is set."""
    value = os.environ.get(SLOT_VARIABLE)
    if value is None or value == "":
        return
    ports = slot_ports(int(value))
    turn = itertools.cycle(ports)

    def find_available_port(cache, ip):
        for _ in ports:
            port = next(turn)
            if port not in cache.currently_used_ports and is_free(ip, port):
                cache.currently_used_ports.add(port)
                return port
        raise RuntimeError(f"no free port for a kernel in {ports.start}-{ports.stop - 1} ({SLOT_VARIABLE}={value})")

    LocalPortCache.find_available_port = find_available_port
