"""Measure stdschema against Python's csv module and frictionless on generated files.

    python benchmarks/run.py --rows 100000 --repeat 3
    python benchmarks/run.py --rows 1000000 --json > result.json

Files come from ``benchmarks/generate.py`` (about 1% injected faults and a truth
file) and are cached under ``benchmarks/out/``. Every measurement runs in a
fresh process; repetitions are interleaved (each round runs every tool once) and
medians are reported. Recall and false positives are scored against the truth
files. See ``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from machine import machine_facts  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
OUT = BENCH / "out"

DEFAULT_DATASETS = "public_facilities@v2,public_toilets@v2"
DEFAULT_ENCODINGS = "utf-8,cp932"
MAX_PROBLEMS = 100_000
# frictionless stops at 1,000 errors by default; every fault has to count.
FRICTIONLESS_LIMIT_ERRORS = 10**9
SMALL_ROWS = 10
RSS_JUDGED_FROM_ROWS = 1_000_000
# Issue 13: wall seconds of a fresh process, medians.
STARTUP_LIMITS = {"cli_help": 0.20, "validate_10_rows": 0.30}

PER_FILE_TOOLS = (
    "csv_reader",
    "validate_fast_j1",
    "validate_fast_j2",
    "validate_pydantic_j1",
    "convert_fix",
    "frictionless",
)
ALL_FILES_TOOLS = ("validate_all_fast_j1", "validate_all_fast_j2")
STARTUP_TOOLS = ("cli_help", "validate_10_rows")
TOOLS = PER_FILE_TOOLS + ALL_FILES_TOOLS + STARTUP_TOOLS
VALIDATORS = ("validate_fast_j1", "validate_fast_j2", "validate_pydantic_j1")
SCORED = ("validate_fast_j1", "validate_pydantic_j1")
JOBS_NOTE = (
    "--jobs spreads FILES over processes (validate_paths uses a pool only when there are "
    "several files), so one file with --jobs 2 runs exactly as with --jobs 1: the ratio is "
    "~1.0 by design. The fast engine already uses every core through polars. "
    "jobs2_vs_jobs1_files measures --jobs where it acts: all generated files in one call."
)


# --- child processes ----------------------------------------------------------
# The reference tools run as ``python -c CODE ARGS``: the child imports only what
# the measured tool needs, so none of this script's imports are counted.

CSV_READER = """
import csv, sys
rows = 0
with open(sys.argv[1], encoding=sys.argv[2], newline="") as fh:
    for _ in csv.reader(fh):
        rows += 1
print(rows)
"""

FRICTIONLESS = """
import json, sys
from pathlib import Path
from frictionless import Resource, Schema, validate
path, encoding, schema_path, errors_path, limit = sys.argv[1:]
p = Path(path)
schema = Schema.from_descriptor(json.loads(Path(schema_path).read_text(encoding="utf-8")))
# frictionless refuses absolute paths unless trusted: a relative path and a basepath.
resource = Resource(
    path=p.name, basepath=str(p.parent), schema=schema, encoding=encoding, format="csv"
)
report = validate(resource, limit_errors=int(limit))
errors = report.flatten(["rowNumber", "fieldName", "type"])
Path(errors_path).write_text(json.dumps({"valid": report.valid, "errors": errors}), "utf-8")
"""


# --- measuring ----------------------------------------------------------------


@dataclass
class Sample:
    seconds: float
    cpu_seconds: float | None
    rss_mb: float | None
    returncode: int


def measure(cmd: list[str], ok: tuple[int, ...], log: Path) -> Sample:
    """Run ``cmd`` in a fresh process: wall time, CPU time and peak RSS of that process."""
    with log.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err
        )
        if hasattr(os, "wait4"):
            # wait4 gives the rusage of this child alone (ru_maxrss also covers the
            # worker processes it waited for), unlike RUSAGE_CHILDREN's running maximum.
            _, status, usage = os.wait4(proc.pid, 0)
            seconds = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # bytes vs KiB
            rss: float | None = usage.ru_maxrss / scale
            cpu: float | None = usage.ru_utime + usage.ru_stime
        else:
            proc.wait()
            seconds = time.perf_counter() - start
            rss = cpu = None
    if proc.returncode not in ok:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}:\n{tail}")
    return Sample(seconds, cpu, rss, proc.returncode)


def cli_command() -> list[str]:
    """The installed ``stdschema`` console script of this interpreter, else ``python -m``."""
    found = shutil.which("stdschema", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "stdschema"]


# --- generated files ------------------------------------------------------------


@dataclass
class GenFile:
    dataset: str
    encoding: str
    rows: int
    path: Path
    bytes: int
    truth: list[tuple[int, str, str, str]]
    excluded: list[dict[str, Any]]

    @property
    def label(self) -> str:
        return f"{self.dataset} {self.encoding}"


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location("stdschema_bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # what dataclasses and pickling look a module up by
    spec.loader.exec_module(module)
    return module


def _read_truth(path: Path) -> list[tuple[int, str, str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        return [(int(r[0]), r[1], r[2], r[3]) for r in reader]


def _audit(
    path: Path, encoding: str, truth: list[tuple[int, str, str, str]]
) -> list[dict[str, Any]]:
    """Injected faults that are not faults in the file as written.

    A duplicate_id fault copies the previous row's ID; when that row is itself a
    duplicate_id fault, the copied ID occurs nowhere earlier and nothing repeats.
    """
    faults = [
        (line, header, value) for line, header, kind, value in truth if kind == "duplicate_id"
    ]
    if not faults:
        return []
    wanted = {(header, value) for _, header, value in faults}
    headers = {h for h, _ in wanted}
    first: dict[tuple[str, str], int] = {}
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        columns = [(i, h) for i, h in enumerate(header) if h in headers]
        line = reader.line_num
        for cells in reader:
            line_start = line + 1  # a quoted cell may span lines
            line = reader.line_num
            for i, h in columns:
                key = (h, cells[i] if i < len(cells) else "")
                if key in wanted and key not in first:
                    first[key] = line_start
    return [
        {"line": line, "header": h, "fault": "duplicate_id", "reason": "no earlier row has this ID"}
        for line, h, value in faults
        if first.get((h, value), line) >= line
    ]


def ensure_file(
    gen: Any, dataset: str, rows: int, encoding: str, faults: float, seed: int
) -> GenFile:
    """The generated file for these parameters, reused while the generator is unchanged."""
    from stdschema.datasets import get_dataset

    model = get_dataset(dataset)
    info = model.__dataset__
    name = f"{info.id}-{info.edition}-{rows}r-{encoding}-f{faults:g}-s{seed}.csv"
    path = OUT / name
    meta_path = path.with_suffix(".meta.json")
    truth_path = path.with_suffix(path.suffix + ".truth.csv")
    params = {
        "dataset": f"{info.id}@{info.edition}",
        "rows": rows,
        "encoding": encoding,
        "faults": faults,
        "seed": seed,
        "generator_sha256": hashlib.sha256((BENCH / "generate.py").read_bytes()).hexdigest(),
    }
    meta: dict[str, Any] = {}
    if meta_path.exists() and path.exists() and truth_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("params") != params or meta.get("bytes") != path.stat().st_size:
        _log(f"generating {name}")
        meta_path.unlink(missing_ok=True)  # written last: no meta means an unfinished file
        gen.generate(model, rows, path, encoding, faults, seed)
        truth = _read_truth(truth_path)
        meta = {
            "params": params,
            "bytes": path.stat().st_size,
            "excluded": _audit(path, encoding, truth),
        }
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return GenFile(
        dataset=f"{info.id}@{info.edition}",
        encoding=encoding,
        rows=rows,
        path=path,
        bytes=meta["bytes"],
        truth=_read_truth(truth_path),
        excluded=meta["excluded"],
    )


# --- the frictionless schema ------------------------------------------------------


def table_schema(dataset: str, header: list[str]) -> dict[str, Any]:
    """A frictionless Table Schema equivalent to the dataset model, fields in file order:
    the package's export (``stdschema.schema.table_schema``) with the rules stdschema only
    warns about as constraints too, since stdschema checks those as well."""
    from stdschema.datasets import get_dataset
    from stdschema.schema.table_schema import table_schema as export

    return export(get_dataset(dataset), header, warnings=True)


def _header(file: GenFile) -> list[str]:
    with file.path.open(encoding=file.encoding, newline="") as fh:
        return next(csv.reader(fh))


# --- scoring --------------------------------------------------------------------


def score_report(file: GenFile, report_path: Path) -> dict[str, Any]:
    """Recall and false positives of a JSON report against the file's truth."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    entry = report["files"][0]
    excluded = {(e["line"], e["header"]) for e in file.excluded}
    truth = [t for t in file.truth if (t[0], t[1]) not in excluded]
    fault_lines = {line for line, _, _, _ in file.truth}
    codes_at: dict[tuple[int, str], set[str]] = {}
    false_positives: Counter[str] = Counter()
    file_level: Counter[str] = Counter()
    extra_on_fault_lines: Counter[str] = Counter()
    fault_cells = {(line, header) for line, header, _, _ in file.truth}
    for p in entry["problems"]:
        if p["severity"] not in ("error", "warning"):
            continue
        if p["line"] is None:
            file_level[p["code"]] += 1
            continue
        codes_at.setdefault((p["line"], p["header"] or ""), set()).add(p["code"])
        if p["line"] not in fault_lines:
            false_positives[p["code"]] += 1
        elif (p["line"], p["header"] or "") not in fault_cells:
            extra_on_fault_lines[p["code"]] += 1
    # The kinds whose problem code is fixed; any error or warning on the cell finds the others.
    required_code = {"duplicate_id": "unique-error", "blank_required": "blank-required"}
    missed: Counter[str] = Counter()
    missed_examples: list[list[Any]] = []
    for line, header, kind, value in truth:
        codes = codes_at.get((line, header), set())
        code = required_code.get(kind)
        if not (code in codes if code else codes):
            missed[kind] += 1
            if len(missed_examples) < 10:
                missed_examples.append([line, header, kind, value])
    found = len(truth) - sum(missed.values())
    return {
        "faults": len(truth),
        "found": found,
        "recall": found / len(truth) if truth else 1.0,
        "missed_by_kind": dict(missed),
        "missed_examples": missed_examples,
        "false_positives": sum(false_positives.values()),
        "false_positive_codes": dict(false_positives.most_common()),
        "extra_on_fault_lines": dict(extra_on_fault_lines.most_common()),
        "file_level": dict(file_level),
        "truncated": entry["problems_truncated"],
        "engine": entry.get("engine"),
        "detected": f"{entry['dataset']['id']}@{entry['dataset']['edition']}",
    }


def score_frictionless(file: GenFile, errors_path: Path) -> dict[str, Any]:
    """Recall of frictionless by line only (its errors name rows, not our problem codes)."""
    data = json.loads(errors_path.read_text(encoding="utf-8"))
    excluded = {(e["line"], e["header"]) for e in file.excluded}
    truth = [t for t in file.truth if (t[0], t[1]) not in excluded]
    fault_lines = {line for line, _, _, _ in file.truth}
    lines: set[int] = set()
    false_positives: Counter[str] = Counter()
    file_level: Counter[str] = Counter()
    for row_number, _field_name, kind in data["errors"]:
        if row_number is None:
            file_level[kind] += 1
            continue
        lines.add(row_number)
        if row_number not in fault_lines:
            false_positives[kind] += 1
    missed = Counter(kind for line, _, kind, _ in truth if line not in lines)
    found = len(truth) - sum(missed.values())
    return {
        "faults": len(truth),
        "found": found,
        "recall": found / len(truth) if truth else 1.0,
        "missed_by_kind": dict(missed),
        "false_positives": sum(false_positives.values()),
        "false_positive_codes": dict(false_positives.most_common()),
        "file_level": dict(file_level),
        "errors": len(data["errors"]),
    }


# --- the run --------------------------------------------------------------------


@dataclass
class Plan:
    """What each tool runs for one file (or for all files, or for none)."""

    cli: list[str]
    work: Path
    files: list[GenFile]
    small: GenFile
    schemas: dict[Path, Path] = field(default_factory=dict)

    def command(
        self, tool: str, file: GenFile | None, rep: int
    ) -> tuple[list[str], tuple[int, ...], Path | None]:
        """(command, accepted exit codes, the output to score) of one measurement."""
        tag = f"{file.path.stem}-{tool}-{rep}" if file else f"{tool}-{rep}"
        if tool == "csv_reader":
            assert file is not None
            return [sys.executable, "-c", CSV_READER, str(file.path), file.encoding], (0,), None
        if tool.startswith("validate_") and tool != "validate_10_rows":
            engine = "fast" if "_fast_" in tool else "pydantic"
            jobs = tool.rsplit("_j", 1)[1]
            out = self.work / f"{tag}.json"
            paths = [str(f.path) for f in self.files] if file is None else [str(file.path)]
            cmd = [*self.cli, "validate", *paths, "--engine", engine, "--jobs", jobs]
            cmd += ["-f", "json", "-o", str(out), "--max-problems", str(MAX_PROBLEMS)]
            return cmd, (0, 1), out
        if tool == "convert_fix":
            assert file is not None
            out = self.work / f"{tag}.csv"
            return (
                [*self.cli, "convert", str(file.path), "--dataset", file.dataset, "-o", str(out)],
                (0, 1),
                out,
            )
        if tool == "frictionless":
            assert file is not None
            out = self.work / f"{tag}.errors.json"
            args = [str(file.path), file.encoding, str(self.schemas[file.path]), str(out)]
            args.append(str(FRICTIONLESS_LIMIT_ERRORS))
            return [sys.executable, "-c", FRICTIONLESS, *args], (0,), out
        if tool == "cli_help":
            return [*self.cli, "--help"], (0,), None
        if tool == "validate_10_rows":
            return [*self.cli, "validate", str(self.small.path)], (0, 1), None
        raise ValueError(tool)


def _log(text: str) -> None:
    sys.stderr.write(f"[bench] {text}\n")
    sys.stderr.flush()


def _discard(path: Path | None) -> None:
    """Remove a measurement's outputs (a converted file is as large as its input)."""
    if path is None:
        return
    for p in path.parent.glob(path.name + "*"):
        p.unlink(missing_ok=True)


def run(args: argparse.Namespace) -> dict[str, Any]:
    datasets = [d.strip() for d in args.datasets.split(",") if d.strip()]
    encodings = [e.strip() for e in args.encodings.split(",") if e.strip()]
    tools = [t.strip() for t in args.tools.split(",")] if args.tools else list(TOOLS)
    unknown = sorted(set(tools) - set(TOOLS))
    if unknown:
        raise SystemExit(f"unknown tools: {', '.join(unknown)} (known: {', '.join(TOOLS)})")
    notes: list[str] = []
    if "frictionless" in tools and importlib.util.find_spec("frictionless") is None:
        tools.remove("frictionless")
        notes.append("frictionless is not installed (pip install '.[bench]'): not measured")

    OUT.mkdir(parents=True, exist_ok=True)
    gen = _load_generator()
    files = [
        ensure_file(gen, d, args.rows, e, args.faults, args.seed)
        for d in datasets
        for e in encodings
    ]
    small = ensure_file(gen, datasets[0], SMALL_ROWS, "utf-8", args.faults, args.seed)
    if len(files) < 2:
        tools = [t for t in tools if t not in ALL_FILES_TOOLS]

    if args.keep:
        work = OUT / time.strftime("run-%Y%m%d-%H%M%S")
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="stdschema-bench-"))
    plan = Plan(cli=cli_command(), work=work, files=files, small=small)
    for f in files:
        schema_path = work / f"{f.path.stem}.tableschema.json"
        schema_path.write_text(
            json.dumps(table_schema(f.dataset, _header(f)), ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        plan.schemas[f.path] = schema_path
    log = work / "stderr.log"
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    try:
        _warm_up(plan, tools, log)
        samples, scores = _rounds(plan, tools, args.repeat, log, args.keep)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg() if hasattr(os, "getloadavg") else None
    if args.keep:
        notes.append(f"measurement outputs kept in {work.relative_to(ROOT)}")
    return summarise(args, plan, tools, samples, scores, notes, (load_before, load_after))


def _warm_up(plan: Plan, tools: list[str], log: Path) -> None:
    """One untimed run of each code path on the 10-row file: bytecode caches, page cache."""
    small = plan.small
    warm = Plan(plan.cli, plan.work, [small], small, dict(plan.schemas))
    if "frictionless" in tools:
        schema_path = plan.work / "warm.tableschema.json"
        schema_path.write_text(
            json.dumps(table_schema(small.dataset, _header(small))), encoding="utf-8"
        )
        warm.schemas[small.path] = schema_path
    for tool in tools:
        if tool in ALL_FILES_TOOLS:
            continue
        cmd, ok, out = warm.command(tool, small, -1)
        measure(cmd, ok, log)
        _discard(out)


Key = tuple[str, str]  # (file label or "", tool)


def _rounds(
    plan: Plan, tools: list[str], repeat: int, log: Path, keep: bool
) -> tuple[dict[Key, list[Sample]], dict[Key, dict[str, Any]]]:
    """Every tool once a round, ``repeat`` rounds: drift in machine load hits all tools alike."""
    samples: dict[Key, list[Sample]] = {}
    scores: dict[Key, dict[str, Any]] = {}
    jobs: list[tuple[str, GenFile | None]] = []
    for f in plan.files:
        jobs += [(t, f) for t in tools if t in PER_FILE_TOOLS]
    jobs += [(t, None) for t in tools if t in ALL_FILES_TOOLS + STARTUP_TOOLS]
    for rep in range(repeat):
        for tool, file in jobs:
            cmd, ok, out = plan.command(tool, file, rep)
            sample = measure(cmd, ok, log)
            if out is not None and not out.exists():
                # An exit status the tool may give, but no output: it did not run (a broken
                # install, an import error). Timing it would report a fast nothing.
                tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
                raise RuntimeError(f"{' '.join(cmd)} wrote no {out.name}:\n{tail}")
            key = (file.label if file else "", tool)
            samples.setdefault(key, []).append(sample)
            _log(f"round {rep + 1}/{repeat} {key[0] or '-'} {tool}: {sample.seconds:.3f} s")
            if rep == 0 and file is not None and out is not None:
                if tool in SCORED:
                    scores[key] = score_report(file, out)
                elif tool == "frictionless":
                    scores[key] = score_frictionless(file, out)
            if not keep or rep < repeat - 1:
                _discard(out)
    return samples, scores


# --- summary ----------------------------------------------------------------------


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _stats(samples: list[Sample], rows: int, size: int) -> dict[str, Any]:
    seconds = statistics.median(s.seconds for s in samples)
    return {
        "median_s": seconds,
        "samples_s": [round(s.seconds, 4) for s in samples],
        "rows_per_s": rows / seconds if rows else None,
        "mb_per_s": size / 1e6 / seconds if size else None,
        "peak_rss_mb": max((s.rss_mb for s in samples if s.rss_mb is not None), default=None),
        "cpu_s": _median([s.cpu_seconds for s in samples]),
    }


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a and b else None


def _target(
    name: str, value: float | None, threshold: float, met: bool | None, note: str = ""
) -> dict[str, Any]:
    return {"name": name, "value": value, "threshold": threshold, "met": met, "note": note}


def summarise(
    args: argparse.Namespace,
    plan: Plan,
    tools: list[str],
    samples: dict[Key, list[Sample]],
    scores: dict[Key, dict[str, Any]],
    notes: list[str],
    load: tuple[Any, Any],
) -> dict[str, Any]:
    files_out = []
    totals: dict[str, list[float]] = {}  # tool -> [rows, seconds, bytes, CPU seconds]
    peak: dict[str, float] = {}
    for f in plan.files:
        per_tool = {}
        for tool in tools:
            if (f.label, tool) not in samples:
                continue
            st = _stats(samples[(f.label, tool)], f.rows, f.bytes)
            per_tool[tool] = st
            acc = totals.setdefault(tool, [0.0, 0.0, 0.0, 0.0])
            acc[0] += f.rows
            acc[1] += st["median_s"]
            acc[2] += f.bytes
            acc[3] += st["cpu_s"] or 0.0
            if st["peak_rss_mb"] is not None:
                peak[tool] = max(peak.get(tool, 0.0), st["peak_rss_mb"])
        rps = {t: s["rows_per_s"] for t, s in per_tool.items()}
        files_out.append(
            {
                "dataset": f.dataset,
                "encoding": f.encoding,
                "path": str(f.path.relative_to(ROOT)),
                "rows": f.rows,
                "bytes": f.bytes,
                "faults": len(f.truth) - len(f.excluded),
                "excluded_faults": f.excluded,
                "tools": per_tool,
                "ratios": _ratios(rps),
                "scores": {t: scores[(f.label, t)] for t in tools if (f.label, t) in scores},
            }
        )
    rows_per_s = {t: acc[0] / acc[1] for t, acc in totals.items()}
    mb_per_s = {t: acc[2] / 1e6 / acc[1] for t, acc in totals.items()}
    seconds = {t: acc[1] for t, acc in totals.items()}
    cpu = {t: acc[3] for t, acc in totals.items()}
    total_rows = sum(f.rows for f in plan.files)
    for tool in ALL_FILES_TOOLS:
        if ("", tool) in samples:
            st = _stats(samples[("", tool)], total_rows, sum(f.bytes for f in plan.files))
            rows_per_s[tool] = st["rows_per_s"]
            mb_per_s[tool] = st["mb_per_s"]
            seconds[tool] = st["median_s"]
            cpu[tool] = st["cpu_s"]
            if st["peak_rss_mb"] is not None:
                peak[tool] = st["peak_rss_mb"]
    startup: dict[str, float] = {}
    for tool in STARTUP_TOOLS:
        if ("", tool) in samples:
            st = _stats(samples[("", tool)], 0, 0)
            startup[tool] = st["median_s"]
            if st["peak_rss_mb"] is not None:
                peak[tool] = st["peak_rss_mb"]
    ratios = _ratios(rows_per_s)
    ratios["jobs2_vs_jobs1_files"] = _ratio(
        rows_per_s.get("validate_all_fast_j2"), rows_per_s.get("validate_all_fast_j1")
    )
    recall: dict[str, float | None] = {}
    false_positives: dict[str, Any] = {}
    for tool in (*SCORED, "frictionless"):
        parts = [scores[(f.label, tool)] for f in plan.files if (f.label, tool) in scores]
        if not parts:
            continue
        faults = sum(p["faults"] for p in parts)
        recall[tool] = sum(p["found"] for p in parts) / faults if faults else 1.0
        codes: Counter[str] = Counter()
        for p in parts:
            codes.update(p["false_positive_codes"])
        false_positives[tool] = {"count": sum(codes.values()), "codes": dict(codes.most_common())}
        for f in plan.files:
            score = scores.get((f.label, tool))
            if score is None:
                continue
            if score.get("truncated"):
                notes.append(
                    f"{tool} {f.label}: report truncated at --max-problems {MAX_PROBLEMS};"
                    " recall is a lower bound"
                )
            detected = score.get("detected")
            if detected and detected != f.dataset:
                notes.append(f"{tool} {f.label}: detected as {detected}, not {f.dataset}")
    if "validate_fast_j2" in rows_per_s:
        notes.append(JOBS_NOTE)
    for f in plan.files:
        if f.excluded:
            notes.append(
                f"{f.label}: {len(f.excluded)} injected fault(s) not counted (see excluded_faults)"
            )

    targets = _targets(args.rows, ratios, recall, false_positives, peak, startup)
    return {
        "rows": args.rows,
        "repeat": args.repeat,
        "rows_per_s": rows_per_s,
        "mb_per_s": mb_per_s,
        "seconds": seconds,
        "cpu_s": cpu,
        "peak_rss_mb": peak,
        "startup_s": startup,
        "ratios": ratios,
        "recall": recall,
        "false_positives": false_positives,
        "targets": targets,
        "files": files_out,
        "notes": notes,
        "cli": plan.cli,
        "machine": machine_facts(load, ("stdschema", "polars", "pydantic", "frictionless")),
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def _ratios(rps: Mapping[str, float | None]) -> dict[str, float | None]:
    fast = rps.get("validate_fast_j1")
    return {
        "validate_vs_frictionless": _ratio(fast, rps.get("frictionless")),
        "validate_vs_csv_reader": _ratio(fast, rps.get("csv_reader")),
        "jobs2_vs_jobs1": _ratio(rps.get("validate_fast_j2"), fast),
    }


def _targets(
    rows: int,
    ratios: dict[str, float | None],
    recall: dict[str, float | None],
    false_positives: dict[str, Any],
    peak: dict[str, float],
    startup: dict[str, float],
) -> list[dict[str, Any]]:
    def judged(value: float | None, ok: Callable[[float], bool]) -> bool | None:
        return None if value is None else ok(value)

    found = []
    vf = ratios.get("validate_vs_frictionless")
    found.append(
        _target(
            "validate_fast_j1 rows/s >= 10x frictionless",
            vf,
            10.0,
            judged(vf, lambda v: v >= 10),
            "" if vf is not None else "not measured",
        )
    )
    vc = ratios.get("validate_vs_csv_reader")
    found.append(
        _target(
            "validate_fast_j1 rows/s >= 1.0x csv.reader", vc, 1.0, judged(vc, lambda v: v >= 1.0)
        )
    )
    for tool in SCORED:
        if tool in recall:
            r = recall[tool]
            found.append(_target(f"recall of {tool} = 100%", r, 1.0, judged(r, lambda v: v >= 1.0)))
            fp = false_positives[tool]["count"]
            found.append(_target(f"false positives of {tool} = 0", fp, 0, fp == 0))
    rss = max((peak[t] for t in VALIDATORS if t in peak), default=None)
    if rows >= RSS_JUDGED_FROM_ROWS:
        found.append(
            _target(
                "peak RSS of validate < 300 MB at 1M rows", rss, 300, judged(rss, lambda v: v < 300)
            )
        )
    else:
        found.append(
            _target(
                "peak RSS of validate < 300 MB at 1M rows",
                rss,
                300,
                None,
                "not judged at this size",
            )
        )
    for tool, name, limit in (
        ("cli_help", "stdschema --help", STARTUP_LIMITS["cli_help"]),
        ("validate_10_rows", "validate a 10-row file", STARTUP_LIMITS["validate_10_rows"]),
    ):
        s = startup.get(tool)
        found.append(
            _target(
                f"{name} < {limit:.2f} s wall",
                s,
                limit,
                judged(s, lambda v, limit=limit: v < limit),
                "" if s is not None else "not measured",
            )
        )
    return found


# --- printing ---------------------------------------------------------------------


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _row(tool: str, st: dict[str, Any]) -> str:
    return (
        f"  {tool:<22}{_fmt(st.get('median_s'), '.3f'):>10}{_fmt(st.get('rows_per_s'), ',.0f'):>12}"
        f"{_fmt(st.get('mb_per_s'), '.1f'):>9}{_fmt(st.get('peak_rss_mb'), '.0f'):>13}"
        f"{_fmt(st.get('cpu_s'), '.2f'):>9}\n"
    )


def print_table(result: dict[str, Any]) -> None:
    w = sys.stdout.write
    m = result["machine"]
    w(f"stdschema benchmark: {result['rows']:,} rows a file, ")
    w(f"median of {result['repeat']} fresh processes\n")
    w(f"machine: {m['cpu_count']} CPUs, Python {m['python']}, {m['platform']}, ")
    w(f"load average {m['load_average_before']}\n")
    head = (
        f"  {'tool':<22}{'median s':>10}{'rows/s':>12}{'MB/s':>9}{'peak RSS MB':>13}{'CPU s':>9}\n"
    )
    for f in result["files"]:
        w(f"\n{f['dataset']} {f['encoding']}: {f['rows']:,} rows, ")
        w(f"{f['bytes'] / 1e6:.1f} MB, {f['faults']:,} faults\n")
        w(head)
        for tool, st in f["tools"].items():
            w(_row(tool, st))
        w("  ratios: " + ", ".join(f"{k} {_fmt(v, '.2f')}" for k, v in f["ratios"].items()) + "\n")
    w("\nall files (rows/s = all rows / sum of medians)\n")
    w(head)
    for tool, rps in result["rows_per_s"].items():
        st = {
            "median_s": result["seconds"][tool],
            "rows_per_s": rps,
            "mb_per_s": result["mb_per_s"].get(tool),
            "peak_rss_mb": result["peak_rss_mb"].get(tool),
            "cpu_s": result["cpu_s"].get(tool),
        }
        w(_row(tool, st))
    for tool, seconds in result["startup_s"].items():
        w(_row(tool, {"median_s": seconds, "peak_rss_mb": result["peak_rss_mb"].get(tool)}))
    w("\nratios\n")
    for k, v in result["ratios"].items():
        w(f"  {k:<28}{_fmt(v, '.2f')}\n")
    w("\nrecall and false positives (problems of severity error or warning)\n")
    for tool, r in result["recall"].items():
        fp = result["false_positives"][tool]
        codes = ", ".join(f"{c} {n}" for c, n in fp["codes"].items()) or "-"
        w(f"  {tool:<22}recall {_fmt(r, '.2%')}, false positives {fp['count']} ({codes})\n")
        for f in result["files"]:
            s = f["scores"].get(tool)
            if s and s["missed_by_kind"]:
                w(f"    missed in {f['dataset']} {f['encoding']}: {s['missed_by_kind']}\n")
    w("\ntargets\n")
    for t in result["targets"]:
        state = {True: "met", False: "NOT MET", None: "-"}[t["met"]]
        value = t["value"]
        shown = _fmt(value, ".3f") if isinstance(value, float) else str(value)
        note = f" ({t['note']})" if t["note"] else ""
        w(f"  [{state:^7}] {t['name']}: {shown}{note}\n")
    if result["notes"]:
        w("\nnotes\n")
        for n in result["notes"]:
            w(f"  - {n}\n")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="data rows a file")
    parser.add_argument("--datasets", default=DEFAULT_DATASETS, help="comma-separated ID@ED")
    parser.add_argument("--encodings", default=DEFAULT_ENCODINGS, help="utf-8 and/or cp932")
    parser.add_argument("--repeat", type=int, default=3, help="rounds; medians are reported")
    parser.add_argument("--tools", default="", help=f"comma-separated subset of {', '.join(TOOLS)}")
    parser.add_argument("--faults", type=float, default=0.01, help="fault rate of generated files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--keep", action="store_true", help="keep reports and outputs in benchmarks/out/"
    )
    args = parser.parse_args(argv)
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")
    result = run(args)
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
