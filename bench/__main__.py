"""``python -m bench [benchmark] [options]``: run a speed benchmark (all of them when none is named).

Exit status: 0 every target met, 1 a target missed, 2 the benchmark could not be set up, 130 interrupted.
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Callable, Sequence
from types import FrameType

from bench import autosave, scoring

# name -> (help, add_arguments, main)
BENCHMARKS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]] = {
    "autosave": (
        "50 candidates autosaving every 3 s for 2 minutes: 0 errors, p95 ≤ 100 ms",
        autosave.add_arguments,
        autosave.main,
    ),
    "scoring": (
        "rubric_scorer.v1 against human scores (Pearson, Spearman) and answers per second",
        scoring.add_arguments,
        scoring.main,
    ),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    commands = parser.add_subparsers(dest="benchmark", metavar="benchmark")
    for name, (summary, add_arguments, _main) in BENCHMARKS.items():
        add_arguments(commands.add_parser(name, help=summary, description=summary))
    commands.add_parser("all", help="run every benchmark with its default settings (the default)")
    return parser


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt  # clean up (stop the server, drop the database) exactly as on Ctrl+C


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0].startswith("-") and arguments[0] not in ("-h", "--help"):
        arguments.insert(0, "autosave")  # `python -m bench --duration 10` means the (only) autosave benchmark
    options = build_parser().parse_args(arguments)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        if options.benchmark in (None, "all"):
            status = 0
            for name, (_summary, add_arguments, run) in BENCHMARKS.items():
                defaults = argparse.ArgumentParser()
                add_arguments(defaults)
                status = max(status, run(defaults.parse_args([])))
                print(f"bench: {name} finished with status {status}", flush=True)
            return status
        return BENCHMARKS[options.benchmark][2](options)
    except KeyboardInterrupt:
        print("\nbench: interrupted (the clean-up is logged above).", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
