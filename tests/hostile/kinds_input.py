"""Hostile-corpus kinds, round 2: input (registered in :data:`tests.hostile.corpus.KINDS`).

Rows that vanish (``#`` data rows, UTF-32), encodings and record paths that crashed,
and workbooks that cost gigabytes or minutes (shared strings, styled cells at XFD),
hide their real sheet, or make openpyxl print warnings.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.hostile.corpus import (
    CONVERTED_ALL,
    GOOD_CSV,
    HEADER,
    MAPPING,
    RECORD,
    ROW,
    XML_MAPPING,
    Case,
    Ctx,
    Expect,
    MiB,
    both,
    kind,
)

# --------------------------------------------------------------------------- text


@kind("property-layout-hash-data-rows")
def property_hash_rows(ctx: Ctx) -> Case:
    # 高松市 #LINK layout: '#' rows are metadata only up to the header and right after
    # it; data rows whose label starts with '#' (even after a space) are data.
    lines = [
        "#LINK,http://example.invalid/",
        "#lang,ja",
        f"#property,{HEADER}",
        "#object_type_xsd,string,string,string,string",
        f"1,{ROW}",
        f"#2,{ROW}",
        f" #3,{ROW}",
        f"4,{ROW}",
        f"#5,{ROW}",
    ]
    return Case(
        "link.csv",
        {"link.csv": ("\n".join(lines) + "\n").encode()},
        validate=Expect(0, r'"rows": 5,'),
        convert=Expect(0, r"read 5 = written 5 \+ rejected 0"),
    )


def _utf32(ctx: Ctx, codec: str, bom: bytes) -> Case:
    return Case(
        "wide.csv",
        {"wide.csv": bom + GOOD_CSV.encode(codec)},
        validate=Expect(0, r'(?s)"encoding": "utf-32",.*"rows": 1,'),
        convert=Expect(0, CONVERTED_ALL),
        output_has=r"222127,,,駅北公衆トイレ,",
    )


@kind("utf32-le-with-bom")
def utf32_le(ctx: Ctx) -> Case:
    # FF FE 00 00 starts like the UTF-16 LE mark: read as UTF-16 it was rows of blanks.
    return _utf32(ctx, "utf-32-le", b"\xff\xfe\x00\x00")


@kind("utf32-be-with-bom")
def utf32_be(ctx: Ctx) -> Case:
    return _utf32(ctx, "utf-32-be", b"\x00\x00\xfe\xff")


@kind("utf32-xml-with-bom")
def utf32_xml(ctx: Ctx) -> Case:
    xml = f'<?xml version="1.0" encoding="UTF-32"?><dataset>{RECORD}</dataset>'
    return Case(
        "wide.xml",
        {"wide.xml": xml.encode("utf-32"), "mapping.yaml": XML_MAPPING.encode()},
        validate=Expect(0, r'"rows": 1,'),
        convert=Expect(0, CONVERTED_ALL),
    )


@kind("encoding-unicode-escape")
def encoding_unicode_escape(ctx: Ctx) -> Case:
    # Read with unicode_escape, '\ud800' became a lone surrogate no output can hold.
    header = HEADER.encode("unicode_escape")
    data = header + b"\n222127,\\ud800,x,\\u65bd\\u8a2d\\u5185\n"
    return Case(
        "escaped.csv",
        {"escaped.csv": data},
        extra=["--encoding", "unicode_escape"],
        **both(2, r"escaped\.csv: 'unicode_escape' is not an encoding of text files"),
    )


@kind("encoding-utf7-lone-surrogate")
def encoding_utf7(ctx: Ctx) -> Case:
    # UTF-7 decodes '+2AA-' to a lone surrogate, which no output can hold.
    data = f"{HEADER}\n".encode("utf-7") + b"222127,+2AA-,x,+YL0og1Q-\n"
    return Case(
        "seven.csv",
        {"seven.csv": data},
        extra=["--encoding", "utf-7"],
        **both(2, r"seven\.csv: does not decode as utf-7: byte 0x2B"),
    )


@kind("mapping-encoding-not-text")
def mapping_encoding(ctx: Ctx) -> Case:
    # The encoding may come from the mapping instead of --encoding: the same rules apply.
    mapping = MAPPING + 'source:\n  encoding: "raw_unicode_escape"\n'
    return Case(
        "good.csv",
        {"good.csv": GOOD_CSV.encode(), "mapping.yaml": mapping.encode()},
        convert=Expect(2, r"good\.csv: 'raw_unicode_escape' is not an encoding of text files"),
    )


@kind("encoding-not-a-codec")
def encoding_unknown(ctx: Ctx) -> Case:
    return Case(
        "good.csv",
        {"good.csv": GOOD_CSV.encode()},
        extra=["--encoding", "no-such-codec"],
        **both(2, r"unknown encoding 'no-such-codec'"),
    )


@kind("xml-record-xpath-unsupported")
def record_xpath_unsupported(ctx: Ctx) -> Case:
    mapping = XML_MAPPING + 'source:\n  record_xpath: "//record[1]"\n'
    xml = f"<?xml version='1.0'?><dataset>{RECORD}</dataset>"
    return Case(
        "data.xml",
        {"data.xml": xml.encode(), "mapping.yaml": mapping.encode()},
        convert=Expect(2, r"unsupported record path '//record\[1\]': step 'record\[1\]'"),
    )


# --------------------------------------------------------------------------- XLSX

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
Parts = Iterator[bytes]


def xlsx_parts(
    sheets: list[tuple[str, Callable[[], Parts]]],
    *,
    strings: Callable[[], Parts] | None = None,
    hidden: tuple[str, ...] = (),
    styles: bool = True,
) -> Callable[[Path], None]:
    """A writer of a workbook built part by part (streamed: parts may be gigabytes)."""

    def write(path: Path) -> None:
        overrides = [
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>',
            *(
                f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                f'ContentType="{CT}.worksheet+xml"/>'
                for i in range(1, len(sheets) + 1)
            ),
        ]
        rels = [
            f'<Relationship Id="rId{i}" Target="worksheets/sheet{i}.xml" Type="{REL}/worksheet"/>'
            for i in range(1, len(sheets) + 1)
        ]
        if strings is not None:
            overrides.append(
                f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>'
            )
            rels.append(
                f'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="{REL}/sharedStrings"/>'
            )
        if styles:
            overrides.append(f'<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/>')
            rels.append(f'<Relationship Id="rIdT" Target="styles.xml" Type="{REL}/styles"/>')
        entries = "".join(
            f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"'
            + (' state="hidden"' if name in hidden else "")
            + "/>"
            for i, (name, _) in enumerate(sheets, start=1)
        )
        pkg = "http://schemas.openxmlformats.org/package/2006"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(
                "[Content_Types].xml",
                f'<?xml version="1.0"?><Types xmlns="{pkg}/content-types">'
                '<Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                f"{''.join(overrides)}</Types>",
            )
            zf.writestr(
                "_rels/.rels",
                f'<?xml version="1.0"?><Relationships xmlns="{pkg}/relationships">'
                f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>",
            )
            zf.writestr(
                "xl/workbook.xml",
                f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}">'
                f"<sheets>{entries}</sheets></workbook>",
            )
            zf.writestr(
                "xl/_rels/workbook.xml.rels",
                f'<?xml version="1.0"?><Relationships xmlns="{pkg}/relationships">'
                f"{''.join(rels)}</Relationships>",
            )
            if styles:
                zf.writestr(
                    "xl/styles.xml",
                    f'<?xml version="1.0"?><styleSheet xmlns="{NS}">'
                    '<fonts count="2"><font/><font><b/></font></fonts>'
                    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
                    '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
                    '<cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs>'
                    "</styleSheet>",
                )
            parts = [(f"xl/worksheets/sheet{i}.xml", gen) for i, (_, gen) in enumerate(sheets, 1)]
            if strings is not None:
                parts.append(("xl/sharedStrings.xml", strings))
            for name, gen in parts:
                with zf.open(name, "w", force_zip64=True) as f:
                    for chunk in gen():
                        f.write(chunk)

    return write


def _is(text: str) -> str:
    return f"<is><t>{text}</t></is>"


SHEET_HEAD = f'<?xml version="1.0"?><worksheet xmlns="{NS}"><sheetData>'.encode()


def rows_xml(rows: list[list[str]]) -> bytes:
    """Inline-string rows from row 1."""
    out = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{chr(65 + i)}{r}" t="inlineStr">{_is(v)}</c>' for i, v in enumerate(row)
        )
        out.append(f'<row r="{r}">{cells}</row>')
    return "".join(out).encode()


def sheet_xml(rows: list[list[str]], tail: bytes = b"") -> Callable[[], Parts]:
    """A sheet of inline-string rows (header and data); ``tail`` goes after the data."""

    def gen() -> Parts:
        yield SHEET_HEAD + rows_xml(rows) + b"</sheetData>" + tail + b"</worksheet>"

    return gen


GOOD_ROWS = [HEADER.split(","), ROW.split(",")]


def _far_rows(rows: int, far_value: bool, near_value: bool = True) -> Callable[[], Parts]:
    """The header and a row, then rows with a cell at A (holding a value, or styled and
    empty) and a cell at XFD (styled and empty, or holding a value)."""

    def gen() -> Parts:
        yield SHEET_HEAD + rows_xml(GOOD_ROWS)
        block = []
        for r in range(3, rows + 3):
            if far_value:
                far = f'<c r="XFD{r}" t="inlineStr">{_is("x")}</c>'
            else:
                far = f'<c r="XFD{r}" s="1"/>'
            near = f'<c r="A{r}" s="1"><v>{r}</v></c>' if near_value else f'<c r="A{r}" s="1"/>'
            block.append(f'<row r="{r}">{near}{far}</row>')
            if len(block) == 10_000:
                yield "".join(block).encode()
                block = []
        yield "".join(block).encode()
        yield b"</sheetData></worksheet>"

    return gen


@kind("xlsx-styled-cell-at-xfd", heavy=True)
def xlsx_styled_xfd(ctx: Ctx) -> Case:
    # openpyxl pads every row to its last cell: 16,384 cells a row for a styled empty
    # cell at XFD. Read as wide as the last value, the 200,000 rows take seconds.
    return Case(
        "wide.xlsx",
        {"wide.xlsx": xlsx_parts([("Sheet1", _far_rows(200_000, False))])},
        validate=Expect(1, r'"rows": 200001,'),
    )


@kind("xlsx-styled-cells-at-a-and-xfd", heavy=True)
def xlsx_styled_8mb(ctx: Ctx) -> Case:
    # The reported case: rows holding two styled empty cells, at A and XFD (1.7 MB took
    # 594 s, 8 MB did not finish). These 5 MB hold nothing past the data row: seconds.
    return Case(
        "styled.xlsx",
        {"styled.xlsx": xlsx_parts([("Sheet1", _far_rows(700_000, False, False))])},
        validate=Expect(0, r'"rows": 1,'),
        convert=Expect(0, CONVERTED_ALL),
    )


@kind("xlsx-values-at-a-and-xfd", heavy=True)
def xlsx_values_xfd(ctx: Ctx) -> Case:
    # Values at A and XFD on 5,000 rows: 82 million cells to read, over the limit.
    return Case(
        "far.xlsx",
        {"far.xlsx": xlsx_parts([("Sheet1", _far_rows(5_000, True))])},
        **both(2, r"far\.xlsx: sheet 'Sheet1' spans 5,002 rows by 16,384 columns of values"),
    )


@kind("xlsx-too-many-rows", heavy=True)
def xlsx_many_rows(ctx: Ctx) -> Case:
    def sheet() -> Parts:
        yield SHEET_HEAD
        for _ in range(110):
            yield b'<row><c s="1"/><c s="1"/></row>' * 10_000
        yield b"</sheetData></worksheet>"

    return Case(
        "rows.xlsx",
        {"rows.xlsx": xlsx_parts([("Sheet1", sheet)])},
        **both(2, r"rows\.xlsx: sheet 'Sheet1' has more than 1,048,576 rows, the limit"),
    )


@kind("xlsx-row-of-100k-cells")
def xlsx_wide_row(ctx: Ctx) -> Case:
    def sheet() -> Parts:
        yield SHEET_HEAD + rows_xml(GOOD_ROWS)
        yield b'<row r="3">' + b'<c s="1"/>' * 100_000 + b"</row></sheetData></worksheet>"

    return Case(
        "row.xlsx",
        {"row.xlsx": xlsx_parts([("Sheet1", sheet)])},
        **both(2, r"row\.xlsx: sheet 'Sheet1' has more than 16,384 cells in a row"),
    )


@kind("xlsx-merged-cells-flood", heavy=True)
def xlsx_merged_flood(ctx: Ctx) -> Case:
    # 3 million merged ranges after the data: a parser holds each until the list ends.
    def sheet() -> Parts:
        yield SHEET_HEAD + rows_xml(GOOD_ROWS) + b"</sheetData><mergeCells>"
        for _ in range(300):
            yield b'<mergeCell ref="C5:D6"/>' * 10_000
        yield b"</mergeCells></worksheet>"

    return Case(
        "merged.xlsx",
        {"merged.xlsx": xlsx_parts([("Sheet1", sheet)])},
        **both(2, r"merged\.xlsx: sheet 'Sheet1' makes a parser hold more than 1,148,576 elements"),
    )


@kind("xlsx-shared-strings-other-elements")
def xlsx_strings_other(ctx: Ctx) -> Case:
    # openpyxl frees only <si> elements of the table: anything else stays in memory whole.
    def strings() -> Parts:
        yield f'<?xml version="1.0"?><sst xmlns="{NS}"><si><t>a</t></si><x>'.encode()
        yield b"<y/>" * 100_000 + b"</x></sst>"

    return _strings_case(
        "other.xlsx",
        strings,
        r"other\.xlsx: the workbook's shared-string table has more than 1,000 elements that are "
        "not strings",
    )


def _strings(count: int, text: str = "", size: int | None = None) -> Callable[[], Parts]:
    def gen() -> Parts:
        yield f'<?xml version="1.0"?><sst xmlns="{NS}">'.encode()
        item = f"<si><t>{text}</t></si>".encode()
        # ``size``: repeat the item up to about that many bytes
        count_ = size // len(item) if size is not None else count
        chunk = item * min(count_, 10_000)
        for _ in range(count_ // 10_000):
            yield chunk
        yield item * (count_ % 10_000)
        yield b"</sst>"

    return gen


def _strings_case(name: str, strings: Callable[[], Parts], message: str) -> Case:
    return Case(
        name,
        {name: xlsx_parts([("Sheet1", sheet_xml(GOOD_ROWS))], strings=strings)},
        **both(2, message),
    )


@kind("xlsx-shared-strings-bomb", heavy=True)
def xlsx_strings_bomb(ctx: Ctx) -> Case:
    # About 1 GiB of '<si><t>a</t></si>' (a few MB packed), under the workbook cap:
    # openpyxl kept every string (5.8 GB, 781 s).
    return _strings_case(
        "bomb.xlsx",
        _strings(0, "a", size=1000 * MiB),
        r"bomb\.xlsx: the workbook's shared-string table unpacks to more than 67,108,864 bytes",
    )


@kind("xlsx-shared-strings-count", heavy=True)
def xlsx_strings_count(ctx: Ctx) -> Case:
    return _strings_case(
        "count.xlsx",
        _strings(1_200_000),
        r"count\.xlsx: the workbook's shared-string table has more than 1,000,000 strings",
    )


@kind("xlsx-shared-strings-text", heavy=True)
def xlsx_strings_text(ctx: Ctx) -> Case:
    # 36 strings of 1 Mi characters (a third of them kanji): 63 MB of XML.
    return _strings_case(
        "text.xlsx",
        _strings(36, "字" * (MiB // 3) + "a" * (MiB - MiB // 3)),
        r"text\.xlsx: the workbook's shared-string table has more than 33,554,432 characters",
    )


@kind("xlsx-first-sheet-hidden")
def xlsx_hidden_first(ctx: Ctx) -> Case:
    # The hidden first sheet is a lookup list; the published table is the visible one.
    lookup = sheet_xml([["コード表"], ["1"], ["2"]])
    return Case(
        "book.xlsx",
        {
            "book.xlsx": xlsx_parts(
                [("作業用", lookup), ("公衆トイレ", sheet_xml(GOOD_ROWS))], hidden=("作業用",)
            )
        },
        validate=Expect(0, r'"sheet": "公衆トイレ"'),
        convert=Expect(0, CONVERTED_ALL + r"[\s\S]*skipped hidden sheet\(s\) '作業用'"),
        output_has=r"222127,,,駅北公衆トイレ,",
    )


@kind("xlsx-hidden-sheet-chosen")
def xlsx_hidden_chosen(ctx: Ctx) -> Case:
    # An explicit --sheet still reads a hidden sheet (convert has no --sheet).
    lookup = sheet_xml([["コード表"], ["1"], ["2"]])
    return Case(
        "book.xlsx",
        {
            "book.xlsx": xlsx_parts(
                [("作業用", lookup), ("公衆トイレ", sheet_xml(GOOD_ROWS))], hidden=("作業用",)
            )
        },
        extra=["--sheet", "作業用"],
        validate=Expect(1, r'(?s)"rows": 2,.*"sheet": "作業用",\s+"hidden_sheets_skipped": \[\]'),
    )


@kind("xlsx-openpyxl-warnings")
def xlsx_warnings(ctx: Ctx) -> Case:
    # No styles part ("Workbook contains no default style") and a data-validation
    # extension ("... extension is not supported"): openpyxl warns on stderr.
    ext = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="0"/></ext></extLst>'
    )
    return Case(
        "warn.xlsx",
        {"warn.xlsx": xlsx_parts([("Sheet1", sheet_xml(GOOD_ROWS, ext))], styles=False)},
        validate=Expect(0, r'"rows": 1,'),
        convert=Expect(0, CONVERTED_ALL),
    )
