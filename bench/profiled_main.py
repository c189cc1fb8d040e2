"""`python -m bench.profiled_main <out-stem> <module>`: run a service's main under pyinstrument.

Not `pyinstrument -m`: uvicorn re-raises SIGTERM after its graceful shutdown, which would end
the process before the profiler writes. Our SIGTERM handler (the one uvicorn restores and
re-raises to) turns it into SystemExit, so the profile is written on the way out.
"""

import runpy
import signal
import sys
from pathlib import Path
from types import FrameType

from pyinstrument import Profiler


def _exit(_signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(0)


def main() -> None:
    """Profile the module until it exits, then write <out-stem>.txt and .html."""
    stem, module = Path(sys.argv[1]), sys.argv[2]
    signal.signal(signal.SIGTERM, _exit)
    profiler = Profiler()
    profiler.start()
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    finally:
        profiler.stop()
        stem.with_suffix(".txt").write_text(profiler.output_text(unicode=True, color=False))
        stem.with_suffix(".html").write_text(profiler.output_html())


if __name__ == "__main__":
    main()
