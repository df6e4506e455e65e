"""A large file's encoding decided from its head (``open_table(..., lazy=True)``).

The fast engine then reads the file once: the blocks check the bytes past the head as
they read them. Every verdict must stay the whole-file scan's: the same error with the
same line for a bad byte anywhere, the same encoding when text past the head overturns
the head's choice, the same problems otherwise (the Pydantic path scans the whole file
first, so it is the reference).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from stdschema.checks import fast
from stdschema.io import InputError, pump
from stdschema.io.csv_reader import CsvTable
from stdschema.io.encoding import HEAD_BYTES, cp932_doubt, overturns_cp932, scan_head
from stdschema.validation import Options, validate_file
from tests.test_fast_engine import assert_same, both

REAL = Path(__file__).parent / "data" / "real"
TOILETS = REAL / "standard" / "yaizu_222127_public_toilet.csv"
KUMATORI = REAL / "v2" / "02_cultural_property__273619_kumatori.csv"


@pytest.fixture(autouse=True, params=["read-here", "reading-process"])
def _reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every case twice: the file read in this process, and by the reading process
    (which large files use; stdschema.io.pump)."""
    if request.param == "reading-process":
        monkeypatch.setattr(pump, "PUMP_MIN_BYTES", 0)


@pytest.fixture(autouse=True)
def _small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    # Many blocks: the byte past the head lands in a later one.
    monkeypatch.setattr(fast, "BLOCK_BYTES", 64 * 1024)


def _grown(text: str, size: int) -> tuple[str, list[str]]:
    """The header of ``text`` and its data lines repeated until about ``size`` characters'
    worth of UTF-8 (each copy a fresh ID, so repeats do not flood the report)."""
    lines = text.splitlines()
    header, rows = lines[0], [r for r in lines[1:] if r]
    out: list[str] = []
    total = 0
    copy = 0
    while total < size:
        for row in rows:
            line = row.replace(",", f",{copy}x", 1) if copy else row
            out.append(line)
            total += len(line.encode("utf-8")) + 2
        copy += 1
    return header, out


def _toilets(tmp_path: Path, size: int = 2 * HEAD_BYTES) -> tuple[Path, bytes]:
    header, rows = _grown(TOILETS.read_text(encoding="utf-8"), size)
    data = ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8")
    path = tmp_path / "222127_public_toilet.csv"
    path.write_bytes(data)
    return path, data


def _errors(path: Path) -> tuple[InputError, InputError]:
    with pytest.raises(InputError) as lazy:
        validate_file(path, Options(lang="en", engine="fast"))
    with pytest.raises(InputError) as full:
        validate_file(path, Options(lang="en", engine="pydantic"))
    return lazy.value, full.value


def _spoil(path: Path, data: bytes, bad: bytes) -> int:
    """``bad`` put after the first comma past 1.5 MiB; returns its line."""
    at = data.index(b",", HEAD_BYTES * 3 // 2) + 1
    path.write_bytes(data[:at] + bad + data[at:])
    return data[:at].count(b"\n") + 1


def test_the_lazy_path_is_taken(tmp_path: Path) -> None:
    path, _ = _toilets(tmp_path)
    deferred = scan_head(path)
    assert deferred is not None and deferred.info.name == "utf-8" and not deferred.watch
    small = tmp_path / "small.csv"
    small.write_bytes(TOILETS.read_bytes())
    assert scan_head(small) is None  # under a head's worth: the whole-file scan runs


def test_an_undecodable_byte_past_the_head_gives_the_scans_error(tmp_path: Path) -> None:
    path, data = _toilets(tmp_path)
    line = _spoil(path, data, b"\xff\xfe")
    lazy, full = _errors(path)
    assert lazy.code == full.code == "encoding-error"
    assert str(lazy) == str(full)
    assert lazy.line == full.line == line


def test_a_nul_byte_past_the_head_gives_the_scans_error(tmp_path: Path) -> None:
    path, data = _toilets(tmp_path)
    _spoil(path, data, b"\x00")
    lazy, full = _errors(path)
    assert lazy.code == full.code == "binary-file"
    assert str(lazy) == str(full)


def test_a_lone_cr_past_the_head_keeps_lines_exact(tmp_path: Path) -> None:
    path, data = _toilets(tmp_path)
    # One quoted cell with a CR inside it, and one record ended by a lone CR.
    at = data.index(b"\r\n", HEAD_BYTES * 3 // 2)
    cell = data.index(b",", at + 2) + 1
    later = data.index(b"\r\n", cell + 5000)
    spoiled = data[:cell] + b'"a\rb"' + data[cell:later] + b"\r" + data[later + 2 :]
    path.write_bytes(spoiled)
    assert scan_head(path) is not None
    slow, quick = both(path)
    assert quick.engine == "fast" and slow.engine == "pydantic"
    assert_same(slow, quick)


def _kana_late(rows: list[str], word: str, kana: str) -> None:
    """``kana`` for ``word`` in a row past three quarters of ``rows`` (past the head)."""
    late = next(i for i in range(len(rows) * 3 // 4, len(rows)) if word in rows[i])
    rows[late] = rows[late].replace(word, kana, 1)


@pytest.mark.parametrize("source", ["quote-free", "quoted"])
def test_half_width_kana_past_a_cp932_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    """A block that may overturn the head's CP932 runs the whole-file scan, read by
    polars (a quote-free file) or by the csv module (quoted cells across lines)."""
    if source == "quoted":
        text = KUMATORI.read_bytes().decode("cp932")
        header, rows = _grown(
            text.replace('"地方\r\n公共団体名"', "地方公共団体名"), 2 * HEAD_BYTES
        )
        _kana_late(rows, "ライゴウジ", "ﾗｲｺﾞｳｼﾞ")
    else:
        header, rows = _grown(TOILETS.read_text(encoding="utf-8"), 2 * HEAD_BYTES)
        _kana_late(rows, "フルサト", "ﾌﾙｻﾄ")
    path = tmp_path / "cultural.csv"
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("cp932"))
    deferred = scan_head(path)
    assert deferred is not None and deferred.info.name == "cp932" and deferred.watch
    scans = []
    verify = CsvTable.verify

    def counted(self: CsvTable) -> None:
        scans.append(self.deferred)
        verify(self)

    monkeypatch.setattr(CsvTable, "verify", counted)
    slow, quick = both(path)
    assert sum(d is not None for d in scans) == 1  # the fast engine's blocks ran it
    assert quick.encoding == slow.encoding == "cp932"
    assert quick.engine == "fast"
    assert_same(slow, quick)


def test_the_block_screen_finds_every_character_that_overturns_cp932() -> None:
    """The byte searches polars runs over a block's lines (cp932_doubt) flag exactly the
    CP932 characters the rule names (overturns_cp932): none missed, and none of the
    others, or the whole-file scan would run on ordinary text (wave dashes, full-width
    letters)."""
    import polars as pl

    chars = {bytes([b]).decode("cp932", "ignore") for b in range(256)}
    for lead in (*range(0x81, 0xA0), *range(0xE0, 0xFD)):
        for trail in range(0x40, 0xFD):
            chars.add(bytes([lead, trail]).decode("cp932", "ignore"))
    chars = sorted(chars - {""})
    assert len(chars) > 9000 and {"～", "ａ", "ｱ", "\x80", "\uf8f3"} <= set(chars)
    frame = pl.DataFrame({"line": [f"a,{c}b,c" for c in chars]}).with_row_index("k")
    found = frame.group_by("k", maintain_order=True).agg(cp932_doubt(pl.col("line")))
    assert found["line"].to_list() == [overturns_cp932(c) for c in chars]
    assert sum(overturns_cp932(c) for c in chars) == 63 + 5  # half-width katakana, odd bytes


def test_euc_jp_that_passed_for_cp932_in_the_head_is_read_again(tmp_path: Path) -> None:
    # Level-2 kanji whose EUC-JP bytes (lead 0xE0) are also CP932 kanji: the head reads
    # as CP932 with no half-width kana. Past it, ordinary EUC-JP text (kana, lead 0xA4)
    # reads as CP932 half-width kana, and the whole-file scan names EUC-JP: the file is
    # read again from the start, exactly as without the lazy path.
    odd = "".join(bytes([0xE0, t]).decode("euc-jp") for t in range(0xA1, 0xB0))
    header = f"ID,{odd}1,{odd}2"  # the standard's headers have kana: not in this head
    rows = [f"{i:06d},{odd},{odd}" for i in range(40_000)]
    rows[-5] = "999999,やいづ,ふつうの文"
    path = tmp_path / "mixed.csv"
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("euc-jp"))
    deferred = scan_head(path)
    assert deferred is not None and deferred.info.name == "cp932" and deferred.watch
    slow, quick = both(path, dataset="public_toilets@v2")
    assert quick.encoding == slow.encoding == "euc-jp"
    assert_same(slow, quick)
