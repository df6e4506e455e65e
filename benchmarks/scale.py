"""Measure files/s of ``stdschema validate`` over a folder of many real files: --jobs and Dask.

    python benchmarks/scale.py                      # 400 files, 3 rounds, a table
    python benchmarks/scale.py --files 1000 --json  # one JSON object on stdout

The folder is built from the real municipal files in ``tests/data/real`` (standard and legacy
CSV, the v2 corpus with its workbook), copied in turn under running numbers. Each figure is
the median of fresh ``stdschema validate DIR -f json`` processes, rounds interleaved, as in
``benchmarks/run.py``. ``dask_tcp2`` runs on a cluster this script starts beforehand (2
workers), so it shows Dask without its start-up, as on a long-running cluster. Every run's
JSON report must be the same bytes; the script stops if not. The result is also written to
``benchmarks/results/scale-<date>-<files>.json``. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from machine import machine_facts  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"
RESULTS = ROOT / "benchmarks" / "results"
GROUPS = ("v2", "standard", "legacy")

# tool → the options it adds to ``stdschema validate DIR -f json -o OUT``
TOOLS: dict[str, list[str]] = {
    "jobs1": ["--jobs", "1"],
    "jobs2": ["--jobs", "2"],
    "dask_local1": ["--dask", "local:1"],
    "dask_local2": ["--dask", "local:2"],
    "dask_tcp2": ["--dask", "{scheduler}"],
}
# The fixed cost of a run (start-up, a cluster started and stopped) on a one-file folder.
FIXED_TOOLS = ("jobs1", "dask_local2")


def _log(text: str) -> None:
    sys.stderr.write(f"[scale] {text}\n")
    sys.stderr.flush()


def cli_command() -> list[str]:
    """The installed ``stdschema`` console script of this interpreter, else ``python -m``."""
    found = shutil.which("stdschema", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "stdschema"]


def corpus() -> list[Path]:
    """The real CSV and XLSX files, in a fixed order."""
    return sorted(
        p for group in GROUPS for p in (REAL / group).iterdir() if p.suffix in (".csv", ".xlsx")
    )


def build_folder(target: Path, count: int) -> tuple[int, list[int]]:
    """``count`` copies of the corpus files in turn; (total bytes, each file's size)."""
    target.mkdir(parents=True)
    sources = corpus()
    sizes = []
    for i in range(count):
        source = sources[i % len(sources)]
        shutil.copyfile(source, target / f"{i:05d}_{source.name}")
        sizes.append(source.stat().st_size)
    return sum(sizes), sizes


def measure(cmd: list[str], log: Path) -> tuple[float, float | None]:
    """Wall seconds and CPU seconds of ``cmd`` in a fresh process (with its descendants':
    the process pool and a local cluster; a ``tcp://`` cluster's workers are not counted)."""
    with log.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err
        )
        before = os.times()
        proc.wait()
        seconds = time.perf_counter() - start
        after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    # Exit 1 (problems found) or 2 (unreadable files) are findings, not failures; a
    # traceback or no report is.
    text = log.read_text(encoding="utf-8", errors="replace")
    if proc.returncode not in (0, 1, 2) or "Traceback" in text:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{text[-2000:]}")
    return seconds, cpu


def run(args: argparse.Namespace) -> dict[str, Any]:
    import distributed

    work = Path(tempfile.mkdtemp(prefix="stdschema-scale-"))
    cli = cli_command()
    try:
        folder, single = work / "files", work / "one"
        total, sizes = build_folder(folder, args.files)
        build_folder(single, 1)
        _log(f"{args.files} files, {total / 1e6:.1f} MB in {folder}")
        load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
        with distributed.LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster:
            tools = {
                name: [a.format(scheduler=cluster.scheduler_address) for a in extra]
                for name, extra in TOOLS.items()
            }
            # Untimed warm-up: bytecode and page caches, the cluster's first imports.
            for extra in tools.values():
                measure([*cli, "validate", str(single), "-f", "json", *extra], work / "warm.log")
            seconds: dict[str, list[float]] = {name: [] for name in tools}
            cpu: dict[str, list[float]] = {name: [] for name in tools}
            fixed: dict[str, list[float]] = {name: [] for name in FIXED_TOOLS}
            reports: dict[str, bytes] = {}
            for round_no in range(1, args.repeat + 1):
                for name, extra in tools.items():
                    out = work / f"{name}.json"
                    cmd = [*cli, "validate", str(folder), "-f", "json", "-o", str(out), *extra]
                    wall, used = measure(cmd, work / f"{name}.log")
                    seconds[name].append(wall)
                    if used is not None:
                        cpu[name].append(used)
                    reports.setdefault(name, out.read_bytes())
                    _log(f"round {round_no}: {name} {wall:.2f} s")
                for name in FIXED_TOOLS:
                    cmd = [*cli, "validate", str(single), "-f", "json", *tools[name]]
                    fixed[name].append(measure(cmd, work / "fixed.log")[0])
        load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
        first = reports["jobs1"]
        differing = [name for name, data in reports.items() if data != first]
        if differing:
            raise RuntimeError(f"JSON reports differ from --jobs 1: {', '.join(differing)}")
        report = json.loads(first)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return summarise(args, total, sizes, seconds, cpu, fixed, report, (load_before, load_after))


def summarise(
    args: argparse.Namespace,
    total: int,
    sizes: list[int],
    seconds: dict[str, list[float]],
    cpu: dict[str, list[float]],
    fixed: dict[str, list[float]],
    report: dict[str, Any],
    load: tuple[Any, Any],
) -> dict[str, Any]:
    files = args.files
    median = {name: statistics.median(values) for name, values in seconds.items()}
    fixed_s = {name: statistics.median(values) for name, values in fixed.items()}
    tools = {
        name: {
            "median_s": round(s, 3),
            "files_per_s": round(files / s, 1),
            "mb_per_s": round(total / 1e6 / s, 2),
            "ms_per_file": round(1000 * s / files, 2),
            "cpu_s": round(statistics.median(cpu[name]), 2) if cpu[name] else None,
            "all_s": [round(v, 3) for v in seconds[name]],
        }
        for name, s in median.items()
    }
    # Per file once the fixed cost is set aside: what a long run on this machine costs.
    marginal = {
        "jobs1": (median["jobs1"] - fixed_s["jobs1"]) / files,
        "dask_local2": (median["dask_local2"] - fixed_s["dask_local2"]) / files,
    }
    rows = sum(f.get("rows") or 0 for f in report["files"])
    return {
        "files": files,
        "repeat": args.repeat,
        "bytes": total,
        "file_bytes": {
            "mean": round(statistics.mean(sizes)),
            "median": round(statistics.median(sizes)),
            "max": max(sizes),
        },
        "rows": rows,
        "unreadable": sum(1 for f in report["files"] if f.get("error")),
        "tools": tools,
        "fixed_s": {name: round(s, 3) for name, s in fixed_s.items()},
        "marginal_ms_per_file": {name: round(1000 * s, 2) for name, s in marginal.items()},
        "ratios": {
            "jobs2_vs_jobs1": round(median["jobs1"] / median["jobs2"], 2),
            "dask_local2_vs_jobs2": round(median["jobs2"] / median["dask_local2"], 2),
            "dask_tcp2_vs_jobs2": round(median["jobs2"] / median["dask_tcp2"], 2),
            "dask_local2_vs_local1": round(median["dask_local1"] / median["dask_local2"], 2),
        },
        "identical_reports": True,
        "cli": {
            name: ["validate", "DIR", "-f", "json", "-o", "OUT", *TOOLS[name]] for name in TOOLS
        },
        "machine": machine_facts(load, ("stdschema", "distributed")),
        "date": date.today().isoformat(),
    }


def print_table(result: dict[str, Any]) -> None:
    w = sys.stdout.write
    m = result["machine"]
    w(f"stdschema scale: {result['files']} real files ({result['bytes'] / 1e6:.1f} MB, ")
    w(f"{result['rows']:,} rows), median of {result['repeat']} fresh processes\n")
    w(f"machine: {m['cpu_count']} CPUs, Python {m['python']}, distributed {m['distributed']}, ")
    w(f"load average {m['load_average_before']}\n")
    w(f"  {'tool':<14}{'median s':>10}{'files/s':>10}{'MB/s':>8}{'ms/file':>10}{'CPU s':>8}\n")
    for name, st in result["tools"].items():
        cpu = "-" if st["cpu_s"] is None else f"{st['cpu_s']:.2f}"
        w(
            f"  {name:<14}{st['median_s']:>10.2f}{st['files_per_s']:>10.1f}"
            f"{st['mb_per_s']:>8.2f}{st['ms_per_file']:>10.2f}{cpu:>8}\n"
        )
    w(f"fixed cost of a run (one file): {result['fixed_s']}\n")
    w(f"per file past the fixed cost (ms): {result['marginal_ms_per_file']}\n")
    w(f"ratios: {result['ratios']}\n")
    w("JSON reports: identical in every run\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400, help="files in the folder")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--keep", action="store_true", help="keep the folder and the reports")
    parser.add_argument("--no-save", action="store_true", help="do not write results/")
    args = parser.parse_args(argv)
    if args.files < 1 or args.repeat < 1:
        parser.error("--files and --repeat must be at least 1")
    result = run(args)
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        target = RESULTS / f"scale-{result['date']}-{args.files}.json"
        target.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
        _log(f"written {target.relative_to(ROOT)}")
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
