"""Differential test: the fast engine reports exactly what the Pydantic path reports."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from stdschema.checks import fast
from stdschema.io import InputError, pump
from stdschema.report.model import FileReport
from stdschema.validation import Options, validate_file

REAL = Path(__file__).parent / "data" / "real"


@pytest.fixture(autouse=True, params=["read-here", "reading-process"])
def _reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case twice: the file read in this process, and by the reading process
    (which large files use; stdschema.io.pump)."""
    if request.param == "reading-process":
        monkeypatch.setattr(pump, "PUMP_MIN_BYTES", 0)


REAL_FILES = sorted(
    str(p.relative_to(REAL))
    for p in REAL.rglob("*.csv")
    if "transcribed" not in p.parts or p.parent.name == "transcribed"
)


# The generated files carry a few of the toilet sheet's columns: too few for detection by
# header (which a file name never overrides), so they name their dataset.
TOILETS = "public_toilets@v2"


def both(path: Path, **kw: object) -> tuple[FileReport, FileReport]:
    slow = validate_file(path, Options(lang="en", engine="pydantic", **kw))  # type: ignore[arg-type]
    quick = validate_file(path, Options(lang="en", engine="fast", **kw))  # type: ignore[arg-type]
    return slow, quick


def assert_same(slow: FileReport, quick: FileReport) -> None:
    assert slow.rows == quick.rows
    assert slow.summary == quick.summary
    assert slow.problems == quick.problems
    assert slow.problems_truncated == quick.problems_truncated


@pytest.mark.parametrize("rel", REAL_FILES)
def test_real_files(rel: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small blocks: records are cut across many block boundaries.
    monkeypatch.setattr(fast, "BLOCK_BYTES", 2048)
    slow, quick = both(REAL / rel)
    assert_same(slow, quick)


def _generated(tmp_path: Path, encoding: str, seed: int) -> Path:
    """A public_toilets@v2 file with every fault kind, quotes, blank and ragged lines."""
    rnd = random.Random(seed)
    header = (
        "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,所在地_連結表記,設置位置,"
        "緯度,経度,男性トイレ総数,利用開始時間,車椅子使用者用トイレ有無,画像,高度の種別"
    )
    good = [
        "222127",
        "{id}",
        "静岡県焼津市",
        "駅前トイレ{id}",
        "エキマエ",
        "静岡県焼津市本町{id}",
        "入口",
        "34.86",
        "138.32",
        "3",
        "09:00",
        "有",
        "https://example.jp/{id}.jpg",
        "階数",
    ]
    faults = [
        (0, "222128"),  # check digit
        (0, "131016"),  # valid code, name disagrees
        (0, "22212"),  # 5 digits: fix from the file name
        (1, "{dup}"),  # duplicate ID
        (1, "L-{id}"),  # bad ID
        (3, ""),  # blank required
        (4, "ｴｷﾏｴ"),  # half-width kana
        (4, ""),  # blank recommended
        (7, "138.32"),  # swapped (with the next)
        (7, "0"),  # zero (with 経度 0)
        (7, ""),  # half a coordinate
        (9, "３"),  # full-width digit
        (9, "1_000"),
        (10, "9:0"),
        (10, "24:30"),
        (10, "令和6年4月1日"),
        (11, "あり"),
        (12, "www.example.jp"),
        (12, "https://焼津.jp/{id}.jpg"),  # an internationalised domain name: valid
        (12, "https://焼津。jp/{id}.jpg"),  # 。 is no dot
        (7, '"34.86,138.32"'),  # both in 緯度, 経度 blank: one problem
        (7, "0000"),  # malformed, with 経度 0: not also "zero coordinates"
        (13, "階"),  # advisory vocabulary
        (5, " 静岡県焼津市本町 "),  # surrounding spaces
        (5, "静岡県焼津市本町\u3000"),
        (3, '"引用,カンマ"'),  # quoted cell with a comma
        (3, '"複数\r\n行"'),  # quoted cell over two lines
    ]
    lines = [header]
    for n in range(1, 400):
        cells = [c.format(id=n) for c in good]
        r = rnd.random()
        if r < 0.35:
            col, value = rnd.choice(faults)
            value = value.format(id=n, dup=max(1, n - rnd.randint(1, 50)))
            cells[col] = value
            if value == "138.32":
                cells[8] = "34.86"
            if value in ("0", "0000"):
                cells[8] = "0"
            if value == '"34.86,138.32"':
                cells[8] = ""
        elif r < 0.38:
            lines.append("")  # blank line
        elif r < 0.40:
            cells = cells[:-2]  # missing cells
        elif r < 0.42:
            cells = [*cells, "余分"]  # extra cell
        elif r < 0.44:
            cells = [""] * len(cells)  # blank row of commas
        lines.append(",".join(cells))
    path = tmp_path / f"222127_public_toilet_{encoding}_{seed}.csv"
    ending = "\r\n" if seed % 2 else "\n"
    path.write_bytes((ending.join(lines) + ending).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_faults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str, seed: int
) -> None:
    monkeypatch.setattr(fast, "BLOCK_BYTES", 1024 + 397 * seed)
    path = _generated(tmp_path, encoding, seed)
    slow, quick = both(path, dataset=TOILETS)
    assert quick.engine == "fast" and slow.engine == "pydantic"
    assert quick.summary.error > 0 and "unique-error" in quick.summary.by_code
    assert_same(slow, quick)
    # Every record holds a two-line cell: past the first, row and line part, in both engines
    # alike (assert_same compares them), repeated IDs included.
    data = [p for p in quick.problems if p.line and p.line > 1]
    assert all(p.row is not None and p.row <= p.line for p in data)
    assert sum(p.row != p.line for p in data) > len(data) / 2
    repeats = [p for p in quick.problems if p.code == "unique-error"]
    assert repeats and all(p.record and p.record.startswith(f"ID {p.value} ") for p in repeats)


# Issue 9 item 5: phone numbers, internationalised domain names and coordinate causes, as
# 印西市 writes its childcare list (0476(46)5111, 35.80049/140.11925).
ROUND2_PHONES = [
    "0476(46)5111",
    "(0476)-46-5111",
    "（0476）46-5111",
    "090 1234 5678",
    "9055506740",
    "0476(46)511",
    "０４７６(４６)５１１１",
    "0476 - 46 - 5111",
    "(0476-46-5111",
]
ROUND2_URLS = [
    "https://www.city.inzai.lg.jp/",
    "https://例え.jp/path",
    "https://www.市川市.jp/",
    "https://とても長い日本語のドメイン名です.jp/",
    "https://xn--r8jz45g.jp/",
    "https://例え.jp/パス",
    "https://例え。jp/",
    "https://ｗｗｗ.city.inzai.lg.jp/",
    "javascript:alert(1)",
]
ROUND2_COORDINATES = [
    ("35.80049", "140.11925"),
    ("140.11925", "35.80049"),  # swapped
    ('"35.80049,140.11925"', ""),  # both in 緯度
    ("", '"140.11925 35.80049"'),  # both in 経度, longitude first
    ("35.80049", ""),
    ("", "140.11925"),
    ("0", "0"),
    ("0000", "0"),
    ("95", "200"),
]


def test_value_rules_round2_agree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    header = (
        "全国地方公共団体コード,ID,地方公共団体名,名称,所在地_連結表記,緯度,経度,"
        "電話番号,FAX番号,URL"
    )
    rnd = random.Random(9)
    lines = [header]
    for n in range(1, 300):
        lat, lon = rnd.choice(ROUND2_COORDINATES)
        phone, fax = rnd.choice(ROUND2_PHONES), rnd.choice(ROUND2_PHONES)
        url = rnd.choice(ROUND2_URLS)
        lines.append(
            f"122319,{n},印西市,子育てルーム{n},千葉県印西市中央南1-2,{lat},{lon},{phone},{fax},{url}"
        )
    path = tmp_path / "122319_preschool.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    for size in (700, 4096):
        monkeypatch.setattr(fast, "BLOCK_BYTES", size)
        slow, quick = both(path, dataset="childcare_facilities@v2")
        assert quick.engine == "fast"
        codes = set(quick.summary.by_code)
        assert {"coordinates-swapped", "coordinates-in-one-cell", "coordinates-zero"} <= codes
        assert_same(slow, quick)
        bad = {p.value for p in quick.problems if p.code == "invalid-value"}
        assert {"0476(46)5111", "https://例え.jp/path", "https://www.市川市.jp/"}.isdisjoint(bad)
        assert {"9055506740", "https://例え。jp/"} <= bad


@pytest.mark.parametrize("limit", [0, 5, 40])
def test_same_truncation_with_max_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(fast, "BLOCK_BYTES", 1500)
    path = _generated(tmp_path, "utf-8", 7)
    slow, quick = both(path, dataset=TOILETS, max_problems=limit)
    assert quick.problems_truncated
    assert_same(slow, quick)


def test_auto_uses_fast_only_for_large_csv(tmp_path: Path) -> None:
    small = validate_file(REAL / "v2" / "13_public_toilet__222127_yaizu.csv", Options())
    assert small.engine == "pydantic"
    xlsx = validate_file(
        REAL / "v2" / "15_food_business_all__132055_ome.xlsx", Options(engine="fast")
    )
    assert xlsx.engine == "pydantic"  # the fast engine reads CSV only


def test_literal_quote_inside_an_unquoted_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found by fuzzing: a quote in the middle of a cell is a plain character, so quote
    # parity cannot tell where a block may be cut; the csv module must decide.
    header = "全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置"
    rows = ['222127,1,A,静岡県",焼津市,x', '222127,"a\r\nb",B,静岡県焼津市,y']
    rows += [f"222127,{n},C{n},静岡県焼津市,z" for n in range(3, 60)]
    path = tmp_path / "222127_public_toilet.csv"
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode())
    for size in (64, 100, 257, 700):
        monkeypatch.setattr(fast, "BLOCK_BYTES", size)
        slow, quick = both(path, dataset=TOILETS)
        assert quick.rows == 59
        assert_same(slow, quick)


# Characters str.splitlines() breaks at but the csv module (and the reader) does not.
LINE_SEPARATORS = ["\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85"]


def both_or_error(path: Path) -> tuple[FileReport | str, FileReport | str]:
    """Each engine's report, or the one-line error it stops with."""
    outcomes: list[FileReport | str] = []
    for engine in ("pydantic", "fast"):
        try:
            options = Options(lang="en", engine=engine, dataset=TOILETS)  # type: ignore[arg-type]
            outcomes.append(validate_file(path, options))
        except InputError as exc:
            outcomes.append(f"{exc.code}: {exc}")
    return outcomes[0], outcomes[1]


@pytest.mark.parametrize("sep", LINE_SEPARATORS, ids=lambda s: f"U+{ord(s):04X}")
@pytest.mark.parametrize("ending", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("last", [True, False], ids=["ended", "unended"])
@pytest.mark.parametrize("block", [64, fast.BLOCK_BYTES], ids=["small", "default"])
def test_line_separators_in_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sep: str, ending: str, last: bool, block: int
) -> None:
    # Only CR, LF and CRLF end lines. Found by review: the fast engine split the file's
    # last records with str.splitlines(), so a separator shifted the lines it checked for
    # an unclosed quote, and the plain quote after '静岡県{sep}' looked like an open one.
    monkeypatch.setattr(fast, "BLOCK_BYTES", block)
    header = "全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置"
    rows = [f"222127,{n},駅前{n},静岡県焼津市,入口" for n in range(1, 6)]
    rows.append(f'222127,6,"駅{sep}前6",静岡県焼津市,"入口, ""6"""')
    rows.append(f'222127,7,駅前7,静岡県{sep}"焼津市,入口')  # a plain quote mid-cell
    rows.append(f"222127,8,駅{sep}前8,静岡県焼津市,入口")
    path = tmp_path / "222127_public_toilet.csv"
    path.write_bytes((ending.join([header, *rows]) + (ending if last else "")).encode())
    slow, quick = both(path, dataset=TOILETS)
    assert slow.rows == 8 and quick.engine == "fast"
    assert_same(slow, quick)


@pytest.mark.parametrize("sep", LINE_SEPARATORS, ids=lambda s: f"U+{ord(s):04X}")
@pytest.mark.parametrize("tail", ["", "\n", "\r\n"], ids=["none", "LF", "CRLF"])
def test_line_separators_before_an_unclosed_quote(tmp_path: Path, sep: str, tail: str) -> None:
    # The last record opens a quote that never closes; separators in the records before
    # it must not push the check past it (the fast engine accepted the file).
    header = "全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置"
    rows = [f"222127,{n},駅前{n},静岡県焼津市,入口" for n in range(1, 6)]
    rows.append(f'222127,6,"駅{sep}前{sep}6",静岡県{sep}焼津市,入口')
    rows.append(f'222127,7,"駅前7,静岡県{sep}焼津市,入口\nx')
    path = tmp_path / "222127_public_toilet.csv"
    path.write_bytes(("\n".join([header, *rows]) + tail).encode())
    slow, quick = both_or_error(path)
    assert slow == quick
    assert isinstance(slow, str) and slow.startswith("unclosed-quote: ")
    assert "opened on line 8 never closes" in slow


def test_hash_rows_are_data_in_both_engines(tmp_path: Path) -> None:
    # Only a #property file has '#' metadata rows, and only up to its header: a data row
    # whose first cell starts with '#' is counted and checked by both engines.
    header = "全国地方公共団体コード,ID,名称,所在地_連結表記,設置位置"
    rows = [f"{lead}222127,{n},駅前{n},静岡県焼津市,入口" for n, lead in enumerate(["", "#"], 1)]
    rows += ["#,3,駅前3,静岡県焼津市,入口", " #note,4,駅前4,静岡県焼津市,入口"]
    path = tmp_path / "222127_public_toilet.csv"
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode())
    slow, quick = both(path, dataset=TOILETS)
    assert slow.rows == 4 and quick.engine == "fast"
    errors = [(p.line, p.code) for p in slow.problems if p.severity == "error"]
    assert errors == [(3, "invalid-value"), (4, "invalid-value"), (5, "invalid-value")]
    assert_same(slow, quick)


FACILITIES_TEXT = (
    "全国地方公共団体コード,ID,地方公共団体名,名称,所在地_連結表記,緯度,経度,説明,備考"
)


def _facilities_rows(n: int) -> list[str]:
    return [
        f"222127,{i},静岡県焼津市,施設{i},静岡県焼津市本町{i},34.86,138.32,説明{i},備考{i}"
        for i in range(1, n + 1)
    ]


@pytest.mark.parametrize("block", [300, 1 << 20], ids=["small", "one"])
def test_free_text_columns_are_not_parsed_and_cells_are_still_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """Columns only free text reads (no screen, no blank finding, no check) are left out of
    a block's parse; records whose extra and missing cells cancel out in the block's comma
    count, and spaces or odd values in the unread columns, are still found."""
    monkeypatch.setattr(fast, "BLOCK_BYTES", block)
    reads: list[list[str] | None] = []
    parsed: list[bool] = []
    frame = fast.Block.frame

    def spy(self: fast.Block, names: list[str], read: list[str] | None = None) -> object:
        result = frame(self, names, read)
        if self.raw is not None:  # a block the csv module read has its cells already
            reads.append(read)
            parsed.append(result is not None)
        return result

    monkeypatch.setattr(fast.Block, "frame", spy)
    rows = _facilities_rows(40)
    rows[5] = rows[5].replace("説明6", " 説明6")  # a space at a cell's edge, unread column
    rows[10] += ",余分"  # one cell too many
    rows[20] = rows[20].rsplit(",", 1)[0]  # one too few
    rows[30] = rows[30].replace("備考31", "")  # a blank free-text cell: nothing to report
    path = tmp_path / "222127_public_facility.csv"
    path.write_text(FACILITIES_TEXT + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert path.read_bytes().count(b",") == 41 * 8
    slow, quick = both(path, dataset="public_facilities@v2")
    assert_same(slow, quick)
    unread = {"c4", "c7", "c8"}  # 所在地_連結表記, 説明, 備考
    assert reads and all(r is not None and unread.isdisjoint(r) for r in reads)
    assert any(parsed)  # polars read them (a block it refuses goes to the csv module)
    lines = {p.line for p in quick.problems if p.code in ("extra-cell", "missing-cell")}
    assert lines == {12, 22}, [(p.code, p.line) for p in quick.problems]
    assert 7 in {p.line for p in quick.problems}


@pytest.mark.parametrize("block", [300, 1 << 20], ids=["small", "one"])
def test_an_extra_cell_and_a_missing_one_that_cancel_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """A block's commas can add up to every record's share while one record has a cell
    too many and another one too few: cells are counted a record, not a block."""
    monkeypatch.setattr(fast, "BLOCK_BYTES", block)
    header = "全国地方公共団体コード,ID,地方公共団体名,名称,緯度,経度"
    rows = [f"222127,{i},静岡県焼津市,トイレ{i},34.86,138.32" for i in range(1, 40)]
    rows[10] += ",余分"  # one cell too many
    rows[20] = rows[20].rsplit(",", 1)[0]  # one too few
    path = tmp_path / "222127_public_toilet.csv"
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    assert path.read_bytes().count(b",") == 40 * 5
    slow, quick = both(path, dataset=TOILETS)
    assert_same(slow, quick)
    lines = {p.line for p in quick.problems if p.code in ("extra-cell", "missing-cell")}
    assert lines == {12, 22}, [(p.code, p.line) for p in quick.problems]
