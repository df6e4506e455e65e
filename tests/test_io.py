"""Tests for stdschema.io on the real municipal files and on generated edge cases."""

from __future__ import annotations

import codecs
import datetime as dt
import os
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from stdschema.io import (
    EncodingInfo,
    InputError,
    Record,
    Table,
    detect_encoding,
    iter_xml_records,
    open_table,
    sniff,
)
from stdschema.io.encoding import scan_text
from stdschema.io.xml_reader import DATASET_NS, compile_record_path

REAL = Path(__file__).parent / "data" / "real"
MIB = 1024 * 1024


def expect_error(code: str, fn: Callable[[], object]) -> InputError:
    """Run ``fn``; it must raise InputError ``code`` with a one-line message."""
    with pytest.raises(InputError) as info:
        fn()
    err = info.value
    assert err.code == code, f"{err.code}: {err}"
    text = str(err)
    assert "\n" not in text and "\r" not in text
    assert text.strip() == text and text
    assert "Traceback" not in text
    return err


def read_all(path: Path, **kwargs: Any) -> tuple[Table, list[Record]]:
    with open_table(path, **kwargs) as table:
        return table, list(table.records())


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def breaks_in(cells: list[str]) -> int:
    """Physical line breaks inside the cells of one record."""
    return sum(c.count("\r") + c.count("\n") - c.count("\r\n") for c in cells)


def assert_contiguous(records: list[Record], header_end: int) -> None:
    """Each record starts right after the previous one and spans its in-cell breaks."""
    expected = header_end + 1
    for rec in records:
        assert rec.line == expected, rec
        assert rec.end_line - rec.line == breaks_in(rec.cells), rec
        expected = rec.end_line + 1


# --------------------------------------------------------------------------- real CSV files


def test_yaizu_public_toilet_v2_utf8_crlf() -> None:
    path = REAL / "v2" / "13_public_toilet__222127_yaizu.csv"
    table, records = read_all(path)
    assert table.format == "csv"
    assert table.encoding == EncodingInfo("utf-8", bom=False, note=None)
    assert table.line_endings == "CRLF"
    assert table.trailing_newline is True
    assert table.delimiter == ","
    assert table.header_line == 1 and table.preamble == []
    assert table.header[:3] == ["全国地方公共団体コード", "ID", "地方公共団体名"]
    assert len(table.header) == 39
    assert len(records) == 112
    assert [r.line for r in records] == list(range(2, 114))
    assert records[0].cells[0] == "222127" and records[0].cells[1] == "1"
    assert all(len(r.cells) == 39 for r in records)
    assert table.record_line_endings == "CRLF"
    raw_lines = path.read_bytes().count(b"\r\n")
    assert records[-1].end_line == raw_lines


def test_yaizu_tourism_bom_and_multiline_cells() -> None:
    path = REAL / "standard" / "yaizu_222127_tourism.csv"
    table, records = read_all(path)
    assert table.encoding is not None
    assert table.encoding.name == "utf-8-sig" and table.encoding.bom
    assert table.header[0] == "都道府県コード又は市区町村コード"  # no BOM left
    assert "" in table.header  # one unnamed column, kept as written
    assert len(records) == 205
    multi = [r for r in records if r.end_line > r.line]
    assert multi and (multi[0].line, multi[0].end_line) == (3, 5)
    assert_contiguous(records, header_end=1)
    # Cross-check against the raw bytes: every record's first physical line
    # starts with its first cell, and the last record ends on the last line.
    raw = path.read_bytes().decode("utf-8-sig")
    lines = raw.split("\r\n")
    assert lines[-1] == ""  # trailing CRLF
    assert records[-1].end_line == len(lines) - 1
    for rec in records:
        assert lines[rec.line - 1].startswith(rec.cells[0] + ","), rec.line
    after_multi = records[records.index(multi[0]) + 1]
    assert after_multi.line == 6


def test_kumatori_cp932_header_cell_with_crlf() -> None:
    path = REAL / "v2" / "02_cultural_property__273619_kumatori.csv"
    table, records = read_all(path)
    assert table.encoding == EncodingInfo("cp932")
    assert table.header_line == 1
    assert table.header[2] == "地方\r\n公共団体名"
    assert table.header[3] == "名称(必須）"
    assert len(table.header) == 46
    assert records[0].line == 3  # the header occupies lines 1-2
    assert records[0].cells[:3] == ["273619", "273619CP0001", "泉南郡熊取町"]
    assert_contiguous(records, header_end=2)
    assert len(records) == 33
    blank = [r.line for r in records if r.is_blank]
    assert blank == list(range(52, 68))  # 16 trailing rows of bare commas
    assert all(len(r.cells) == 46 for r in records)


def test_yohairyosya_cp932_circled_digits() -> None:
    path = REAL / "legacy" / "yaizu_yohairyosya.csv"
    raw = path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("shift_jis")  # why CP932 and never plain Shift_JIS
    assert detect_encoding(path) == EncodingInfo("cp932")
    assert detect_encoding(raw).name == "cp932"
    table, records = read_all(path)
    assert table.header[0] == "№"
    assert any("①" in c for r in records for c in r.cells)
    assert table.line_endings == "mixed"
    assert table.record_line_endings == "CRLF"  # the LFs are inside cells
    assert_contiguous(records, header_end=1)


def test_kurume_cp932() -> None:
    table, records = read_all(REAL / "v2" / "11_tourism__402036_kurume.csv")
    assert table.encoding is not None and table.encoding.name == "cp932"
    assert len(table.header) == 58 and len(records) == 59
    assert records[0].cells[2] == "000000000001"


def test_takamatsu_link_format_metadata_rows() -> None:
    path = REAL / "legacy" / "takamatsu_0002_aed_location.csv"
    table, records = read_all(path)
    assert table.encoding is not None and table.encoding.bom
    assert table.header_line == 7
    assert table.header_offset == 1
    assert table.header[:3] == ["name", "address", "installationPosition"]
    assert len(table.header) == 10
    assert [(p.line, p.reason, p.cells[0]) for p in table.preamble] == [
        (1, "metadata", "#LINK"),
        (2, "metadata", "#lang"),
        (3, "metadata", "#attribution_name"),
        (4, "metadata", "#license"),
        (5, "metadata", "#file_name"),
        (6, "metadata", "#download_from"),
        (8, "metadata", "#object_type_xsd"),
        (9, "metadata", "#property_context"),
    ]
    assert any("#property" in note for note in table.notes)
    assert records[0].line == 10 and records[0].label == "1"
    assert records[0].cells[0] == "健康増進施設サラマンダー"
    assert records[0].cells[3] == "34.34092056,134.04522972"  # "lat,lon" in one quoted cell
    assert all(len(r.cells) == 10 for r in records)
    assert table.trailing_newline is False
    assert table.line_endings == "LF"
    text = path.read_bytes().decode("utf-8-sig")
    assert records[-1].end_line == text.count("\n") + 1
    assert_contiguous(records, header_end=9)


def test_takamatsu_property_header_on_first_line() -> None:
    table, records = read_all(REAL / "standard" / "takamatsu_public_toilet.csv")
    assert table.header_line == 1 and table.header_offset == 1
    assert table.header[:2] == ["latitude", "longitude"]
    assert records[0].label == "1" and records[0].cells[0] == "34.34551"


def test_takamatsu_0074_mixed_line_endings_and_blank_rows() -> None:
    path = REAL / "legacy" / "takamatsu_0074_garbage_separation.csv"
    with open_table(path) as table:
        assert table.line_endings == "mixed"
        assert table.line_ending_counts == {"CRLF": 4, "LF": 645, "CR": 0}
        assert table.record_line_endings is None  # not known before reading
        records = list(table.records())
        assert table.record_line_endings == "LF"
    assert table.header == ["name", "classification", "note"]
    blank = [r for r in records if r.is_blank]
    assert len([r for r in blank if r.label == ""]) == 24
    assert blank[0].line == 33
    assert records[-1].end_line == 650  # 649 line breaks, no trailing newline
    assert table.trailing_newline is False
    assert_contiguous(records, header_end=9)


def test_all_real_csv_files_open() -> None:
    paths = sorted(p for p in REAL.rglob("*.csv"))
    assert len(paths) > 40
    for path in paths:
        table, records = read_all(path)
        assert table.header, path
        assert records, path


# --------------------------------------------------------------------------- real XLSX and XML


def test_ome_xlsx() -> None:
    path = REAL / "v2" / "15_food_business_all__132055_ome.xlsx"
    assert sniff(path) == "xlsx"
    table, records = read_all(path)
    assert table.format == "xlsx"
    assert table.encoding is None
    assert table.sheet_name == "132055_food_business_all"
    assert table.header_line == 1
    assert len(table.header) == 34
    assert len(records) == 1593
    assert records[0].line == 2 and records[-1].line == 1594
    first = dict(zip(table.header, records[0].cells, strict=True))
    assert first["全国地方公共団体コード"] == "132055"  # int, not "132055.0"
    assert first["ID"] == "132055E00001"
    assert first["初回許可年月日"] == "2022-05-17"  # a real date cell
    assert first["緯度"] == "35.803665"
    assert first["施設名称_カナ"] == ""


def test_yaizu_xml_declares_shift_jis_but_is_utf8() -> None:
    path = REAL / "xml" / "yaizu_elementary_school_district_S2AConfig.xml"
    assert sniff(path) == "xml"
    records = iter_xml_records(path, "//Field")
    assert records.encoding.name == "utf-8"
    assert records.encoding.note == "declares shift_jis but is UTF-8"
    assert records.encoding.declaration_mismatch
    items = list(records)
    assert len(items) == 7
    line, fields = items[3]
    assert line == 25
    assert fields["@id"] == "SAFIELD001"
    assert fields["Title"] == "学校名"
    assert items[1][1] == {"@id": "SAUPDATE", "ColID": ""}
    expect_error("xml-not-dataset", lambda: open_table(path))


def test_yaizu_xml_real_shift_jis() -> None:
    path = REAL / "xml" / "yaizu_taxi_boarding_points_S2AConfig.xml"
    records = iter_xml_records(path, "/S2AConfig/ShapeAttributeConfig/Fields/Field")
    assert records.encoding == EncodingInfo("cp932")
    items = list(records)
    assert len(items) == 49
    titles = [f.get("Title") for _, f in items]
    assert "停留所番号" in titles
    assert items[-1][1]["Title"] == "そのほか"


def test_jma_xml_namespaced_records() -> None:
    path = REAL / "xml" / "jma_sample_VXSE53_shindo_with_cities.xml"
    ns = {"eb": "http://xml.kishou.go.jp/jmaxml1/body/seismology1/"}
    cities = list(iter_xml_records(path, "//eb:City", ns))
    assert len(cities) == 67
    line, first = cities[0]
    assert first["Name"] == "鹿屋市" and first["Code"] == "4620300"
    assert first["IntensityStation/Name"] == "鹿屋市新栄町"
    assert first["IntensityStation/Name[2]"] == "鹿屋市串良町岡崎＊"
    assert path.read_text(encoding="utf-8").splitlines()[line - 1].strip().startswith("<City>")


# --------------------------------------------------------------------------- file system


def test_sniff_and_filesystem_errors(tmp_path: Path) -> None:
    expect_error("file-not-found", lambda: sniff(tmp_path / "missing.csv"))
    expect_error("file-not-found", lambda: open_table(tmp_path / "missing.csv"))
    expect_error("is-a-directory", lambda: open_table(tmp_path))
    expect_error("unsupported-format", lambda: sniff(write(tmp_path, "a.xls", b"x")))
    assert sniff(write(tmp_path, "a.tsv", b"a\tb\n")) == "csv"
    assert sniff(write(tmp_path, "noext", b"PK\x03\x04rest")) == "xlsx"
    assert sniff(write(tmp_path, "noext2", b'\xef\xbb\xbf<?xml version="1.0"?><a/>')) == "xml"
    assert sniff(write(tmp_path, "noext3", b"a,b\n1,2\n")) == "csv"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read anything"
)
def test_permission_denied(tmp_path: Path) -> None:
    path = write(tmp_path, "secret.csv", b"a,b\n")
    path.chmod(0)
    expect_error("permission-denied", lambda: open_table(path))


def test_permission_mapping(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.csv", b"a,b\n")
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    err = expect_error("permission-denied", lambda: sniff(path))
    assert err.path == path


def test_os_error_mapping(tmp_path: Path) -> None:
    from stdschema.io.errors import os_error

    assert os_error(tmp_path, PermissionError(13, "Permission denied")).code == "permission-denied"
    assert os_error(tmp_path, IsADirectoryError(21, "Is a directory")).code == "is-a-directory"
    assert os_error(tmp_path, OSError(5, "Input/output error")).code == "read-error"


def test_import_is_cheap() -> None:
    code = "import sys, stdschema.io; print('lxml' in sys.modules, 'openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --------------------------------------------------------------------------- encodings


def test_empty_and_bom_only(tmp_path: Path) -> None:
    err = expect_error("empty-file", lambda: open_table(write(tmp_path, "e.csv", b"")))
    assert err.path == tmp_path / "e.csv"
    assert str(err).startswith(str(tmp_path / "e.csv") + ": ")
    expect_error("empty-file", lambda: open_table(write(tmp_path, "b.csv", codecs.BOM_UTF8)))
    expect_error("empty-file", lambda: detect_encoding(codecs.BOM_UTF16_LE))
    expect_error("empty-file", lambda: detect_encoding(b""))
    expect_error("no-header", lambda: open_table(write(tmp_path, "n.csv", b"\r\n\r\n,,\r\n")))


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG image"),
        (b"PK\x03\x04" + b"\x14\x00" * 10, "ZIP archive (an .xlsx file?), not CSV text"),
        (b"%PDF-1.7\n%...", "PDF"),
        (b"GIF89a\x01\x00", "GIF"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
    ],
)
def test_binary_magic(tmp_path: Path, data: bytes, what: str) -> None:
    err = expect_error("binary-file", lambda: open_table(write(tmp_path, "x.csv", data)))
    assert what in err.message


def test_nul_bytes(tmp_path: Path) -> None:
    path = write(tmp_path, "nul.csv", b"a,b\r\n1,\x002\r\n")
    err = expect_error("binary-file", lambda: open_table(path))
    assert err.offset == 7
    # ASCII UTF-16 without BOM: a NUL in every other byte.
    utf16 = "a,b\r\n1,2\r\n".encode("utf-16-le")
    err = expect_error("binary-file", lambda: detect_encoding(utf16))
    assert "UTF-16" in err.message


def test_invalid_utf8_after_first_mebibyte_of_japanese(tmp_path: Path) -> None:
    line = "焼津市,公衆トイレ,静岡県焼津市本町\r\n".encode()
    body = line * (MIB // len(line) + 10)
    path = write(tmp_path, "late.csv", b"name,kind,address\r\n" + body + b"x,\xff,y\r\n")
    err = expect_error("encoding-error", lambda: open_table(path))
    assert err.offset == len(b"name,kind,address\r\n") + len(body) + 2
    assert err.offset is not None and err.offset > MIB
    assert err.line == body.count(b"\n") + 2
    assert f"line {err.line:,}" in err.message and "0xFF" in err.message


def test_invalid_byte_after_first_mebibyte_of_ascii(tmp_path: Path) -> None:
    body = b"abc,def,ghi\n" * (MIB // 12 + 5)
    path = write(tmp_path, "late.csv", b"a,b,c\n" + body + b"x,\x82\n")
    err = expect_error("encoding-error", lambda: detect_encoding(path))
    assert err.offset == 6 + len(body) + 2
    assert "UTF-8, CP932 or EUC-JP" in err.message


def test_cp932_after_first_mebibyte_of_ascii(tmp_path: Path) -> None:
    body = b"abc,def,ghi\r\n" * (MIB // 13 + 5)
    path = write(tmp_path, "late.csv", b"a,b,c\r\n" + body + "①,㈱,髙\r\n".encode("cp932"))
    info = detect_encoding(path)
    assert info == EncodingInfo("cp932")
    _, records = read_all(path)
    assert records[-1].cells == ["①", "㈱", "髙"]


def test_encoding_scan_memory_is_flat(tmp_path: Path) -> None:
    line = "全国地方公共団体コード,名称,住所\r\n".encode()
    path = write(tmp_path, "big.csv", line * (16 * MIB // len(line)))
    tracemalloc.start()
    try:
        info, stats = scan_text(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.name == "utf-8" and stats.crlf == 16 * MIB // len(line)
    assert peak < 8 * MIB  # a 16 MiB file is never held in memory


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "名称,住所\r\n焼津市役所,本町2-16-32\r\n"
    for codec, bom in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        path = write(tmp_path, f"{codec}.csv", bom + text.encode(codec))
        table, records = read_all(path)
        assert table.encoding == EncodingInfo("utf-16", bom=True)
        assert table.header == ["名称", "住所"]
        assert records == [Record(2, 2, ["焼津市役所", "本町2-16-32"], row=2)]
        assert table.line_endings == "CRLF"


def test_utf32_with_bom(tmp_path: Path) -> None:
    # The UTF-32 LE mark FF FE 00 00 begins with the UTF-16 LE one: read as UTF-16, the
    # file became rows of blank cells.
    text = "名称,住所\r\n焼津市役所,本町2-16-32\r\n"
    for codec, bom in (("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)):
        path = write(tmp_path, f"{codec}.csv", bom + text.encode(codec))
        table, records = read_all(path)
        assert table.encoding == EncodingInfo("utf-32", bom=True)
        assert table.header == ["名称", "住所"]
        assert records == [Record(2, 2, ["焼津市役所", "本町2-16-32"], row=2)]
        assert read_all(path, encoding="utf-32")[1] == records
    xml = dataset_xml(ROWS[:1], encoding="UTF-32").encode("utf-32")
    path = write(tmp_path, "x.dat", xml)
    assert sniff(path) == "xml"
    with open_table(path) as table:
        assert table.encoding == EncodingInfo("utf-32", bom=True)
        assert len(list(table.records())) == 1


def test_encodings_that_do_not_give_text(tmp_path: Path) -> None:
    path = write(tmp_path, "e.csv", b"a,b\n\\ud800,x\n")
    for name in ("unicode_escape", "raw-unicode-escape"):
        err = expect_error("unknown-encoding", lambda n=name: open_table(path, encoding=n))
        assert err.message == f"{name!r} is not an encoding of text files"
        assert "テキストファイルの文字コードではありません" in err.localized("ja")
    expect_error("unknown-encoding", lambda: open_table(path, encoding="utf\x00"))  # a mapping's
    # UTF-7 is text, but '+2AA-' decodes to a lone surrogate that no output can hold.
    seven = write(tmp_path, "s.csv", b"a,b\n+2AA-,x\n")
    err = expect_error("encoding-error", lambda: open_table(seven, encoding="utf-7"))
    assert "does not decode as utf-7: byte 0x2B" in err.message
    assert read_all(write(tmp_path, "ok.csv", b"a,b\n+ZeVnLA-,x\n"), encoding="utf-7")[1] == [
        Record(2, 2, ["日本", "x"], row=2)
    ]


def test_euc_jp(tmp_path: Path) -> None:
    text = "名称,住所,備考\n焼津市役所,静岡県焼津市本町二丁目,ひらがなとカタカナ\n"
    path = write(tmp_path, "euc.csv", text.encode("euc-jp"))
    table, records = read_all(path)
    assert table.encoding is not None and table.encoding.name == "euc-jp"
    assert records[0].cells[2] == "ひらがなとカタカナ"


def test_cp932_not_mistaken_for_euc(tmp_path: Path) -> None:
    # Half-width katakana are legal in both; kanji/hiragana decide for CP932.
    text = "ｶﾅ,名称\r\nｺﾏｴｼ,狛江市役所\r\n"
    assert detect_encoding(text.encode("cp932")).name == "cp932"


def test_encoding_override(tmp_path: Path) -> None:
    path = write(tmp_path, "sjis.csv", "名称\r\n①\r\n".encode("cp932"))
    err = expect_error("encoding-error", lambda: open_table(path, encoding="utf-8"))
    assert "utf-8" in err.message and err.line == 1
    table, records = read_all(path, encoding="shift_jis")
    assert table.encoding is not None and table.encoding.name == "cp932"
    assert table.encoding.note is not None and "CP932" in table.encoding.note
    assert not table.encoding.declaration_mismatch  # a note on the choice, not the file's fault
    assert records[0].cells == ["①"]
    expect_error("unknown-encoding", lambda: open_table(path, encoding="klingon"))
    bom = write(tmp_path, "bom.csv", codecs.BOM_UTF8 + "名称\r\nx\r\n".encode())
    table, _ = read_all(bom, encoding="utf-8")
    assert table.encoding == EncodingInfo("utf-8-sig", bom=True)
    assert table.header == ["名称"]


def test_utf8_bom_then_invalid(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", codecs.BOM_UTF8 + b"a,b\n\x93\x94\n")
    err = expect_error("encoding-error", lambda: open_table(path))
    assert err.offset == 7 and err.line == 2


# --------------------------------------------------------------------------- CSV parsing


def test_cr_only_line_ends(tmp_path: Path) -> None:
    path = write(tmp_path, "cr.csv", b'a,b\r1,"x\ry"\r2,z\r')
    table, records = read_all(path)
    assert table.line_endings == "CR"
    assert records == [Record(2, 3, ["1", "x\ry"], row=2), Record(4, 4, ["2", "z"], row=3)]
    assert table.record_line_endings == "CR"


def test_mixed_endings_and_no_trailing_newline(tmp_path: Path) -> None:
    path = write(tmp_path, "m.csv", b'a,b\r\n1,"p\nq"\n2,x\r\n\r\n3,y')
    table, records = read_all(path)
    assert table.trailing_newline is False
    assert table.line_endings == "mixed"
    assert table.line_ending_counts == {"CRLF": 3, "LF": 2, "CR": 0}
    assert [(r.line, r.end_line, r.cells) for r in records] == [
        (2, 3, ["1", "p\nq"]),
        (4, 4, ["2", "x"]),
        (5, 5, []),
        (6, 6, ["3", "y"]),
    ]
    assert records[2].is_blank
    assert table.record_line_endings == "mixed"


def test_single_line_without_newline(tmp_path: Path) -> None:
    table, records = read_all(write(tmp_path, "h.csv", b"a,b"))
    assert table.header == ["a", "b"] and records == []
    assert table.line_endings == "none" and table.trailing_newline is False


def test_unclosed_quote(tmp_path: Path) -> None:
    path = write(tmp_path, "q.csv", b'a,b\r\n1,2\r\n3,"open\r\n4,5\r\n6,7\r\n')
    with open_table(path) as table:
        records = table.records()
        assert next(records) == Record(2, 2, ["1", "2"], row=2)
        err = expect_error("unclosed-quote", lambda: next(records))
    assert err.line == 3
    assert "line 3" in err.message
    # In the header itself: reported when opening.
    head = write(tmp_path, "h.csv", b'a,"b\r\n1,2\r\n')
    assert expect_error("unclosed-quote", lambda: open_table(head)).line == 1


def test_quotes_that_are_not_unclosed(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.csv", b'a,b\r\n1,say "hi"\r\n2,"x""y"\r\n3,"z"w\r\n')
    _, records = read_all(path)
    assert [r.cells for r in records] == [["1", 'say "hi"'], ["2", 'x"y'], ["3", "zw"]]


def test_field_too_large(tmp_path: Path) -> None:
    path = write(tmp_path, "big.csv", b"a,b\n1,2\n3," + b"x" * 5000 + b"\n")
    with open_table(path, max_field_size=1000) as table:
        err = expect_error("too-large", lambda: list(table.records()))
    assert err.line == 3
    runaway = write(tmp_path, "run.csv", b'a,b\n1,"' + b"x\n" * 3000)
    err = expect_error("too-large", lambda: open_table(runaway, max_field_size=1000))
    assert "closing quote" in err.message


@pytest.mark.parametrize(
    ("data", "delimiter"),
    [
        (b"name\taddress\tphone\n\xe5\xb8\x82\tb\tc\n", "\t"),
        (b"name;address;phone\n1;2;3\n", ";"),
        (b"name,address (a;b),phone\n1,2,3\n", ","),
        (b'"name\tx",address,phone\n1,2,3\n', ","),
        (b"title only\nname\tb\tc\n1\t2\t3\n", "\t"),
    ],
)
def test_delimiter_detection(tmp_path: Path, data: bytes, delimiter: str) -> None:
    table, records = read_all(write(tmp_path, "d.csv", data))
    assert table.delimiter == delimiter
    assert len(records[-1].cells) == len(table.header) == 3


def test_delimiter_override_and_tsv_default(tmp_path: Path) -> None:
    path = write(tmp_path, "x.csv", b"a|b\n1|2\n")
    table, records = read_all(path, delimiter="|")
    assert table.header == ["a", "b"] and records[0].cells == ["1", "2"]
    tsv = write(tmp_path, "x.tsv", b"a,b\tc\n1,2\t3\n")
    assert read_all(tsv)[0].delimiter == "\t"
    assert read_all(tsv, delimiter="tab")[0].header == ["a,b", "c"]
    expect_error("bad-delimiter", lambda: open_table(path, delimiter='"'))


def test_title_row_before_header(tmp_path: Path) -> None:
    data = "令和5年4月1日現在 公衆トイレ一覧,,\r\n,,\r\nname,address,phone\r\n1,2,3\r\n"
    table, records = read_all(write(tmp_path, "t.csv", data.encode()))
    assert table.header == ["name", "address", "phone"]
    assert table.header_line == 3
    assert [(p.line, p.reason) for p in table.preamble] == [(1, "title"), (2, "blank")]
    assert records == [Record(4, 4, ["1", "2", "3"], row=4)]


def test_single_column_file_is_not_a_title(tmp_path: Path) -> None:
    table, records = read_all(write(tmp_path, "one.csv", b"name\na\nb\n"))
    assert table.header == ["name"] and table.header_line == 1 and len(records) == 2
    # An unnamed row-label column is a header, not a title row.
    table, records = read_all(write(tmp_path, "label.csv", ",件数\n渋谷,3\n".encode()))
    assert table.header == ["", "件数"] and records[0].cells == ["渋谷", "3"]


def test_header_row_override(tmp_path: Path) -> None:
    data = b'note,"multi\nline"\nname,addr\n1,2\n'
    table, records = read_all(write(tmp_path, "h.csv", data), header_row=3)
    assert table.header == ["name", "addr"]
    assert [(p.line, p.reason) for p in table.preamble] == [(1, "before-header")]
    assert records == [Record(4, 4, ["1", "2"], row=3)]
    path = tmp_path / "h.csv"
    assert expect_error("no-header", lambda: open_table(path, header_row=2)).line == 2
    expect_error("no-header", lambda: open_table(path, header_row=99))


def test_hash_rows_after_the_header_are_data(tmp_path: Path) -> None:
    # '#' rows are metadata before the header and right after it (#object_type_xsd);
    # past the first data row a label starting with '#' is data: skipped, it vanished
    # from the counts, the output and the rejects.
    data = (
        b"#LINK,,\n#property,name,kind\n#object_type_xsd,string,string\n"
        b"1,a,b\n#note,x,y\n #3,e,f\n2,c,d"
    )
    with open_table(write(tmp_path, "t.csv", data)) as table:
        assert table.header == ["name", "kind"]
        records = list(table.records())
        assert [(r.line, r.label, r.cells) for r in records] == [
            (4, "1", ["a", "b"]),
            (5, "#note", ["x", "y"]),
            (6, " #3", ["e", "f"]),
            (7, "2", ["c", "d"]),
        ]
        assert [(p.line, p.reason) for p in table.preamble] == [(1, "metadata"), (3, "metadata")]
        assert len(list(table.records())) == 4  # re-iterable
        assert len(table.preamble) == 2


def test_hash_in_ordinary_data_is_data(tmp_path: Path) -> None:
    _, records = read_all(write(tmp_path, "h.csv", b"no,name\n#1,a\n"))
    assert records[0].cells == ["#1", "a"]


def test_table_close_stops_iteration(tmp_path: Path) -> None:
    path = write(tmp_path, "c.csv", b"a\n1\n2\n")
    table = open_table(path)
    records = table.records()
    assert next(records).cells == ["1"]
    table.close()
    with pytest.raises(StopIteration):
        next(records)
    with pytest.raises(ValueError):
        table.records()


# --------------------------------------------------------------------------- XLSX


def _workbook(path: Path) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.title = "一覧"
    ws.append(["令和5年度 食品営業許可一覧"])
    ws.append([])
    ws.append(["code", "date", "datetime", "flag", "float", "int_float", "empty", "time"])
    ws.append(
        [
            12345,
            dt.date(2023, 4, 1),
            dt.datetime(2023, 4, 1, 9, 30),
            True,
            35.5,
            3.0,
            None,
            dt.time(9, 0),
        ]
    )
    ws.cell(row=4, column=1).number_format = "000000"
    ws.append([])
    ws.append(["x"])
    for _ in range(3):
        ws.append([None, None])  # formatted-but-empty rows at the end
    ws.cell(row=9, column=2).number_format = "0.00"
    other = wb.create_sheet("second")
    other.append(["a", "b"])
    other.append([1, 2])
    wb.save(path)


def test_generated_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    _workbook(path)
    table, records = read_all(path)
    assert table.sheet_names == ["一覧", "second"]
    assert table.header_line == 3
    assert [(p.line, p.reason) for p in table.preamble] == [(1, "title"), (2, "blank")]
    assert records[0] == Record(
        4,
        4,
        ["012345", "2023-04-01", "2023-04-01T09:30:00", "TRUE", "35.5", "3", "", "09:00"],
        row=4,
    )
    assert records[1].line == 5 and records[1].is_blank
    assert records[2].line == 6 and records[2].cells[0] == "x" and len(records[2].cells) == 8
    assert len(records) == 3  # trailing empty rows dropped
    for sheet in ("second", 2, "2"):
        table, records = read_all(path, sheet=sheet)
        assert table.sheet_name == "second" and records == [Record(2, 2, ["1", "2"], row=2)]
    err = expect_error("sheet-not-found", lambda: open_table(path, sheet="三"))
    assert "'一覧', 'second'" in err.message
    expect_error("sheet-not-found", lambda: open_table(path, sheet=3))


def test_broken_xlsx(tmp_path: Path) -> None:
    ole2 = write(tmp_path, "old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    assert "password-protected" in expect_error("xlsx-error", lambda: open_table(ole2)).message
    expect_error("xlsx-error", lambda: open_table(write(tmp_path, "a.xlsx", b"name,x\n1,2\n")))
    zpath = tmp_path / "b.xlsx"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    expect_error("xlsx-error", lambda: open_table(zpath))
    expect_error("empty-file", lambda: open_table(write(tmp_path, "c.xlsx", b"")))


def _book(path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def test_xlsx_first_visible_sheet(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "h.xlsx",
        {"lists": [["code"], ["1"]], "scratch": [["x"]], "data": [["a", "b"], ["1", "2"]]},
        hidden=("lists", "scratch"),
    )
    table, records = read_all(path)
    assert table.sheet_name == "data" and records == [Record(2, 2, ["1", "2"], row=2)]
    assert table.hidden_sheets_skipped == ["lists", "scratch"]
    assert "skipped hidden sheet(s) 'lists', 'scratch' before it" in table.notes
    table, records = read_all(path, sheet=1)  # an explicit sheet wins, hidden or not
    assert table.sheet_name == "lists" and table.hidden_sheets_skipped == []
    assert records == [Record(2, 2, ["1"], row=2)]


def test_xlsx_styled_cells_past_the_values(tmp_path: Path) -> None:
    # openpyxl pads each row to its last cell; styled empty cells at XFD and far below
    # the data change nothing, and the rows are read only as wide as the last value.
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["a", "b", "c"])
    ws.append(["1", None, "3"])
    for row in range(1, 400):
        ws.cell(row=row, column=16_384).font = Font(bold=True)
    ws.cell(row=5, column=2, value="x")
    path = tmp_path / "far.xlsx"
    wb.save(path)
    table, records = read_all(path)
    assert table.header == ["a", "b", "c"]
    assert records == [
        Record(2, 2, ["1", "", "3"], row=2),
        Record(3, 3, ["", "", ""], row=3),
        Record(4, 4, ["", "", ""], row=4),
        Record(5, 5, ["", "x", ""], row=5),
    ]


def test_xlsx_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from stdschema.io import xlsx_reader
    from tests.hostile.kinds_input import sheet_xml, xlsx_parts

    def strings() -> Any:
        yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        yield b"<si><t>ab</t></si>" * 5 + b"</sst>"

    path = tmp_path / "s.xlsx"
    rows = [["h1", "h2"], ["1", "2"], ["3", "4"]]
    xlsx_parts([("Data", sheet_xml(rows))], strings=strings)(path)
    assert len(read_all(path)[1]) == 2
    limits = [
        ("MAX_SHARED_STRINGS_BYTES", 100, "unpacks to more than 100 bytes"),
        ("MAX_SHARED_STRINGS", 4, "has more than 4 strings"),
        ("MAX_SHARED_CHARS", 9, "has more than 9 characters of text"),
        ("MAX_SHEET_ROWS", 2, "sheet 'Data' has more than 2 rows"),
        ("MAX_ROW_CELLS", 1, "sheet 'Data' has more than 1 cells in a row"),
        ("MAX_CELLS", 5, "sheet 'Data' has more than 5 cells"),
        ("MAX_HELD_ELEMENTS", 2, "sheet 'Data' makes a parser hold more than 2 elements"),
    ]
    for name, limit, message in limits:
        with monkeypatch.context() as m:
            m.setattr(xlsx_reader, name, limit)
            err = expect_error("too-large", lambda: open_table(path))
            assert message in err.message and "the limit for XLSX input" in err.message
            assert err.key is not None and "上限" in err.localized("ja")
    # The cells read: rows to the last value times columns to the last value (2 x 3
    # here, from 4 cells in the file).
    wide = tmp_path / "w.xlsx"
    xlsx_parts([("Data", sheet_xml([["h1", "h2", "h3"], ["1"]]))])(wide)
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 6)
    assert read_all(wide)[1] == [Record(2, 2, ["1", "", ""], row=2)]
    monkeypatch.setattr(xlsx_reader, "MAX_CELLS", 5)
    err = expect_error("too-large", lambda: open_table(wide))
    assert "spans 2 rows by 3 columns of values, more than 5 cells" in err.message


def test_xlsx_warnings_are_notes_not_stderr(tmp_path: Path) -> None:
    import warnings

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["day", "n"])
    ws.append([1e10, 1])
    ws["A2"].number_format = "yyyy-mm-dd"  # a date serial far past 9999-12-31
    path = tmp_path / "d.xlsx"
    wb.save(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table, records = read_all(path)
    assert caught == []
    assert records == [Record(2, 2, ["#VALUE!", "1"], row=2)]
    assert any(n.startswith("openpyxl: Cell A2 is marked as a date") for n in table.notes)


# --------------------------------------------------------------------------- XML


def dataset_xml(records: list[dict[str, str]], *, ns: bool = True, encoding: str = "UTF-8") -> str:
    xmlns = f' xmlns="{DATASET_NS}"' if ns else ""
    parts = [f'<?xml version="1.0" encoding="{encoding}"?>']
    parts.append(f'<dataset{xmlns} id="public_toilets" edition="v2">')
    for rec in records:
        parts.append("  <record>")
        parts.extend(f"    <{k}>{v}</{k}>" for k, v in rec.items())
        parts.append("  </record>")
    parts.append("</dataset>")
    return "\n".join(parts) + "\n"


ROWS = [
    {"local_government_code": "222127", "id": "1", "name": "焼津駅北口"},
    {"local_government_code": "222127", "id": "2", "opening_hours": "9:00"},
    {"id": "3", "name": ""},
]


@pytest.mark.parametrize("ns", [True, False])
def test_dataset_xml_round_trip(tmp_path: Path, ns: bool) -> None:
    path = write(tmp_path, "d.xml", dataset_xml(ROWS, ns=ns).encode())
    table, records = read_all(path)
    assert table.format == "xml"
    assert table.dataset_hint == "public_toilets@v2"
    assert table.header == ["local_government_code", "id", "name", "opening_hours"]
    assert [(r.line, r.end_line) for r in records] == [(3, 6), (8, 11), (13, 15)]
    rebuilt = [
        {k: v for k, v in zip(table.header, r.cells, strict=True) if k in ROWS[i]}
        for i, r in enumerate(records)
    ]
    assert rebuilt == ROWS
    assert records[1].cells == ["222127", "2", "", "9:00"]
    assert table.encoding == EncodingInfo("utf-8")


def test_dataset_xml_declared_shift_jis_but_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "d.xml", dataset_xml(ROWS, encoding="shift_jis").encode())
    table, records = read_all(path)
    assert table.encoding is not None
    assert table.encoding.note == "declares shift_jis but is UTF-8"
    assert table.encoding.declaration_mismatch
    assert records[0].cells[2] == "焼津駅北口"


def test_dataset_xml_other_encodings(tmp_path: Path) -> None:
    text = dataset_xml(ROWS, encoding="Shift_JIS")
    table, records = read_all(write(tmp_path, "s.xml", text.encode("cp932")))
    assert table.encoding == EncodingInfo("cp932")
    assert records[0].cells[2] == "焼津駅北口"
    bom = write(tmp_path, "b.xml", codecs.BOM_UTF8 + dataset_xml(ROWS).encode())
    assert read_all(bom)[1][0].cells[2] == "焼津駅北口"
    u16 = write(tmp_path, "u.xml", dataset_xml(ROWS, encoding="UTF-16").encode("utf-16"))
    table, records = read_all(u16)
    assert table.encoding == EncodingInfo("utf-16", bom=True)
    assert records[0].cells[2] == "焼津駅北口"


def test_dataset_xml_wrong_root(tmp_path: Path) -> None:
    path = write(tmp_path, "x.xml", b"<rows><record><a>1</a></record></rows>")
    expect_error("xml-not-dataset", lambda: open_table(path))


def test_malformed_xml(tmp_path: Path) -> None:
    path = write(tmp_path, "m.xml", b"<dataset>\n<record>\n<id>1</record>\n</dataset>\n")
    err = expect_error("xml-malformed", lambda: open_table(path))
    assert err.line == 3
    expect_error("xml-malformed", lambda: open_table(write(tmp_path, "w.xml", b"  \n")))
    undefined = write(tmp_path, "u.xml", b"<dataset><record><a>&nope;</a></record></dataset>")
    expect_error("xml-malformed", lambda: open_table(undefined))


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE dataset [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<dataset><record><name>&lol3;</name></record></dataset>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE dataset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<dataset><record><name>&xxe;</name></record></dataset>
"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE dataset SYSTEM "http://127.0.0.1:9/evil.dtd">
<dataset><record><name>x</name></record></dataset>
"""
QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "'
    + b"x" * 10000
    + b'">]><dataset><record><n>'
    + b"&a;" * 1000
    + b"</n></record></dataset>"
)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (BILLION_LAUGHS, "entities"),
        (XXE, "entities"),
        (EXTERNAL_DTD, "external DTD"),
        (QUADRATIC, "entities"),
    ],
)
def test_unsafe_xml(tmp_path: Path, data: bytes, fragment: str) -> None:
    path = write(tmp_path, "evil.xml", data)
    err = expect_error("xml-unsafe", lambda: open_table(path))
    assert fragment in err.message
    expect_error("xml-unsafe", lambda: list(iter_xml_records(path, "//record")))


def test_unsafe_xml_second_line_of_defence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from stdschema.io import xml_reader

    def no_prescan(path: Path, info: EncodingInfo) -> None:
        return None

    monkeypatch.setattr(xml_reader, "_check_prolog", no_prescan)
    for data in (BILLION_LAUGHS, XXE, EXTERNAL_DTD):
        path = write(tmp_path, "evil.xml", data)
        err = expect_error("xml-unsafe", partial(open_table, path))
        assert "DOCTYPE" in err.message


def test_doctype_without_declarations_is_fine(tmp_path: Path) -> None:
    data = b"<?xml version='1.0'?>\n<!-- <!DOCTYPE x SYSTEM 'y'> -->\n<!DOCTYPE dataset>\n"
    data += b"<dataset><record><id>1</id></record></dataset>"
    _, records = read_all(write(tmp_path, "ok.xml", data))
    assert records[0].cells == ["1"]


def test_deep_nesting(tmp_path: Path) -> None:
    deep = (
        b"<dataset><record><v>" + b"<a>" * 300 + b"x" + b"</a>" * 300 + b"</v></record></dataset>"
    )
    path = write(tmp_path, "deep.xml", deep)
    err = expect_error("xml-unsafe", lambda: open_table(path))
    assert "nested" in err.message
    shallow = write(tmp_path, "s.xml", b"<r>" + b"<a>" * 20 + b"</a>" * 20 + b"</r>")
    err = expect_error("xml-unsafe", lambda: list(iter_xml_records(shallow, "//a", max_depth=10)))
    assert "10 levels" in err.message


def test_xml_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "d.xml", dataset_xml(ROWS).encode())
    expect_error("too-large", lambda: iter_xml_records(path, "//record", max_bytes=100))


def test_xml_binary_and_empty(tmp_path: Path) -> None:
    expect_error("empty-file", lambda: open_table(write(tmp_path, "e.xml", b"")))
    png = write(tmp_path, "p.xml", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "not XML" in expect_error("binary-file", lambda: open_table(png)).message


def test_record_path_subset() -> None:
    assert compile_record_path("//a") == [(True, None, "a")]
    assert compile_record_path("/r/a") == [(False, None, "r"), (False, None, "a")]
    assert compile_record_path("p:a", {"p": "urn:x"}) == [(False, None, "*"), (False, "urn:x", "a")]
    for bad in ("//a[1]", "a/@id", "q:a", "", "a//"):
        with pytest.raises(ValueError):
            compile_record_path(bad)


def test_unsupported_record_path_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path, "r.xml", b"<r><a>1</a></r>")
    err = expect_error("bad-record-path", lambda: iter_xml_records(path, "//a[1]"))
    assert err.message.startswith("unsupported record path '//a[1]': step 'a[1]'")


def test_iter_xml_records_paths(tmp_path: Path) -> None:
    data = b"""<root>
  <item code="1"><name>a</name><geo><lat>35</lat><lon>139</lon></geo><tag>x</tag><tag>y</tag></item>
  <group><item code="2"><name>b</name></item></group>
</root>"""
    path = write(tmp_path, "g.xml", data)
    assert [line for line, _ in iter_xml_records(path, "//item")] == [2, 3]
    assert list(iter_xml_records(path, "item")) == [
        (
            2,
            {
                "@code": "1",
                "name": "a",
                "geo/lat": "35",
                "geo/lon": "139",
                "tag": "x",
                "tag[2]": "y",
            },
        )
    ]
    assert [f["@code"] for _, f in iter_xml_records(path, "/root/group/item")] == ["2"]
    assert [f["."] for _, f in iter_xml_records(path, ".//name")] == ["a", "b"]
