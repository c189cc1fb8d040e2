"""Peak resident memory and CPU time of every process the suite starts, sampled from /proc."""

import os
import threading
from pathlib import Path


def rss_mb(pid: int) -> float | None:
    """Resident set size of one process now, or None once it has gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # the kernel reports kB
    return None


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process so far, or None once it has gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # the name may contain spaces
    return (int(fields[11]) + int(fields[12])) / _TICKS  # utime, stime


class RssSampler:
    """A daemon thread that keeps each named process's peak RSS and the peak load average."""

    def __init__(self, interval: float = 0.5) -> None:
        self._interval = interval
        self._pids: dict[int, str] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self.peaks: dict[str, float] = {}
        self.peak_load = 0.0
        self._cpu: dict[int, float] = {}
        """Last CPU seconds seen per pid (kept after the process ends)."""

    def watch(self, name: str, pid: int) -> None:
        """Sample `pid` under `name` (several processes may share a name; the peak is kept)."""
        with self._lock:
            self._pids[pid] = name

    def start(self) -> None:
        """Begin sampling."""
        self._thread.start()

    def stop(self) -> None:
        """Stop sampling (one last sample first)."""
        self._sample()
        self._stop.set()
        self._thread.join(timeout=5)

    def cpu_by_name(self) -> dict[str, float]:
        """CPU seconds used so far, summed per name (a process that ended keeps its last)."""
        self._sample()
        with self._lock:
            watched = list(self._pids.items())
        totals: dict[str, float] = {}
        for pid, name in watched:
            totals[name] = totals.get(name, 0.0) + self._cpu.get(pid, 0.0)
        return totals

    def _sample(self) -> None:
        with self._lock:
            watched = list(self._pids.items())
        for pid, name in watched:
            value = rss_mb(pid)
            if value is not None:
                self.peaks[name] = max(self.peaks.get(name, 0.0), round(value, 1))
            cpu = cpu_seconds(pid)
            if cpu is not None:
                self._cpu[pid] = cpu
        self.peak_load = max(self.peak_load, os.getloadavg()[0])

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._sample()
