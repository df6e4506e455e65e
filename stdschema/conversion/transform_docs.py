"""The transforms and the mapping file's syntax as documentation.

One source, three forms: :func:`transform_entries` (``stdschema map transforms --json``),
:func:`render_listing` (the console list in one language) and :func:`render_markdown`
(docs/mapping.md, Japanese and English). The transforms' arguments and examples come from
the registry (:data:`stdschema.conversion.transforms.TRANSFORMS`); the mapping file's own
syntax is :data:`SYNTAX` here. tests/test_mapping_docs.py runs every example of both.

Regenerate docs/mapping.md with ``python -m stdschema.conversion.transform_docs --write``;
``--check`` exits 1 when the file is stale.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stdschema.conversion.transforms import TRANSFORMS, Argument, Example, Transform
from stdschema.messages import Lang, t

__all__ = [
    "DOCS_PATH",
    "REGENERATE",
    "SYNTAX",
    "SYNTAX_TARGET",
    "SyntaxItem",
    "main",
    "render_listing",
    "render_markdown",
    "transform_entries",
]

DOCS_PATH = Path(__file__).resolve().parents[2] / "docs" / "mapping.md"
REGENERATE = "python -m stdschema.conversion.transform_docs --write"
SYNTAX_TARGET = "aed_locations@v2"
"""The dataset the syntax examples fill (short snippets go under its ``columns:``)."""


@dataclass(frozen=True)
class SyntaxItem:
    """One thing a newcomer needs to know about the mapping file, with a YAML example.

    ``yaml`` is a whole mapping file when ``whole``, else lines under ``columns:`` of a
    mapping whose target is :data:`SYNTAX_TARGET`. With ``row``, the example is run on that
    source row and must give ``result`` (standard column → cell).
    """

    key: str
    title_ja: str
    title_en: str
    ja: str
    en: str
    yaml: str
    row: Mapping[str, str] = field(default_factory=dict)
    result: Mapping[str, str] = field(default_factory=dict)
    whole: bool = False


SYNTAX: tuple[SyntaxItem, ...] = (
    SyntaxItem(
        "shape",
        "ファイルの形",
        "The shape of the file",
        "マッピングファイルは UTF-8 の YAML です。target に変換先のデータセットと版を、columns に"
        "標準の項目ごとの埋め方を書きます。context には発行者の全国地方公共団体コードと都道府県を"
        "書くことができ、5桁のコードの補正などに使われます。",
        "A mapping file is YAML in UTF-8. target names the dataset and edition to convert to, "
        "and columns says how each standard column is filled. context may give the publisher's "
        "全国地方公共団体コード and prefecture, which repairs such as five-digit codes use.",
        "version: 1\n"
        "target: aed_locations@v2\n"
        "context:\n"
        '  publisher_code: "372013"\n'
        "  prefecture: 香川県\n"
        "columns:\n"
        "  名称: {source: name, transforms: [trim]}\n",
        row={"name": " 高松市役所 "},
        result={"名称": "高松市役所"},
        whole=True,
    ),
    SyntaxItem(
        "columns",
        "columns のキー: 標準の項目",
        "Keys of columns: the standard columns",
        "columns のキーは標準の項目名そのもの（名称、所在地_連結表記）か、その英語の属性名"
        "（name、full_address）です。stdschema datasets show で一覧を見られます。"
        "書かなかった項目は空欄になります。",
        "A key of columns is the standard column's header as written (名称, 所在地_連結表記) or "
        "its English attribute name (name, full_address); stdschema datasets show lists them. "
        "A column left out stays blank.",
        "full_address: {source: 住所}\n",
        row={"住所": "香川県高松市番町1-8-15"},
        result={"所在地_連結表記": "香川県高松市番町1-8-15"},
    ),
    SyntaxItem(
        "source",
        "source: 入力の列",
        "source: an input column",
        "source には入力ファイルの見出しを、書かれているとおりに書きます。XML の入力では、"
        "レコードの中のパスを書きます。同じ入力の列を、いくつの標準の項目に使ってもかまいません。",
        "The key source names an input column by its header exactly as the file writes it; for XML "
        "input it is a path inside the record. One input column may fill any number of "
        "standard columns.",
        "緯度: {source: location, transforms: [{lat_lon: latitude}]}\n"
        "経度: {source: location, transforms: [{lat_lon: longitude}]}\n",
        row={"location": "34.34092056,134.04522972"},
        result={"緯度": "34.34092056", "経度": "134.04522972"},
    ),
    SyntaxItem(
        "property",
        'source: "#property"（高松市などの #LINK 形式）',
        'source: "#property" (the #LINK files of 高松市 and others)',
        "#LINK 形式のファイルでは、見出しの行が #property で始まり、その列に行番号や ID が"
        '入っています。この列は "#property" という名前で読めます。# は YAML ではコメントの'
        "始まりなので、必ず引用符で囲みます。",
        "In a #LINK file the header row starts with #property, and that column holds row "
        'numbers or IDs. It is read under the name "#property". In YAML a # starts a '
        "comment, so the name must be quoted.",
        'ID: {source: "#property"}\n',
        row={"#property": "12"},
        result={"ID": "12"},
    ),
    SyntaxItem(
        "constant",
        "constant: どの行も同じ値",
        "constant: the same value on every row",
        "constant はすべての行に同じ値を書きます。数字だけの値は引用符で囲むと、先頭の0が"
        "落ちません。",
        "The key constant writes the same value on every row. Quote a value of digits, so that a "
        "leading zero is kept.",
        '全国地方公共団体コード: {constant: "012025"}\n地方公共団体名: {constant: 北海道函館市}\n',
        row={"name": "函館市役所"},
        result={"全国地方公共団体コード": "012025", "地方公共団体名": "北海道函館市"},
    ),
    SyntaxItem(
        "concat",
        "concat: いくつかの列をつなぐ",
        "concat: several input columns joined",
        "concat は入力の列を順につなぎます。separator を間に入れ（既定は何も入れません）、"
        "空欄の列は飛ばします。source、concat、constant のどれか一つだけを書きます。",
        "The key concat joins input columns in order, with separator between them (nothing by "
        "default), skipping blank ones. Give only one of source, concat and constant.",
        "所在地_連結表記: {concat: [都道府県, 市区町村, 番地]}\n"
        '備考: {concat: [備考1, 備考2, 備考3], separator: " ／ "}\n',
        row={
            "都道府県": "香川県",
            "市区町村": "高松市",
            "番地": "番町1-8-15",
            "備考1": "24時間",
            "備考2": "",
            "備考3": "屋外",
        },
        result={"所在地_連結表記": "香川県高松市番町1-8-15", "備考": "24時間 ／ 屋外"},
    ),
    SyntaxItem(
        "map",
        "map: 値の置き換え表",
        "map: a table of values",
        "map は、セルの値全体が表の左側と同じときに右側の値に置き換えます。一部だけ同じ値は"
        "置き換えません。map は transforms より先に働きます。",
        "The key map replaces a cell whose whole value equals a key of the table by that key's value; "
        "a partial match is not replaced. map works before the transforms.",
        '小児対応設備の有無: {source: 小児用パッド, map: {"○": 有, "×": 無}}\n',
        row={"小児用パッド": "○"},
        result={"小児対応設備の有無": "有"},
    ),
    SyntaxItem(
        "transforms",
        "transforms: 変換を順に",
        "transforms: named transforms in order",
        "transforms には変換を並べ、上から順に実行します。引数のない変換は名前だけを、引数の"
        "ある変換は {名前: 引数} の形で書きます。変換の一覧はこの文書の後半にあります。",
        "The key transforms lists named transforms, run from first to last. A transform without "
        "arguments is written as its name, one with arguments as {name: argument}; the list "
        "of transforms follows below.",
        "電話番号: {source: 電話, transforms: [trim, {split: {sep: 、, index: 0}}, phone]}\n",
        row={"電話": " ０８７－８３９－２１１１、０８７－８３９－２１１２"},
        result={"電話番号": "087-839-2111"},
    ),
    SyntaxItem(
        "blank_if",
        "blank_if: 「なし」や「-」を空欄に",
        "blank_if: placeholders such as なし or - made blank",
        "「なし」「-」「ー」のような、値がないことを表す印は blank_if で空欄にします。- は引用符で"
        "囲みます。◎ の項目を空欄にすると、その行は ◎ の空欄として扱われるので、印ではなく本当"
        "の値が入っている列にだけ使います。",
        "Placeholders that mean no value, such as なし, - or ー, become blank with blank_if; "
        "quote the -. A blanked ◎ column counts as a missing required value for that row, so "
        "use it only where the mark really means nothing.",
        '利用可能日時特記事項: {source: 備考, transforms: [{blank_if: {values: [なし, "-", ー]}}]}\n',
        row={"備考": "なし"},
        result={"利用可能日時特記事項": ""},
    ),
    SyntaxItem(
        "split",
        "split: 一つのセルに入った複数の値",
        "split: several values in one cell",
        "一つのセルにいくつかの値が入っているときは、split で区切って一つを取り出します。"
        "index は 0 が最初、-1 が最後です。",
        "When a cell holds several values, split cuts it at a separator and takes one part: "
        "index 0 is the first, -1 the last.",
        "画像1: {source: 写真, transforms: [{split: {sep: 、, index: 0}}]}\n"
        "画像2: {source: 写真, transforms: [{split: {sep: 、, index: -1}}]}\n",
        row={"写真": "5724.jpg、5713.jpg"},
        result={"画像1": "5724.jpg", "画像2": "5713.jpg"},
    ),
    SyntaxItem(
        "default",
        "default: 空欄のときの値",
        "default: the value for a blank result",
        "default は、変換の結果が空欄のときに書く値です。source などを書かずに default だけを"
        "書くこともできます。",
        "The key default gives the value written when the result is blank. It may also stand alone, without "
        "source, concat or constant.",
        "設置位置: {source: 場所, default: 屋内}\n",
        row={"場所": ""},
        result={"設置位置": "屋内"},
    ),
    SyntaxItem(
        "note",
        "note とコメント",
        "note and comments",
        "note は人のためのメモで、変換には使われません。# から行末までの YAML のコメントも"
        "使えます。",
        "The key note is a remark for people and does not change the conversion; YAML comments from "
        "# to the end of a line work too.",
        "# 名称は施設名の列から\n名称: {source: 施設名, note: 旧様式の施設名}\n",
        row={"施設名": "中央公園"},
        result={"名称": "中央公園"},
    ),
    SyntaxItem(
        "source_options",
        "source: 入力ファイルの読み方",
        "source: how the input file is read",
        "一番上の source（columns の中の source とは別のもの）には、入力の読み方を書きます。"
        "encoding（文字コード、省くと自動判定）、header_row（見出しの行番号）、skip_rows"
        "（見出しの後に飛ばすデータ行の数）、sheet（XLSX のシート名か番号）、delimiter（区切り文字）、"
        "record_xpath と namespaces（XML のレコードの場所）です。",
        "The top-level source (not the source inside columns) says how to read the input: "
        "encoding (detected when left out), header_row (the line of the header), skip_rows "
        "(data rows to skip after the header), sheet (an XLSX sheet's name or number), "
        "delimiter, and record_xpath with namespaces for XML records.",
        "version: 1\n"
        "target: aed_locations@v2\n"
        "source:\n"
        "  encoding: cp932\n"
        "  header_row: 3\n"
        "  sheet: AED一覧\n"
        "columns:\n"
        "  名称: {source: 設置場所}\n",
        whole=True,
    ),
    SyntaxItem(
        "yaml_slips",
        "YAML で間違えやすいところ",
        "Common YAML slips",
        "キーの後のコロンは半角の : で、後ろに空白を一つ入れます（全角の ： は区切りになりません）。"
        "字下げはタブではなく空白で揃えます。#、-、@ で始まる値、yes や no、0 で始まる数字は"
        "引用符で囲みます。",
        "The colon after a key is the half-width : followed by a space (a full-width ： is not "
        "a separator). Indent with spaces, not tabs. Quote a value that starts with #, - or @, "
        "and yes, no or a number starting with 0.",
        'ID: {source: "#property"}\n'
        '郵便番号: {constant: "0600042"}\n'
        '小児対応設備の有無: {source: 小児, map: {"yes": 有, "no": 無}}\n',
        row={"#property": "1", "小児": "yes"},
        result={"ID": "1", "郵便番号": "0600042", "小児対応設備の有無": "有"},
    ),
)


# --- machine list ----------------------------------------------------------------


def _argument_entry(argument: Argument) -> dict[str, Any]:
    return {
        "name": argument.name,
        "type_ja": argument.type_ja,
        "type_en": argument.type_en,
        "required": argument.required,
        "default": argument.default,
        "positional": argument.positional,
        "description_ja": argument.ja,
        "description_en": argument.en,
    }


def _example_entry(example: Example) -> dict[str, Any]:
    return {
        "spec": example.spec,
        "input": example.input,
        "output": example.output,
        "refused": example.output is None,
        "row": dict(example.row),
        "context": dict(example.context),
    }


def transform_entries() -> list[dict[str, Any]]:
    """Every transform as data: name, arguments, descriptions (ja, en) and examples."""
    takes = {False: "none", True: "required", "optional": "optional"}
    return [
        {
            "name": transform.name,
            "takes_argument": takes[transform.takes_argument],
            "usage": transform.argument_example,
            "description_ja": transform.description_ja,
            "description_en": transform.description_en,
            "arguments": [_argument_entry(a) for a in transform.arguments],
            "examples": [_example_entry(e) for e in transform.examples],
        }
        for transform in TRANSFORMS.values()
    ]


# --- console listing -------------------------------------------------------------


def _yaml_value(value: Any) -> str:
    """A default as YAML writes it (false, 0, keep)."""
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def _quoted(text: str) -> str:
    """A cell value with its spaces visible."""
    return json.dumps(text, ensure_ascii=False)


def _argument_facts(argument: Argument, lang: Lang) -> str:
    kind = argument.type_ja if lang == "ja" else argument.type_en
    facts = [kind, t("transforms.required" if argument.required else "transforms.optional", lang)]
    if argument.default is not None:
        facts.append(t("transforms.default", lang, value=_yaml_value(argument.default)))
    if argument.positional:
        facts.append(t("transforms.positional", lang))
    return ("、" if lang == "ja" else ", ").join(facts)


def _cells(cells: Mapping[str, str]) -> str:
    return ", ".join(f"{name}={_quoted(value)}" for name, value in cells.items())


def _example_line(example: Example, lang: Lang) -> str:
    after = t("transforms.refused", lang) if example.output is None else _quoted(example.output)
    line = f"{example.spec}: {_quoted(example.input)} → {after}"
    if example.row:
        line += f"  ({t('transforms.with_row', lang, cells=_cells(example.row))})"
    if example.context:
        line += f"  ({t('transforms.with_context', lang, values=_cells(example.context))})"
    return line


def _listing_entry(transform: Transform, lang: Lang) -> list[str]:
    description = transform.description_ja if lang == "ja" else transform.description_en
    lines = [f"{transform.name}", f"  {description}"]
    if transform.arguments:
        lines.append(f"  {t('transforms.arguments', lang)}:")
        for argument in transform.arguments:
            text = argument.ja if lang == "ja" else argument.en
            facts = _argument_facts(argument, lang)
            lines.append(
                f"    {argument.name}（{facts}）: {text}"
                if lang == "ja"
                else f"    {argument.name} ({facts}): {text}"
            )
    lines.append(f"  {t('transforms.examples', lang)}:")
    lines.extend(f"    {_example_line(e, lang)}" for e in transform.examples)
    return lines


def render_listing(lang: Lang) -> str:
    """``stdschema map transforms``: every transform in one language."""
    lines = [t("transforms.heading", lang, count=len(TRANSFORMS)), ""]
    for transform in TRANSFORMS.values():
        lines.extend(_listing_entry(transform, lang))
        lines.append("")
    lines.append(t("transforms.see_docs", lang))
    return "\n".join(lines) + "\n"


# --- docs/mapping.md ---------------------------------------------------------------


def _both(key: str, **values: Any) -> str:
    return f"{t(key, 'ja', **values)} / {t(key, 'en', **values)}"


def _cell(text: str) -> str:
    """Text inside a Markdown table cell: pipes escaped, line breaks as <br>."""
    return text.replace("|", "\\|").replace("\n", "<br>")


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return _cell(f"{fence}{pad}{text}{pad}{fence}")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _syntax_section(item: SyntaxItem) -> list[str]:
    lines = [f"### {item.title_ja} / {item.title_en}", "", item.ja, "", item.en, ""]
    lines += ["```yaml", item.yaml.rstrip("\n"), "```", ""]
    if item.result:
        row = "<br>".join(f"{_code(k)}: {_code(_quoted(v))}" for k, v in item.row.items())
        result = "<br>".join(f"{_code(k)}: {_code(_quoted(v))}" for k, v in item.result.items())
        lines += _table([_both("mapdoc.input_row"), _both("mapdoc.result")], [[row, result]])
        lines.append("")
    return lines


def _argument_row(argument: Argument) -> list[str]:
    yes_no = "mapdoc.yes" if argument.required else "mapdoc.no"
    default = "" if argument.default is None else _code(_yaml_value(argument.default))
    return [
        _code(argument.name),
        _cell(f"{argument.type_ja} / {argument.type_en}"),
        _both(yes_no),
        default,
        _cell(f"{argument.ja}<br>{argument.en}"),
    ]


def _example_row(example: Example) -> list[str]:
    output = (
        _both("transforms.refused") if example.output is None else _code(_quoted(example.output))
    )
    given = [f"{_code(k)}: {_code(_quoted(v))}" for k, v in example.row.items()]
    given += [f"context {_code(k)}: {_code(_quoted(v))}" for k, v in example.context.items()]
    return [_code(example.spec), _code(_quoted(example.input)), output, "<br>".join(given)]


def _transform_section(transform: Transform) -> list[str]:
    lines = [f"### `{transform.name}`", "", transform.description_ja, "", transform.description_en]
    lines += ["", f"**{_both('transforms.arguments')}**", ""]
    if transform.arguments:
        header = [
            _both(f"mapdoc.col.{key}") for key in ("name", "type", "required", "default", "meaning")
        ]
        lines += _table(header, [_argument_row(a) for a in transform.arguments])
    else:
        lines.append(_both("transforms.no_arguments"))
    lines += ["", f"**{_both('transforms.examples')}**", ""]
    header = [_both(f"mapdoc.col.{key}") for key in ("spec", "input", "output", "row")]
    lines += _table(header, [_example_row(e) for e in transform.examples])
    lines.append("")
    return lines


def render_markdown() -> str:
    """docs/mapping.md: the mapping file's syntax, then every transform, in ja and en."""
    lines = [
        f"# {_both('mapdoc.title')}",
        "",
        f"<!-- {REGENERATE} -->",
        "",
        f"> {t('mapdoc.generated', 'ja')}",
        f"> {t('mapdoc.generated', 'en')}",
        ">",
        f"> `{REGENERATE}`",
        ">",
        f"> {t('mapdoc.tested', 'ja')}",
        f"> {t('mapdoc.tested', 'en')}",
        "",
        f"## {_both('mapdoc.contents')}",
        "",
        f"- {_both('mapdoc.syntax')}",
    ]
    lines += [f"  - {item.title_ja} / {item.title_en}" for item in SYNTAX]
    # GitHub's anchor of a heading "### `split`" is #split.
    links = ", ".join(f"[`{name}`](#{name})" for name in TRANSFORMS)
    lines.append(f"- {_both('mapdoc.transforms')}: {links}")
    lines += ["", f"## {_both('mapdoc.syntax')}", ""]
    for item in SYNTAX:
        lines += _syntax_section(item)
    lines += [f"## {_both('mapdoc.transforms')}", ""]
    for transform in TRANSFORMS.values():
        lines += _transform_section(transform)
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``--write`` regenerates docs/mapping.md; ``--check`` exits 1 when it is stale."""
    args = list(sys.argv[1:] if argv is None else argv)
    text = render_markdown()
    if args == ["--write"]:
        DOCS_PATH.write_text(text, encoding="utf-8")
        sys.stdout.write(t("transforms.docs_written", None, path=DOCS_PATH) + "\n")
        return 0
    if args == ["--check"]:
        current = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.exists() else ""
        if current != text:
            sys.stderr.write(t("transforms.docs_stale", None, path=DOCS_PATH) + "\n")
            return 1
        sys.stdout.write(t("transforms.docs_fresh", None, path=DOCS_PATH) + "\n")
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
