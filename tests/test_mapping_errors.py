"""Mapping errors a person can act on: one line with the file, line, column and the fix.

One case per slip an officer makes when writing a mapping by hand (a full-width colon or
space from the Japanese input method, a tab, no space after ':', wrong indentation, an
unknown column or transform, a wrong argument, a repeated key), in Japanese and English,
and through ``stdschema convert`` (exit 2, one line on stderr, nothing written).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from stdschema.cli import app
from stdschema.conversion.mapping import MappingError, parse_mapping
from stdschema.conversion.mapping_slips import find_slips

AED = Path(__file__).parent / "data" / "real" / "legacy" / "takamatsu_0002_aed_location.csv"
HEAD = "version: 1\ntarget: aed_locations@v2\ncolumns:\n"
GOOD = "  名称: {source: name}\n"

# name: (mapping text, line, column, what the Japanese message says, the English one)
SLIPS: dict[str, tuple[str, int, int, list[str], list[str]]] = {
    "full-width colon": (
        HEAD + GOOD + "  所在地_連結表記：{source: address}\n",
        5, 11,
        ["全角の「：」", "所在地_連結表記: {source: address}"],
        ["full-width '：'", "所在地_連結表記: {source: address}"],
    ),
    "full-width colon, plain value": (
        HEAD + "  名称：name\n",
        4, 5,
        ["全角の「：」", "名称: name"],
        ["full-width '：'", "名称: name"],
    ),
    "full-width space as indentation": (
        HEAD + GOOD + "\u3000\u3000電話番号: {source: telephoneNumber}\n",
        5, 1,
        ["字下げに全角の空白", "半角スペース"],
        ["indentation holds a full-width space", "half-width spaces"],
    ),
    "full-width space after a colon": (
        HEAD + "  名称:\u3000{source: name}\n",
        4, 6,
        ["コロンの後の空白が全角", "名称: {source: name}"],
        ["full-width space", "名称: {source: name}"],
    ),
    "tab indentation": (
        HEAD + GOOD + "\t電話番号: {source: telephoneNumber}\n",
        5, 1,
        ["タブ", "半角スペースで字下げ"],
        ["indented with a tab", "half-width spaces"],
    ),
    "no space after a colon": (
        HEAD + "  名称:name\n",
        4, 5,
        ["コロンの後に空白がありません", "名称: name"],
        ["no space after the colon", "名称: name"],
    ),
    "no space after a colon inside braces": (
        HEAD + "  名称: {source:name}\n",
        4, 14,
        ["「source:」", "{source: name}"],
        ["'source:'", "{source: name}"],
    ),
    "line indented less than the one above": (
        HEAD + "    名称: {source: name}\n  電話番号: {source: telephoneNumber}\n",
        5, 3,
        ["字下げ（2 文字）が 4 行目（4 文字）と合いません"],
        ["indented by 2 spaces", "does not fit line 4 (4 spaces)"],
    ),
    "line indented deeper than a finished entry": (
        HEAD + GOOD + "    電話番号: {source: telephoneNumber}\n",
        5, 5,
        ["字下げ（4 文字）が 4 行目（2 文字）と合いません"],
        ["indented by 4 spaces", "does not fit line 4 (2 spaces)"],
    ),
    "unknown target column": (
        HEAD + "  名前: {source: name}\n",
        4, 3,
        ["「名前」は aed_locations@v2 の項目ではありません", "「名称」の誤り"],
        ["'名前' is not a column of aed_locations@v2", "did you mean '名称'?"],
    ),
    "unknown transform": (
        HEAD + "  名称: {source: name, transforms: [trim, wareki]}\n",
        4, 41,
        ["変換「wareki」はありません", "「wareki_to_iso」の誤り"],
        ["no transform 'wareki'", "did you mean 'wareki_to_iso'?"],
    ),
    "transform argument of the wrong type": (
        HEAD + "  名称: {source: name, transforms: [{split: {sep: 1, index: x}}]}\n",
        4, 35,
        ["変換「split」の引数が正しくありません", '{split: {sep: "、", index: 0}}'],
        ["argument of transform 'split' is wrong", "'sep' must be non-empty text"],
    ),
    "transform that needs an argument": (
        HEAD + "  名称: {source: name, transforms: [prefix]}\n",
        4, 35,
        ["変換「prefix」には引数が必要です", "例: {prefix:"],
        ["transform 'prefix' needs an argument", "e.g. {prefix:"],
    ),
    "repeated key": (
        HEAD + GOOD + "  名称: {source: address}\n",
        5, 3,
        ["キー「名称」が重複しています（最初は 4 行目）"],
        ["duplicate key '名称' (first at line 4)"],
    ),
    "two keys for one column": (
        HEAD + GOOD + "  name: {source: address}\n",
        5, 3,
        ["4 行目の「名称」がどちらも 名称 を埋めています"],
        ["'name' and '名称' (line 4) both fill 名称"],
    ),
    "a column given as text": (
        HEAD + "  名称: name\n",
        4, 7,
        ["{source: 入力の列名} のような指定", '"name"'],
        ["should be a rule such as {source: input column}"],
    ),
    "misspelt rule key": (
        HEAD + "  名称: {sourse: name}\n",
        4, 8,
        ["「sourse」という項目はありません", "「source」の誤り"],
        ["no entry 'sourse'", "did you mean 'source'?"],
    ),
    "unclosed brace": (
        HEAD + "  名称: {source: name\n",
        5, 1,
        ["4 行目で開いた括弧が閉じられていません", "「}」"],
        ["bracket opened on line 4 is not closed", "'}'"],
    ),
}  # fmt: skip

RAW_PARSER_WORDS = (
    "Input should be",
    "valid dictionary",
    "<block",
    "expected <",
    "while parsing",
    "while scanning",
    "could not find",
    "invalid YAML",
)


def _error(text: str, lang: str) -> MappingError:
    with pytest.raises(MappingError) as info:
        parse_mapping(text, "m.yaml", lang)  # type: ignore[arg-type]
    return info.value


@pytest.mark.parametrize("case", sorted(SLIPS))
def test_each_slip_names_the_line_and_the_fix(case: str) -> None:
    text, line, column, ja, en = SLIPS[case]
    for lang, expected, where in (
        ("ja", ja, f"m.yaml:{line}:{column}: {line} 行目 {column} 文字目: "),
        ("en", en, f"m.yaml:{line}:{column}: line {line}, column {column}: "),
    ):
        err = _error(text, lang)
        message = str(err)
        assert (err.line, err.column) == (line, column), message
        assert message.startswith(where), message
        for fragment in expected:
            assert fragment in message, (lang, message)
        assert "\n" not in message
        assert not [w for w in RAW_PARSER_WORDS if w in message], message


def test_slips_are_not_found_in_good_mappings() -> None:
    # Values may hold colons, full-width colons and URLs; quoted text and comments anything.
    text = (
        HEAD
        + "  名称: {source: name, note: '名称：name'}   # 名称：確認済み\n"
        + "  URL: {constant: https://www.city.takamatsu.kagawa.jp/}\n"
        + '  備考: {constant: "受付:9時～17時"}\n'
        + "  開始時間: {constant: 受付：9時}\n"
    )
    assert find_slips(text) == []
    parse_mapping(text, "m.yaml", "en")


def test_unknown_input_column_names_the_mapping_line_and_the_nearest_header(
    tmp_path: Path,
) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text(HEAD + GOOD + "  所在地_連結表記: {concat: [adress]}\n", encoding="utf-8")
    for lang, fragments in (
        ("ja", ["m.yaml:5:", "入力の列「adress」は", "「address」の誤り"]),
        ("en", ["m.yaml:5:", "input column 'adress' is not in", "did you mean 'address'?"]),
    ):
        result = _convert(mapping, tmp_path, lang)
        assert result.exit_code == 2
        for fragment in fragments:
            assert fragment in result.stderr


def _convert(mapping: Path, tmp_path: Path, lang: str) -> Result:
    out = tmp_path / "out.csv"
    return CliRunner().invoke(
        app, ["convert", str(AED), "--mapping", str(mapping), "-o", str(out), "--lang", lang]
    )


@pytest.mark.parametrize(
    "case", ["full-width colon", "line indented less than the one above", "unknown transform"]
)
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_convert_with_a_broken_mapping_exits_2_with_one_line(
    case: str, lang: str, tmp_path: Path
) -> None:
    text, line, _column, ja, en = SLIPS[case]
    mapping = tmp_path / "bad.yaml"
    mapping.write_text(text, encoding="utf-8")
    result = _convert(mapping, tmp_path, lang)
    assert result.exit_code == 2
    assert result.stdout == ""
    stderr = result.stderr
    assert len(stderr.splitlines()) == 1, stderr
    assert "Traceback" not in stderr
    assert f"bad.yaml:{line}:" in stderr
    assert (ja if lang == "ja" else en)[0] in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]
