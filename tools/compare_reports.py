"""Before/after comparison: every report the tool gives on the project's real files.

A refactoring must not change behaviour. ``snapshot`` runs, on every real file in
``tests/data/real`` and ``examples/``:

- ``validate`` with both engines (Pydantic in Japanese, fast in English) → the JSON report;
- ``map suggest`` on each legacy file, for its nearest dataset → the draft YAML;
- ``convert`` of each example with its mapping, and fix mode on each standard CSV → the
  report JSON and every output file's text;

and writes them to one JSON file. ``compare`` prints what differs between two snapshots and
exits 1 when anything does.

    python tools/compare_reports.py snapshot after.json
    git worktree add /tmp/before <commit>
    (cd /tmp/before && PYTHONPATH=/tmp/before python /work/main/tools/compare_reports.py \\
        snapshot --root /tmp/before before.json)
    python tools/compare_reports.py compare /tmp/before/before.json after.json

``--root`` names the checkout whose data files are read; the ``stdschema`` imported is the
one first on ``sys.path`` (``PYTHONPATH`` selects the old tree). Paths in the snapshot are
relative to the root, so the two snapshots compare.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xml")


def _files(root: Path) -> list[Path]:
    found = [
        p
        for base in (root / "tests" / "data" / "real", root / "examples")
        for p in base.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and "output" not in p.parts
    ]
    return sorted(found)


def _relative(text: str, root: Path) -> str:
    return text.replace(str(root) + os.sep, "").replace(str(root), ".")


def _validate(path: Path, root: Path) -> dict[str, Any]:
    from stdschema.io import InputError
    from stdschema.validation import Options, validate_file

    out: dict[str, Any] = {}
    for engine, lang in (("pydantic", "ja"), ("fast", "en")):
        try:
            report = validate_file(path, Options(lang=lang, engine=engine))  # type: ignore[arg-type]
            out[engine] = json.loads(_relative(report.model_dump_json(), root))
        except InputError as exc:
            out[engine] = {"error": exc.code, "message": _relative(str(exc), root)}
    return out


def _suggest(path: Path, root: Path) -> str:
    from stdschema.conversion.suggest import render_yaml, suggest_mapping
    from stdschema.datasets import detect
    from stdschema.io import InputError, open_table

    try:
        with open_table(path) as table:
            header = list(table.header)
        found = detect(header, path.name)
        if not found.candidates:
            return "(no candidate)"
        target = found.candidates[0].key
        return _relative(render_yaml(suggest_mapping(path, target)), root)
    except (InputError, ValueError) as exc:
        return f"error: {_relative(str(exc), root)}"


def _convert(path: Path, root: Path, **kwargs: Any) -> dict[str, Any]:
    from stdschema.conversion.engine import convert
    from stdschema.conversion.mapping import MappingError
    from stdschema.io import InputError

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        try:
            report = convert(
                path,
                output=folder / "out.csv",
                rejects=folder / "rejects.csv",
                changes=folder / "changes.csv",
                lang="ja",
                **kwargs,
            )
        except (InputError, MappingError) as exc:
            return {"error": _relative(str(exc), root)}
        texts = {
            p.name: _relative(p.read_text(encoding="utf-8-sig"), root).replace(tmp, "TMP")
            for p in sorted(folder.iterdir())
        }
        doc = json.loads(_relative(report.model_dump_json(), root).replace(tmp, "TMP"))
    return {"report": doc, "outputs": texts}


def snapshot(root: Path) -> dict[str, Any]:
    from stdschema.datasets import detect
    from stdschema.io import InputError, open_table

    result: dict[str, Any] = {}
    for path in _files(root):
        key = path.relative_to(root).as_posix()
        entry: dict[str, Any] = {"validate": _validate(path, root)}
        if "legacy" in path.parts:
            entry["suggest"] = _suggest(path, root)
        mapping = path.parent / "mapping.yaml"
        if "examples" in path.parts and mapping.exists():
            entry["convert"] = _convert(path, root, mapping=mapping)
        elif "standard" in path.parts or "v2" in path.parts:
            try:
                with open_table(path) as table:
                    found = detect(list(table.header), path.name)
            except InputError:
                found = None
            if found is not None and found.best is not None and path.suffix == ".csv":
                entry["fix"] = _convert(path, root, dataset=found.best.key)
        result[key] = entry
    return result


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    diffs: list[str] = []
    for key in sorted(set(before) | set(after)):
        if key not in before or key not in after:
            diffs.append(f"{key}: only in {'after' if key in after else 'before'}")
            continue
        a = json.dumps(before[key], ensure_ascii=False, indent=1, sort_keys=True).splitlines()
        b = json.dumps(after[key], ensure_ascii=False, indent=1, sort_keys=True).splitlines()
        if a != b:
            diff = list(difflib.unified_diff(a, b, "before", "after", lineterm="", n=2))
            diffs.append(f"{key}:\n" + "\n".join(diff[:80]))
    return diffs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot", help="write every report of the real files to OUT")
    snap.add_argument("out", type=Path)
    snap.add_argument("--root", type=Path, default=ROOT, help="checkout whose data is read")
    comp = sub.add_parser("compare", help="print the differences of two snapshots")
    comp.add_argument("before", type=Path)
    comp.add_argument("after", type=Path)
    comp.add_argument(
        "--rename",
        action="append",
        default=[],
        metavar="OLD=NEW",
        help="read ,OLD, in the before snapshot's change logs as ,NEW, (an intended rename)",
    )
    args = parser.parse_args()
    if args.command == "snapshot":
        data = snapshot(args.root.resolve())
        args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"{len(data)} files → {args.out}")
        return 0
    text = args.before.read_text(encoding="utf-8")
    for pair in args.rename:
        old, _, new = pair.partition("=")
        # Change-log rows end in ",<transform>\n" (escaped inside the JSON text).
        text = text.replace(f",{old}\\n", f",{new}\\n")
    before = json.loads(text)
    after = json.loads(args.after.read_text(encoding="utf-8"))
    diffs = compare(before, after)
    for d in diffs:
        print(d)
    print(f"{len(before)} files compared, {len(diffs)} differ")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
