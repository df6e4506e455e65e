"""Seed inputs for the fuzz targets, generated from the real test files and examples.

Seeds are built here rather than checked in as blobs: the heads of small real
CSV files (re-encoded, re-delimited, broken in the ways municipal files break),
dataset-form XML built from a real public-toilet file, the small real XML files,
and the example mappings plus hand-written variants.

    python tests/fuzz/seeds.py OUTDIR    # writes OUTDIR/csv, OUTDIR/xml, OUTDIR/mapping
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
HEAD_LINES = 8

# Small or representative real files: BOM and no BOM, CP932, #LINK metadata,
# quoted cells, a standard public-toilet file and a v2 file.
_CSV_SOURCES = (
    "standard/yaizu_222127_public_toilet.csv",
    "standard/yaizu_222127_public_wireless_lan.csv",
    "standard/komae_132195_aed.csv",
    "legacy/joyo_5374_area_days.csv",
    "legacy/yaizu_222127_nouen.csv",
    "legacy/takamatsu_0097_city_tax_settlement_r2.csv",
    "legacy/takamatsu_0079_unapproved_childcare_facilities.csv",
    "transcribed/tokyo_fukushihoken_R3_web_bunya12_01.csv",
    "transcribed/meguro_131105_population_20210101_excerpt.csv",
    "transcribed/minato_hoshano_taisaku_2021.csv",
    "v2/31_tourist_attraction__272272_higashiosaka.csv",
    "v2/02_cultural_property__273619_kumatori.csv",
)
_XML_SOURCES = (
    "xml/yaizu_elementary_school_district_S2AConfig.xml",
    "xml/jma_feed_20231203_VXSE53_shindo.xml",
    "xml/jma_feed_20240116_VXSE43_eew.xml",
)


def _head(data: bytes, lines: int = HEAD_LINES) -> bytes:
    """The first ``lines`` physical lines (cut at LF, so CRLF files stay CRLF)."""
    parts = data.split(b"\n")
    return b"\n".join(parts[:lines]) + (b"\n" if len(parts) > lines else b"")


def _text_of(data: bytes) -> str:
    for codec in ("utf-8-sig", "cp932"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def csv_seeds() -> dict[str, bytes]:
    """Named CSV seeds."""
    seeds: dict[str, bytes] = {}
    for rel in _CSV_SOURCES:
        head = _head((REAL / rel).read_bytes())
        seeds[Path(rel).stem] = head
    toilet = _text_of(seeds["yaizu_222127_public_toilet"])
    seeds["toilet_cp932"] = toilet.encode("cp932", "replace")
    seeds["toilet_euc_jp"] = toilet.encode("euc-jp", "replace")
    seeds["toilet_utf16"] = toilet.encode("utf-16")
    seeds["toilet_bom"] = codecs.BOM_UTF8 + toilet.encode()
    seeds["toilet_tab"] = toilet.replace(",", "\t").encode()
    seeds["toilet_semicolon"] = toilet.replace(",", ";").encode()
    seeds["toilet_cr"] = toilet.replace("\r\n", "\r").encode()
    seeds["toilet_title_row"] = ("令和5年度 公衆トイレ一覧\r\n\r\n" + toilet).encode()
    lines = toilet.splitlines(keepends=True)
    seeds["toilet_unclosed_quote"] = ("".join(lines[:3]) + '"open,' + lines[3]).encode()
    seeds["toilet_multiline_cell"] = (
        "".join(lines[:2]) + lines[2].replace(",", ',"a\r\nb",', 1) + "".join(lines[3:])
    ).encode()
    seeds["toilet_no_trailing_newline"] = toilet.rstrip("\r\n").encode()
    seeds["header_only"] = lines[0].encode()
    seeds["blank_lines"] = b"\r\n,,,\r\n\r\n"
    seeds["fullwidth_and_wareki"] = (
        "名称,開始時間,日付,件数\r\n"
        'ﾄｲﾚ,９：００,令和５年４月１日,"1,234"\r\n'
        'A,"9:00",H12.10.15,１２\r\n'
    ).encode("cp932")
    return seeds


def _toilet_xml(*, namespace: bool, encoding: str = "UTF-8", rows: int = 3) -> str:
    from stdschema.datasets import get_dataset

    attrs = [c.attr for c in get_dataset("public_toilets@v2").__columns__]
    text = _text_of(_head((REAL / _CSV_SOURCES[0]).read_bytes(), rows + 1))
    import csv
    import io

    records = list(csv.reader(io.StringIO(text)))[1:]
    xmlns = ' xmlns="https://stdschema.org/ns/dataset/1"' if namespace else ""
    out = [f'<?xml version="1.0" encoding="{encoding}"?>']
    out.append(f'<dataset{xmlns} id="public_toilets" edition="v2">')
    for cells in records:
        out.append("  <record>")
        for attr, value in zip(attrs, cells, strict=False):
            if value:
                out.append(f"    <{attr}>{escape(value)}</{attr}>")
        out.append("  </record>")
    out.append("</dataset>")
    return "\n".join(out) + "\n"


def xml_seeds() -> dict[str, bytes]:
    """Named XML seeds."""
    seeds: dict[str, bytes] = {}
    for rel in _XML_SOURCES:
        seeds[Path(rel).stem] = (REAL / rel).read_bytes()
    seeds["dataset_ns"] = _toilet_xml(namespace=True).encode()
    seeds["dataset_no_ns"] = _toilet_xml(namespace=False).encode()
    seeds["dataset_shift_jis"] = _toilet_xml(namespace=True, encoding="Shift_JIS").encode("cp932")
    seeds["dataset_declares_sjis_utf8"] = _toilet_xml(
        namespace=False, encoding="shift_jis"
    ).encode()
    seeds["dataset_utf16"] = _toilet_xml(namespace=True, encoding="UTF-16").encode("utf-16")
    seeds["dataset_mixed"] = (
        b'<dataset id="public_toilets"><!-- c --><?pi x?><meta/>'
        b"<record><name>a<b>x</b>c</name><name>dup</name><id>1</id></record>"
        b"<record><id><![CDATA[2]]></id></record></dataset>"
    )
    seeds["doctype_entity"] = (
        b'<?xml version="1.0"?>\n<!DOCTYPE dataset [<!ENTITY a "aaaa">]>\n'
        b"<dataset><record><name>&a;</name></record></dataset>\n"
    )
    seeds["doctype_system"] = (
        b'<!DOCTYPE dataset SYSTEM "file:///etc/passwd"><dataset><record/></dataset>'
    )
    seeds["deep"] = (
        b"<dataset><record>" + b"<a>" * 40 + b"x" + b"</a>" * 40 + b"</record></dataset>"
    )
    seeds["wrong_root"] = b"<rows><record><id>1</id></record></rows>"
    return seeds


_MAPPING_EXTRA = {
    "source_options": """\
version: 1
target: public_toilets@v2
source: {format: csv, encoding: cp932, header_row: 3, skip_rows: 1, delimiter: ",", sheet: 1}
context: {publisher_code: "222127", prefecture: 静岡県}
columns:
  全国地方公共団体コード: {constant: "222127"}
  ID: {source: 番号, transforms: [integer]}
  名称: {source: 名称, transforms: [nfkc, trim, {replace: {from: "　", to: }}]}
  利用開始時間: {source: 時間, transforms: [time_range_start]}
  利用終了時間: {source: 時間, transforms: [{time_range_end: {allow_24: true}}]}
  所在地_連結表記: {concat: [市, 町, 番地], separator: " "}
  緯度: {source: 位置, transforms: [{lat_lon: latitude}]}
  経度: {source: 位置, transforms: [{lat_lon: longitude}]}
  備考: {default: なし, map: {"-": ""}}
""",
    "xml_source": """\
version: 1
target: aed_locations@v2
source: {format: xml, record_xpath: "//eb:Item", namespaces: {eb: "http://example.org/"}}
columns:
  名称: {source: "Area/Name", transforms: [{regex_replace: {pattern: "[（(].*$", replace: "", count: 1}}]}
  ID: {source: "@id", transforms: [{regex_extract: {pattern: "(?P<n>[0-9]+)", group: n}}]}
  電話番号: {source: Tel, transforms: [phone, {split: {sep: "、", index: 0}}]}
  住所: {source: Addr}
""",
    "errors": """\
version: 2
target: public_toilet@v9
columns:
  名称: {source: a, constant: b}
  nmae: {sorce: a}
  ID: {transforms: [unknown_transform, {date: {us_order: yes}}]}
""",
    "alias": "target: &t public_toilets@v2\ncolumns: {名称: {source: *t}}\n",
    "flow": '{"version": 1, "target": "aed_locations", "columns": {"名称": {"source": "n"}}}',
    "not_a_mapping": "- a\n- b\n",
    "tags": "target: !!python/object:os.system x\ncolumns: !!binary aGVsbG8=\n",
}


def mapping_seeds() -> dict[str, bytes]:
    """Named mapping seeds: the examples, a generated upgrade mapping and variants."""
    import yaml

    from stdschema.conversion.upgrade import upgrade_mapping
    from stdschema.datasets import get_dataset

    seeds: dict[str, bytes] = {}
    for path in sorted((ROOT / "examples").glob("*/mapping.yaml")):
        seeds[f"example_{path.parent.name}"] = path.read_bytes()
    upgrade = upgrade_mapping(get_dataset("aed_locations@v1"))
    dumped = upgrade.model_dump(exclude_defaults=True)
    seeds["upgrade_aed"] = yaml.safe_dump(dumped, allow_unicode=True, sort_keys=False).encode()
    for name, text in _MAPPING_EXTRA.items():
        seeds[name] = text.encode()
    return seeds


def write_seeds(out: Path) -> None:
    """Write every seed set to ``out/csv``, ``out/xml`` and ``out/mapping``."""
    for kind, seeds in (("csv", csv_seeds()), ("xml", xml_seeds()), ("mapping", mapping_seeds())):
        folder = out / kind
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in seeds.items():
            (folder / name).write_bytes(data)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/fuzz/seeds.py OUTDIR")
    write_seeds(Path(sys.argv[1]))
