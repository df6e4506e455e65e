"""Property tests: the convert invariant over random legacy tables, and value-type laws.

The laws already stated in test_types.py (check-digit generation vs validation
of codes and 法人番号 numbers) and test_normalize.py (idempotence of the text
transforms, 和暦 ↔ ISO round trip over sampled dates) are not repeated here;
this file adds what they leave out.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from stdschema.checkdigits import (
    corporate_number_check_digit,
    is_valid_corporate_number,
)
from stdschema.conversion.engine import convert
from stdschema.conversion.mapping import ColumnRule, Mapping, SourceOptions
from stdschema.normalize import iso_to_wareki, wareki_to_iso
from stdschema.types import CorporateNumber

# --------------------------------------------------------------------------- random legacy tables

# Header names as municipal files write them: Japanese, English, full-width, half-width kana.
COLUMN_POOL = (
    "名称",
    "住所",
    "番号",
    "ID",
    "No.",
    "Ｎｏ",
    "ﾌﾘｶﾞﾅ",
    "開始",
    "終了",
    "時間",
    "件数",
    "男性用",
    "設置場所",
    "備考",
    "日付",
    "緯度",
    "経度",
    "name",
    "address",
    "lat",
    "lon",
    "令和5年度",
    "電話番号",
)

# Cells that legacy files really contain, and the characters they are made of.
JUNK_CELLS = (
    "",
    " ",
    "　",
    "１２",
    "12",
    "-1",
    "1,234",
    "9:00",
    "９：００",
    "25:00",
    "7:30～18:30",
    "令和5年4月1日",
    "平成元年1月8日",
    "H12.10.15",
    "S47.4.1",
    "3/25/2021",
    "2023-04-01",
    "ｱｲｳｴｵ",
    "ﾄｲﾚ ﾊﾟｰｸ",
    "○",
    "有",
    "ー",
    '"quoted"',
    'say "hi"',
    "a,b",
    "line1\nline2",
    "line1\r\nline2",
    "cr\ronly",
    "=SUM(A1)",
    "@user",
    "222127",
    "22212",
    "34.8671,138.3232",
    "#not-a-comment",
)
JUNK_ALPHABET = "abcXYZ019０１９ｱｲｶﾞﾊﾟｰ･あアー漢字、。,;\"' \t　:：/.-+=＃#令和平成年月日時分〜～①髙\r\n\x0c\u2028"
CELL = st.one_of(
    st.sampled_from(JUNK_CELLS),
    st.text(alphabet=JUNK_ALPHABET, max_size=12),
)

# Target columns of public_toilets@v2 with transform chains, several of which fail on junk.
TRANSFORMS: dict[str, list[list[Any]]] = {
    "ID": [[], ["trim"], ["integer"]],
    "名称": [[], ["trim"], ["nfkc", "fold_spaces"]],
    "名称_カナ": [["kana_full_width"], ["katakana"]],
    "設置位置": [[], ["trim"]],
    "緯度": [[], [{"lat_lon": "latitude"}]],
    "経度": [[], [{"lat_lon": "longitude"}]],
    "男性トイレ総数": [["integer"], [{"blank_if": {"values": ["ー"]}}, "integer"]],
    "女性トイレ総数": [["number"], ["integer"]],
    "利用開始時間": [["time"], ["time_range_start"]],
    "利用終了時間": [[{"time": {"allow_24": True}}], [{"time_range_end": {"allow_24": True}}]],
    "車椅子使用者用トイレ有無": [["yes_no"], ["flag_1"]],
    "備考": [["date"], ["wareki_to_iso"], [{"date": {"us_order": True}}], []],
    "全国地方公共団体コード": [["local_gov_code"], []],
}
# Filling these makes some rows valid, so that both outcomes occur.
CONSTANTS = {
    "全国地方公共団体コード": "222127",
    "所在地_連結表記": "静岡県焼津市本町2-16-32",
    "設置位置": "1階",
}


def _also_decodes(data: bytes, codecs: tuple[str, ...]) -> bool:
    for codec in codecs:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _line_breaks(text: str) -> int:
    # What the reader counts as physical lines: CRLF, LF or a lone CR.
    return len(re.findall(r"\r\n|\r|\n", text))


@st.composite
def legacy_tables(draw: st.DrawFn) -> dict[str, Any]:
    """A random legacy CSV file and a mapping of some of its columns to public_toilets@v2."""
    header = draw(st.lists(st.sampled_from(COLUMN_POOL), min_size=2, max_size=6, unique=True))
    width = len(header)
    row = st.one_of(
        st.just([]),  # an empty line
        st.lists(CELL, min_size=width, max_size=width),
        st.lists(CELL, min_size=0, max_size=width + 2),  # ragged
    )
    rows = draw(st.lists(row, max_size=12))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp932"]))
    if encoding == "cp932":

        def encodable(cell: str) -> str:
            # Round trip, not just encodable: Python's cp932 writes 〜 (U+301C) as 0x8160,
            # which reads back as ～ (U+FF5E).
            return "".join(
                c if c.encode("cp932", "ignore").decode("cp932") == c else "?" for c in cell
            )

        rows = [[encodable(c) for c in r] for r in rows]
    # A bare CR inside a cell is quoted only when it is part of the line terminator.
    quoting, terminator = draw(
        st.sampled_from(
            [(csv.QUOTE_MINIMAL, "\r\n"), (csv.QUOTE_ALL, "\r\n"), (csv.QUOTE_ALL, "\n")]
        )
    )
    leading_blank = draw(st.integers(0, 2))

    buf = io.StringIO()
    buf.write(terminator * leading_blank)
    writer = csv.writer(buf, quoting=quoting, lineterminator=terminator)
    writer.writerow(header)
    expected: dict[int, list[str]] = {}
    for cells in rows:
        expected[_line_breaks(buf.getvalue()) + 1] = cells
        writer.writerow(cells)
    text = buf.getvalue()
    data = text.encode(encoding)

    columns: dict[str, ColumnRule] = {}
    targets = draw(st.lists(st.sampled_from(sorted(TRANSFORMS)), unique=True, max_size=6))
    for target in targets:
        chain = draw(st.sampled_from(TRANSFORMS[target]))
        source = draw(st.sampled_from(header))
        extra: dict[str, Any] = {}
        if draw(st.booleans()):
            extra["map"] = {"○": "1", "ー": ""}
        if draw(st.integers(0, 4)) == 0:
            extra["default"] = "0"
        columns[target] = ColumnRule(source=source, transforms=chain, **extra)
    if draw(st.booleans()):
        parts = draw(st.lists(st.sampled_from(header), min_size=1, max_size=3))
        columns["所在地_連結表記"] = ColumnRule(concat=parts, separator=" ")
    for target, value in CONSTANTS.items():
        if target not in columns and draw(st.booleans()):
            columns[target] = ColumnRule(constant=value)
    if not columns:  # a mapping without columns is refused (it would write only blanks)
        columns["名称"] = ColumnRule(source=draw(st.sampled_from(header)))
    source = SourceOptions(skip_rows=draw(st.integers(0, 2)))
    if encoding == "cp932" and _also_decodes(data, ("utf-8", "euc-jp")):
        # Such bytes (e.g. an ASCII header over ｱｲ, which EUC-JP reads as 臼) are
        # ambiguous: no detector can know, so the mapping names the encoding, as a
        # user would.
        source.encoding = "cp932"
    mapping = Mapping(target="public_toilets@v2", source=source, columns=columns)
    return {
        "data": data,
        "header": header,
        "expected": expected,
        "mapping": mapping,
        "encoding": encoding,
    }


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(legacy_tables())
def test_convert_accounts_for_every_record(case: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "legacy.csv"
        src.write_bytes(case["data"])
        out = Path(tmp) / "out.csv"
        report = convert(src, mapping=case["mapping"], output=out, lang="en")
        counts = report.counts
        expected: dict[int, list[str]] = case["expected"]
        assert counts.read == counts.written + counts.rejected
        assert report.reconciled
        assert counts.read == len(expected)

        written = _read_csv(out)
        assert len(written) - 1 == counts.written

        rejects = _read_csv(Path(report.rejects))
        assert rejects[0] == ["line", "row", "reasons", *case["header"]]
        assert len(rejects) - 1 == counts.rejected
        lines = [int(r[0]) for r in rejects[1:]]
        assert len(set(lines)) == len(lines)
        for row in rejects[1:]:
            # The rejected row exactly as it was written, cell for cell, with its
            # spreadsheet row (never past its line: a record spans one line or more).
            assert 1 < int(row[1]) <= int(row[0])
            assert row[2]
            assert row[3:] == expected[int(row[0])], (row, case["encoding"])


# --------------------------------------------------------------------------- value types


@given(st.from_regex(r"[0-9]{12}", fullmatch=True))
def test_corporate_number_type_agrees_with_check_digit(base: str) -> None:
    # test_types.py checks is_valid_corporate_number; this checks the Pydantic type too.
    adapter = TypeAdapter(CorporateNumber)
    good = corporate_number_check_digit(base) + base
    assert adapter.validate_python(good) == good
    for digit in "0123456789":
        if digit != good[0]:
            assert not is_valid_corporate_number(digit + base)
            try:
                adapter.validate_python(digit + base)
            except ValidationError:
                continue
            raise AssertionError(f"{digit + base} accepted")


FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


def test_iso_wareki_round_trip_every_day() -> None:
    # test_normalize.py samples this range; here every day of it, with the 元年 and
    # full-width-digit forms, so that no era boundary or leap day is missed.
    day, last = date(1868, 9, 8), date(2100, 12, 31)
    one = timedelta(days=1)
    while day <= last:
        iso = day.isoformat()
        wareki = iso_to_wareki(day)
        assert wareki_to_iso(wareki) == iso, wareki
        assert wareki_to_iso(wareki.translate(FULL_WIDTH_DIGITS)) == iso, wareki
        day += one
