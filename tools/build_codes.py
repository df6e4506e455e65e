"""Build the 全国地方公共団体コード package data from the raw lists in tests/data/codes/.

Usage::

    python tools/build_codes.py           # (re)write stdschema/codes/data/
    python tools/build_codes.py --check   # exit 1 when the package data is stale

The 総務省 sheets 1 and 2 are the source of truth. code4fukui/localgovjp is only
compared against them; its codes are added solely when 総務省 lacks them and they
are not known to be abolished.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "tests" / "data" / "codes"
OUT_DIR = ROOT / "stdschema" / "codes" / "data"

# Running as ``python tools/build_codes.py`` puts tools/ (not the root) on sys.path.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from stdschema.checkdigits import is_valid_local_gov_code  # noqa: E402

SHEET1 = "soumu_zenkoku_chihou_koukyou_dantai_code.csv"
SHEET2 = "soumu_seirei_shitei_toshi_ku_code.csv"
LOCALGOVJP = "localgovjp-utf8.csv"
PREFJP = "prefjp-utf8.csv"

CSV_NAME = "local_gov_codes.csv"
SOURCE_NAME = "SOURCE.md"
COLUMNS = (
    "code",
    "prefecture",
    "municipality",
    "prefecture_kana",
    "municipality_kana",
    "kind",
    "parent",
    "source",
)

# 東京都の特別区 (千代田区..江戸川区) occupy this contiguous code range.
SPECIAL_WARD_RANGE = (131016, 131237)

# The 北方領土 villages are listed by 総務省 though they are not administered.
HOPPO_CODES = frozenset({"016951", "016969", "016977", "016985", "016993", "017001"})

# The "As of" section of SOURCE.md is written for exactly these sheet-2 notes;
# a different set means a newer 総務省 list, whose date must be reviewed by hand.
EXPECTED_NOTES = frozenset({"R6.1.1施行"})

# localgovjp still lists 浜松市's seven pre-2024 wards. 総務省 replaced them with
# 中央区/浜名区/天竜区 effective 2024-01-01 (R6.1.1施行), so they must not be
# re-added as live codes.
KNOWN_ABOLISHED = {
    "221317": "浜松市中区",
    "221325": "浜松市東区",
    "221333": "浜松市西区",
    "221341": "浜松市南区",
    "221350": "浜松市北区",
    "221368": "浜松市浜北区",
    "221376": "浜松市天竜区",
}


class BuildError(Exception):
    """The raw lists violate an assumption the build relies on."""


@dataclass(frozen=True)
class SoumuRow:
    """One data row of a 総務省 sheet."""

    code: str
    prefecture: str
    municipality: str
    prefecture_kana: str
    municipality_kana: str
    note: str


@dataclass(frozen=True)
class Record:
    """One row of the normalised package CSV."""

    code: str
    prefecture: str
    municipality: str
    prefecture_kana: str
    municipality_kana: str
    kind: str
    parent: str
    source: str

    def as_row(self) -> list[str]:
        return [
            self.code,
            self.prefecture,
            self.municipality,
            self.prefecture_kana,
            self.municipality_kana,
            self.kind,
            self.parent,
            self.source,
        ]


@dataclass
class Comparison:
    """Differences between the 総務省 list and code4fukui/localgovjp."""

    sheet1_rows: int = 0
    sheet2_rows: int = 0
    sheet_overlap: list[str] = field(default_factory=list)
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    only_soumu: list[tuple[str, str]] = field(default_factory=list)
    only_localgovjp: list[tuple[str, str]] = field(default_factory=list)
    added_from_localgovjp: list[str] = field(default_factory=list)
    name_diffs: list[tuple[str, str, str]] = field(default_factory=list)
    kana_diffs: list[tuple[str, str, str, str]] = field(default_factory=list)
    pref_diffs: list[str] = field(default_factory=list)
    kana_anomalies: list[tuple[str, str, str]] = field(default_factory=list)
    localgovjp_rows: int = 0
    prefjp_rows: int = 0


def to_katakana(text: str) -> str:
    """Full-width katakana from half-width katakana or hiragana."""
    # NFKC composes half-width voiced marks (ｶﾞ -> ガ) and widens the rest.
    text = unicodedata.normalize("NFKC", text)
    return "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" else ch for ch in text)


def _is_katakana(text: str) -> bool:
    return all("ァ" <= ch <= "ヺ" or ch == "ー" for ch in text)


def _read_csv(path: Path, encoding: str) -> list[list[str]]:
    with path.open(encoding=encoding, newline="") as handle:
        return list(csv.reader(handle))


def read_soumu(path: Path) -> list[SoumuRow]:
    """Read a 総務省 sheet export; the header spans several physical lines."""
    rows = _read_csv(path, "utf-8")
    header = rows[0]
    if not header or header[0] != "団体コード":
        raise BuildError(f"{path.name}: unexpected header {header!r}")
    result = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(row):
            continue
        if len(row) < 5:
            raise BuildError(f"{path.name} record {line}: too few columns {row!r}")
        code = row[0].strip()
        if not is_valid_local_gov_code(code):
            raise BuildError(f"{path.name} record {line}: bad code {code!r}")
        # Sheet 2 carries a free-text note column (e.g. "R6.1.1施行").
        note = " ".join(cell.strip() for cell in row[5:] if cell.strip())
        result.append(SoumuRow(code, row[1], row[2], row[3], row[4], note))
    return result


def _index_unique(rows: Iterable[SoumuRow], label: str) -> dict[str, SoumuRow]:
    index: dict[str, SoumuRow] = {}
    for row in rows:
        if row.code in index:
            raise BuildError(f"{label}: duplicate code {row.code}")
        index[row.code] = row
    return index


def _kind_of(row: SoumuRow, designated: set[str]) -> str:
    if not row.municipality:
        return "prefecture"
    if row.code in designated:
        return "designated_city"
    low, high = SPECIAL_WARD_RANGE
    if row.prefecture == "東京都" and low <= int(row.code) <= high:
        if not row.municipality.endswith("区"):
            raise BuildError(f"{row.code}: special-ward code for {row.municipality}")
        return "special_ward"
    return "municipality"


def _find_parent(ward: SoumuRow, cities: Sequence[SoumuRow]) -> SoumuRow:
    # Ward names are written "札幌市中央区"; the longest city prefix wins.
    matches = [
        city
        for city in cities
        if city.prefecture == ward.prefecture and ward.municipality.startswith(city.municipality)
    ]
    if not matches:
        raise BuildError(f"{ward.code} {ward.municipality}: no designated city")
    return max(matches, key=lambda city: len(city.municipality))


def _record(row: SoumuRow, kind: str, parent: str, source: str) -> Record:
    pref_kana = to_katakana(row.prefecture_kana)
    muni_kana = to_katakana(row.municipality_kana)
    if not (_is_katakana(pref_kana) and _is_katakana(muni_kana)):
        raise BuildError(f"{row.code}: kana not katakana: {pref_kana!r} {muni_kana!r}")
    return Record(
        row.code, row.prefecture, row.municipality, pref_kana, muni_kana, kind, parent, source
    )


def build_records(raw_dir: Path = RAW_DIR) -> tuple[list[Record], Comparison]:
    """Merge the raw lists into records sorted by code, plus a comparison report."""
    report = Comparison()
    sheet1_rows = read_soumu(raw_dir / SHEET1)
    sheet2_rows = read_soumu(raw_dir / SHEET2)
    report.sheet1_rows = len(sheet1_rows)
    report.sheet2_rows = len(sheet2_rows)
    sheet1 = _index_unique(sheet1_rows, SHEET1)
    sheet2 = _index_unique(sheet2_rows, SHEET2)

    # Sheet 2 repeats the designated cities of sheet 1 above their wards.
    designated = set(sheet1) & set(sheet2)
    report.sheet_overlap = sorted(designated)
    for code in designated:
        first, second = sheet1[code], sheet2[code]
        if (first.prefecture, first.municipality, first.municipality_kana) != (
            second.prefecture,
            second.municipality,
            second.municipality_kana,
        ):
            raise BuildError(f"{code}: sheets 1 and 2 disagree: {first} / {second}")

    records: dict[str, Record] = {}
    for row in sheet1_rows:
        records[row.code] = _record(row, _kind_of(row, designated), "", "soumu1")
    cities = [sheet1[code] for code in sorted(designated)]
    for row in sheet2_rows:
        if row.note:
            report.notes.append((row.code, row.municipality, row.note))
        if row.code in designated:
            continue
        parent = _find_parent(row, cities)
        records[row.code] = _record(row, "ward", parent.code, "soumu2")
        city_kana = to_katakana(parent.municipality_kana)
        if not to_katakana(row.municipality_kana).startswith(city_kana):
            report.kana_anomalies.append(
                (row.code, row.municipality, to_katakana(row.municipality_kana))
            )

    found_notes = {note for _, _, note in report.notes}
    if found_notes != EXPECTED_NOTES:
        raise BuildError(
            f"sheet notes {sorted(found_notes)} differ from {sorted(EXPECTED_NOTES)}:"
            " review the 'As of' text in render_source_md"
        )

    prefectures = {r.code: r for r in records.values() if r.kind == "prefecture"}
    if len(prefectures) != 47:
        raise BuildError(f"expected 47 prefectures, found {len(prefectures)}")
    pref_code_by_name = {r.prefecture: r.code for r in prefectures.values()}

    _compare_localgovjp(raw_dir, records, pref_code_by_name, report)
    _compare_prefjp(raw_dir, prefectures, report)
    return [records[code] for code in sorted(records)], report


def _compare_localgovjp(
    raw_dir: Path,
    records: dict[str, Record],
    pref_code_by_name: dict[str, str],
    report: Comparison,
) -> None:
    rows = _read_csv(raw_dir / LOCALGOVJP, "utf-8-sig")
    header = rows[0]
    col = {name: index for index, name in enumerate(header)}
    seen: set[str] = set()
    soumu_codes = set(records)
    for row in rows[1:]:
        if not any(row):
            continue
        report.localgovjp_rows += 1
        code = row[col["lgcode"]].strip()
        if not is_valid_local_gov_code(code):
            raise BuildError(f"{LOCALGOVJP}: bad lgcode {code!r}")
        prefecture = row[col["pref"]]
        # localgovjp writes wards as "札幌市 中央区"; 総務省 has no space.
        municipality = "".join(row[col["city"]].split())
        kana = to_katakana("".join(row[col["citykana"]].split()))
        seen.add(code)
        existing = records.get(code)
        if existing is None:
            report.only_localgovjp.append((code, prefecture + municipality))
            if code in KNOWN_ABOLISHED:
                continue
            report.added_from_localgovjp.append(code)
            records[code] = _localgovjp_record(
                code, prefecture, municipality, kana, records, pref_code_by_name
            )
            continue
        if (existing.prefecture, existing.municipality) != (prefecture, municipality):
            report.name_diffs.append(
                (code, existing.prefecture + existing.municipality, prefecture + municipality)
            )
        if existing.municipality_kana != kana:
            report.kana_diffs.append(
                (code, existing.municipality, existing.municipality_kana, kana)
            )
    report.only_soumu = [
        (code, records[code].prefecture + records[code].municipality)
        for code in sorted(soumu_codes - seen)
    ]


def _localgovjp_record(
    code: str,
    prefecture: str,
    municipality: str,
    kana: str,
    records: dict[str, Record],
    pref_code_by_name: dict[str, str],
) -> Record:
    pref_code = pref_code_by_name.get(prefecture)
    if pref_code is None:
        raise BuildError(f"{LOCALGOVJP}: {code} has unknown prefecture {prefecture!r}")
    pref = records[pref_code]
    kind, parent = "municipality", ""
    for city in records.values():
        if (
            city.kind == "designated_city"
            and city.prefecture == prefecture
            and municipality.startswith(city.municipality)
            and municipality != city.municipality
        ):
            kind, parent = "ward", city.code
    return Record(
        code, prefecture, municipality, pref.prefecture_kana, kana, kind, parent, "localgovjp"
    )


def _compare_prefjp(raw_dir: Path, prefectures: dict[str, Record], report: Comparison) -> None:
    rows = _read_csv(raw_dir / PREFJP, "utf-8-sig")
    col = {name: index for index, name in enumerate(rows[0])}
    for row in rows[1:]:
        if not any(row):
            continue
        report.prefjp_rows += 1
        # prefjp stores the code as a number, dropping the leading zero (10006).
        code = row[col["lgcode"]].strip().zfill(6)
        record = prefectures.get(code)
        kana = to_katakana(row[col["prefkana"]])
        if record is None:
            report.pref_diffs.append(f"{code} {row[col['pref']]}: not a 総務省 prefecture code")
        elif (record.prefecture, record.prefecture_kana) != (row[col["pref"]], kana):
            report.pref_diffs.append(
                f"{code}: 総務省 {record.prefecture} {record.prefecture_kana}"
                f" / prefjp {row[col['pref']]} {kana}"
            )
    if report.prefjp_rows != len(prefectures):
        report.pref_diffs.append(f"prefjp has {report.prefjp_rows} rows, 総務省 47")


def render_csv(records: Sequence[Record]) -> str:
    """The package CSV: UTF-8, LF, header row, sorted by code."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow(record.as_row())
    return buffer.getvalue()


def _bullets(items: Iterable[str], empty: str = "none") -> str:
    lines = [f"- {item}" for item in items]
    return "\n".join(lines) if lines else f"- {empty}"


def render_source_md(records: Sequence[Record], report: Comparison) -> str:
    """SOURCE.md: provenance, currency and licences of the package data."""
    kinds: dict[str, int] = {}
    for record in records:
        kinds[record.kind] = kinds.get(record.kind, 0) + 1
    kind_text = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
    by_code = {record.code: record for record in records}
    only_soumu_prefs = sum(1 for code, _ in report.only_soumu if by_code[code].kind == "prefecture")
    only_soumu = [
        f"{code} {name}" + (" (北方領土)" if code in HOPPO_CODES else "")
        for code, name in report.only_soumu
        if by_code[code].kind != "prefecture"
    ]
    notes = [f"{code} {name}: {note}" for code, name, note in report.notes]
    only_lg = [
        f"{code} {name}"
        + (" (abolished 2024-01-01; not included)" if code in KNOWN_ABOLISHED else "")
        for code, name in report.only_localgovjp
    ]
    name_diffs = [
        f"{code}: 総務省 {ours} / localgovjp {theirs}" for code, ours, theirs in report.name_diffs
    ]
    kana_diffs = [
        f"{code} {name}: 総務省 {ours} / localgovjp {theirs}"
        for code, name, ours, theirs in report.kana_diffs
    ]
    anomalies = [
        f"{code} {name}: kana {kana} lacks the city's シ (kept as published)"
        for code, name, kana in report.kana_anomalies
    ]
    if report.added_from_localgovjp:
        lg_text = (
            "localgovjp (2026-07-09) contributes codes that 総務省 lacks;\nsee"
            " 'Added from localgovjp' below."
        )
    else:
        lg_text = (
            "localgovjp (2026-07-09) has no live code that 総務省 lacks,\nbut it"
            " still lists 浜松市's pre-2024 wards, so it is no evidence that\nnothing"
            " changed after 2024-01-01."
        )
    return f"""# Source of `local_gov_codes.csv`

Generated by `tools/build_codes.py` from the byte-exact copies in
`tests/data/codes/` (see the README there). Do not edit by hand; rerun the
tool and check with `python tools/build_codes.py --check`.

## Sources

1. **総務省「全国地方公共団体コード」** (https://www.soumu.go.jp/denshijiti/code.html),
   sheet 1 (都道府県・市区町村, {report.sheet1_rows} rows) and sheet 2
   (政令指定都市・行政区, {report.sheet2_rows} rows). Source of truth.
   CSV export of the official Excel by ohwada/World_Countries
   (`japan_municipaliy/japan_municipal_code/files/japan_municipal_code.csv`,
   `japan_municipaliy/japan_ordinance_designated_city_code/files/japan_ordinance_designated_city_code.csv`,
   commit 12c61375cec3d65bde88c4f3f7f3ae54d3303434, 2023-08-13).
   Licence: 総務省 website terms, based on the 政府標準利用規約 (compatible
   with CC BY 4.0 and 公共データ利用規約 PDL1.0); reuse with attribution, e.g.
   「出典：総務省「全国地方公共団体コード」（https://www.soumu.go.jp/denshijiti/code.html）を加工して作成」.
   The ohwada/World_Countries repository states no licence of its own.
2. **code4fukui/localgovjp** (`localgovjp-utf8.csv`, commit
   cd94f841f22235759ed29e7f38ecc2fbc6671e6b, 2026-07-09; `prefjp-utf8.csv`,
   commit 4c7b5625a1e0c6322825c668b3682eff09f1cbd0, 2026-01-24), CC0. Used only
   for comparison; codes missing from 総務省 would be added with
   `source=localgovjp` unless known to be abolished.

## As of

The codes are **as of 2024-01-01**. The newest change visible in the data is
浜松市's ward reorganisation effective 2024-01-01 (sheet 2 notes below: the new
中央区/浜名区/天竜区 codes are marked R6.1.1施行 and the seven old wards are
absent). The export was committed on 2023-08-13, so the list is the version
総務省 published ahead of that change; any code change announced after
2023-08-13 is not reflected. {lg_text}

Sheet 2 notes:

{_bullets(notes)}

## Contents

{len(records)} codes: {kind_text}. Kana are converted from the 総務省 half-width
katakana to full-width with NFKC; everything else is as published (including
総務省's full-size kana in some 拗音 readings, e.g. シヨウナイマチ for 庄内町).
Sheets 1 and 2 both list the {len(report.sheet_overlap)} designated cities,
with identical data. Wards are named like 札幌市中央区 and carry the city's code
in `parent`; 東京23区 ({SPECIAL_WARD_RANGE[0]}..{SPECIAL_WARD_RANGE[1]}) are
`special_ward`. The six 北方領土 villages are included because 総務省 lists them.

Anomalies kept as published:

{_bullets(anomalies)}

## Differences 総務省 vs code4fukui/localgovjp

localgovjp has {report.localgovjp_rows} rows, 総務省 {len(records)} codes.

Only in 総務省: {only_soumu_prefs} prefectures (localgovjp keeps them in
prefjp-utf8.csv) and:

{_bullets(only_soumu)}

Only in localgovjp:

{_bullets(only_lg)}

Added from localgovjp: {", ".join(report.added_from_localgovjp) or "none"}.

Kanji name differences (after removing localgovjp's space in ward names):

{_bullets(name_diffs)}

Kana differences (localgovjp hiragana converted to katakana):

{_bullets(kana_diffs)}

prefjp-utf8.csv vs 総務省 prefectures ({report.prefjp_rows} rows, codes
zero-padded back to 6 digits):

{_bullets(report.pref_diffs, "none: all codes, names and kana agree")}
"""


def build_outputs(raw_dir: Path = RAW_DIR) -> dict[str, str]:
    """File name (relative to the data directory) -> expected text."""
    records, report = build_records(raw_dir)
    return {CSV_NAME: render_csv(records), SOURCE_NAME: render_source_md(records, report)}


def stale_outputs(raw_dir: Path = RAW_DIR, out_dir: Path = OUT_DIR) -> list[str]:
    """Names of output files that are missing or differ from a fresh build."""
    stale = []
    for name, text in build_outputs(raw_dir).items():
        path = out_dir / name
        if not path.is_file() or path.read_bytes() != text.encode("utf-8"):
            stale.append(name)
    return stale


def write_outputs(raw_dir: Path = RAW_DIR, out_dir: Path = OUT_DIR) -> list[Path]:
    """Write the package data; returns the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in build_outputs(raw_dir).items():
        path = out_dir / name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--check", action="store_true", help="exit 1 if the package data is stale")
    parser.add_argument("--raw-dir", type=Path, default=RAW_DIR)
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_outputs(args.raw_dir, args.out_dir)
        for name in stale:
            print(f"stale: {args.out_dir / name}", file=sys.stderr)
        return 1 if stale else 0
    for path in write_outputs(args.raw_dir, args.out_dir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
