"""The ``stdschema`` console script and ``python -m stdschema``: the settings a
command-line process wants, then :func:`stdschema.cli.run`.

Apart from :mod:`stdschema.cli`, so that they are made before its imports (most of a short
run's work) and never by a program that imports the CLI as a library.
"""

from __future__ import annotations

import gc

GC_FIRST_THRESHOLD = 200_000
"""Allocations between collections of the youngest generation (Python's default is 700).
Starting a command imports ~300 modules and builds the dataset models: hundreds of thousands
of objects, none of them garbage, and at 700 the collector ran ~120 times over them (36 ms of
a 10-row validate). The older generations keep their thresholds: cyclic garbage is still
collected, later."""


def tune_gc() -> None:
    """Collect the youngest generation less often (never more often than now)."""
    first, *older = gc.get_threshold()
    gc.set_threshold(max(first, GC_FIRST_THRESHOLD), *older)


def run() -> None:
    """The console script's entry point."""
    tune_gc()
    from stdschema.cli import run as cli_run

    cli_run()
