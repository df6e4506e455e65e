"""Tests for stdschema.codes against the raw 総務省 and localgovjp lists."""

from __future__ import annotations

import csv
import dataclasses
import importlib.util
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stdschema.checkdigits import is_valid_local_gov_code, local_gov_check_digit
from stdschema.codes import (
    CodeRepair,
    all_codes,
    code_for_name,
    exists,
    find_by_name,
    lookup,
    name_matches,
    prefectures,
    repair_code,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "codes"
PACKAGE_CSV = ROOT / "stdschema" / "codes" / "data" / "local_gov_codes.csv"

# localgovjp still lists 浜松市's wards abolished on 2024-01-01.
HAMAMATSU_OLD_WARDS = {"221317", "221325", "221333", "221341", "221350", "221368", "221376"}


def _data_rows(name: str, encoding: str = "utf-8") -> list[list[str]]:
    with (DATA / name).open(encoding=encoding, newline="") as handle:
        rows = list(csv.reader(handle))
    return [row for row in rows[1:] if any(row)]


@cache
def source_codes() -> dict[str, tuple[str, ...]]:
    """Codes per raw source, prefjp zero-padded back to 6 digits."""
    localgov = _data_rows("localgovjp-utf8.csv", "utf-8-sig")
    lgcode = ["pid", "pref", "cid", "city", "citykana", "lat", "lng", "url", "phrase", "lgcode"]
    return {
        "soumu1": tuple(r[0] for r in _data_rows("soumu_zenkoku_chihou_koukyou_dantai_code.csv")),
        "soumu2": tuple(r[0] for r in _data_rows("soumu_seirei_shitei_toshi_ku_code.csv")),
        "localgovjp": tuple(r[lgcode.index("lgcode")] for r in localgov),
        "prefjp": tuple(r[8].zfill(6) for r in _data_rows("prefjp-utf8.csv")),
    }


def every_source_code() -> list[str]:
    return sorted({code for codes in source_codes().values() for code in codes})


def _weighted_remainder(code: str) -> int:
    return sum(int(d) * w for d, w in zip(code[:5], (6, 5, 4, 3, 2), strict=True)) % 11


def _body_variants(code: str) -> Iterator[str]:
    """The 45 codes that differ from ``code`` in one of the first five digits."""
    for position in range(5):
        for digit in "0123456789":
            if digit != code[position]:
                yield code[:position] + digit + code[position + 1 :]


# --- the raw sources --------------------------------------------------------


def test_source_row_counts() -> None:
    counts = {name: len(codes) for name, codes in source_codes().items()}
    assert counts == {"soumu1": 1794, "soumu2": 191, "localgovjp": 1916, "prefjp": 47}


def test_prefjp_codes_lost_their_leading_zero() -> None:
    raw = [row[8] for row in _data_rows("prefjp-utf8.csv")]
    assert raw[0] == "10006"
    assert sum(len(code) == 5 for code in raw) == 9  # 北海道..群馬県 start with 0
    assert {code.zfill(6) for code in raw} == {p.code for p in prefectures()}


@pytest.mark.parametrize("source", ["soumu1", "soumu2", "localgovjp", "prefjp"])
def test_every_source_code_has_a_valid_check_digit(source: str) -> None:
    bad = [code for code in source_codes()[source] if not is_valid_local_gov_code(code)]
    assert bad == []


@pytest.mark.parametrize("source", ["soumu1", "soumu2", "localgovjp", "prefjp"])
def test_every_current_source_code_exists(source: str) -> None:
    codes = set(source_codes()[source])
    missing = {code for code in codes if not exists(code)}
    # The only codes the registry rejects are the abolished 浜松市 wards.
    assert missing == (HAMAMATSU_OLD_WARDS if source == "localgovjp" else set())


def test_registry_is_exactly_the_two_soumu_sheets() -> None:
    sheets = set(source_codes()["soumu1"]) | set(source_codes()["soumu2"])
    assert {entry.code for entry in all_codes()} == sheets
    assert len(all_codes()) == 1965


# --- check digits, exhaustively ---------------------------------------------


def test_every_check_digit_change_fails() -> None:
    for code in every_source_code():
        for digit in "0123456789":
            if digit != code[5]:
                assert not is_valid_local_gov_code(code[:5] + digit), code


def test_single_digit_changes_are_caught_except_the_modulus_blind_spot() -> None:
    """Every one-digit change of a code body is rejected or non-existent, except one case.

    The check digit is the ones digit of 11 - r, so r = 0 and r = 10 both give
    "1". A one-digit slip that moves r from 0 to 10 (or back) keeps a valid
    check digit, and 200 pairs of real codes are related that way (札幌市中央区
    011011 / 札幌市南区 011061, 東京都 130001 / 埼玉県 110001). The check digit
    cannot catch those; only a name cross-check can (see name_matches).
    """
    blind_spot_pairs: set[frozenset[str]] = set()
    checked = 0
    for code in every_source_code():
        for variant in _body_variants(code):
            checked += 1
            if not is_valid_local_gov_code(variant) or not exists(variant):
                continue
            # Anything else getting through would be a bug in the check digit.
            assert code[5] == variant[5] == "1", (code, variant)
            assert {_weighted_remainder(code), _weighted_remainder(variant)} == {0, 10}
            blind_spot_pairs.add(frozenset({code, variant}))
    assert checked == 45 * len(every_source_code())
    assert len(blind_spot_pairs) == 200
    assert frozenset({"011011", "011061"}) in blind_spot_pairs
    assert frozenset({"130001", "110001"}) in blind_spot_pairs


def test_single_digit_changes_always_caught_when_check_digit_is_not_1() -> None:
    for code in every_source_code():
        if code[5] == "1":
            continue
        for variant in _body_variants(code):
            assert not is_valid_local_gov_code(variant), (code, variant)


@pytest.mark.parametrize(
    ("code", "weighted_sum", "remainder", "check_digit", "name"),
    [
        ("011002", 9, 9, "2", "北海道札幌市"),
        ("131016", 27, 5, "6", "東京都千代田区"),
        ("011011", 11, 0, "1", "北海道札幌市中央区"),
        ("011070", 23, 1, "0", "北海道札幌市西区"),
        ("092011", 55, 0, "1", "栃木県宇都宮市"),
        ("010006", 5, 5, "6", "北海道"),
        ("130001", 21, 10, "1", "東京都"),
        ("222127", 37, 4, "7", "静岡県焼津市"),
    ],
)
def test_worked_examples_from_checkdigits_md(
    code: str, weighted_sum: int, remainder: int, check_digit: str, name: str
) -> None:
    assert sum(int(d) * w for d, w in zip(code[:5], (6, 5, 4, 3, 2), strict=True)) == weighted_sum
    assert weighted_sum % 11 == remainder
    assert local_gov_check_digit(code[:5]) == check_digit
    assert is_valid_local_gov_code(code)
    entry = lookup(code)
    assert entry is not None and entry.name == name


def test_worked_example_wrong_check_digit() -> None:
    assert local_gov_check_digit("13101") == "6"
    assert not is_valid_local_gov_code("131017")
    assert not exists("131017")
    assert lookup("131017") is None


@given(st.from_regex(r"\A[0-9]{6}\Z"))
def test_existing_codes_always_have_valid_check_digits(code: str) -> None:
    if exists(code):
        assert is_valid_local_gov_code(code)


# --- entries -----------------------------------------------------------------


def test_lookup_yaizu() -> None:
    entry = lookup("222127")
    assert entry is not None
    assert (entry.prefecture, entry.municipality) == ("静岡県", "焼津市")
    assert (entry.prefecture_kana, entry.municipality_kana) == ("シズオカケン", "ヤイヅシ")
    assert entry.kind == "municipality" and entry.parent == ""
    assert entry.name == "静岡県焼津市"
    assert entry.code5 == "22212"


def test_lookup_is_exact() -> None:
    assert lookup("22212") is None
    assert lookup("２２２１２７") is None
    assert not exists(" 222127")


def test_entries_are_frozen() -> None:
    entry = lookup("222127")
    assert entry is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.code = "000000"  # type: ignore[misc]


def test_prefecture_entry() -> None:
    entry = lookup("010006")
    assert entry is not None
    assert entry.kind == "prefecture"
    assert entry.municipality == "" and entry.municipality_kana == ""
    assert entry.name == "北海道"
    assert len(prefectures()) == 47
    assert all(p.kind == "prefecture" for p in prefectures())


def test_special_wards() -> None:
    entry = lookup("131016")
    assert entry is not None and entry.kind == "special_ward"
    assert entry.name == "東京都千代田区"
    special = [e for e in all_codes() if e.kind == "special_ward"]
    assert len(special) == 23
    assert {e.code for e in special} == {
        e.code for e in all_codes() if "131016" <= e.code <= "131237"
    }


def test_designated_city_wards() -> None:
    ward = lookup("011011")
    assert ward is not None
    assert ward.kind == "ward" and ward.parent == "011002"
    assert ward.municipality == "札幌市中央区" and ward.name == "北海道札幌市中央区"
    assert ward.municipality_kana == "サッポロシチュウオウク"
    city = lookup("011002")
    assert city is not None and city.kind == "designated_city" and city.parent == ""
    cities = [e for e in all_codes() if e.kind == "designated_city"]
    wards = [e for e in all_codes() if e.kind == "ward"]
    assert (len(cities), len(wards)) == (20, 171)
    for entry in wards:
        parent = lookup(entry.parent)
        assert parent is not None and parent.kind == "designated_city"
        assert entry.municipality.startswith(parent.municipality)
    assert all(e.parent == "" for e in all_codes() if e.kind != "ward")


def test_hamamatsu_2024_reorganisation() -> None:
    assert [e.municipality for e in all_codes() if e.parent == "221309"] == [
        "浜松市中央区",
        "浜松市浜名区",
        "浜松市天竜区",
    ]
    assert not any(exists(code) for code in HAMAMATSU_OLD_WARDS)


def test_kana_are_full_width_katakana() -> None:
    for entry in all_codes():
        for kana in (entry.prefecture_kana, entry.municipality_kana):
            assert all("ァ" <= ch <= "ヺ" or ch == "ー" for ch in kana), entry
    yubari = lookup("012092")
    assert yubari is not None and yubari.municipality_kana == "ユウバリシ"  # ﾕｳﾊﾞﾘｼ composed


def test_northern_territories_villages_are_listed() -> None:
    names = [lookup(code) for code in ("016951", "017001")]
    assert [e.municipality for e in names if e] == ["色丹村", "蘂取村"]


# --- names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("静岡県焼津市", "222127"),
        ("焼津市", "222127"),
        ("大阪府泉南郡熊取町", "273619"),
        ("泉南郡熊取町", "273619"),
        ("札幌市中央区", "011011"),
        ("札幌市 中央区", "011011"),
        ("札幌市\u3000中央区", "011011"),
        ("北海道札幌市中央区", "011011"),
        (" 北海道 ", "010006"),
        ("東京都", "130001"),
        ("京都府", "260002"),
        ("京都市", "261009"),
        ("郡山市", "072036"),
        ("大和郡山市", "292036"),
        ("蒲郡市", "232149"),
        ("上郡町", "284815"),
        ("赤穂郡上郡町", "284815"),
        ("兵庫県赤穂郡上郡町", "284815"),
        ("ﾆｾｺ町", "013951"),  # half-width kana input, NFKC'd
        ("虻田郡ニセコ町", "013951"),
        ("檮原町", "394050"),  # 総務省 writes 梼原町
        ("茅ケ崎市", "142077"),  # 総務省 writes 茅ヶ崎市
        ("東京都千代田区", "131016"),
    ],
)
def test_find_by_name_unique(name: str, code: str) -> None:
    assert [e.code for e in find_by_name(name)] == [code]
    assert code_for_name(name) == code
    assert name_matches(code, name)


def test_find_by_name_ambiguous() -> None:
    assert [e.name for e in find_by_name("府中市")] == ["東京都府中市", "広島県府中市"]
    assert code_for_name("府中市") is None
    assert code_for_name("府中市", prefecture="広島県") == "342084"
    assert code_for_name("府中市", prefecture="東京") == "132063"
    assert code_for_name("府中市", prefecture="13") == "132063"
    assert code_for_name("府中市", prefecture="340006") == "342084"
    assert [e.code for e in find_by_name("伊達市")] == ["012335", "072133"]
    # 北海道 has two 泊村: 古宇郡泊村 and the 北方領土 village.
    assert [e.code for e in find_by_name("泊村", "北海道")] == ["014036", "016969"]


def test_find_by_name_bare_ward_name() -> None:
    codes = [e.code for e in find_by_name("中央区")]
    assert "131024" in codes and "011011" in codes and len(codes) == 11
    assert code_for_name("中央区", prefecture="東京都") == "131024"
    assert code_for_name("中央区", prefecture="千葉県") == "121011"


def test_find_by_name_no_match() -> None:
    assert find_by_name("") == []
    assert find_by_name("焼津市", prefecture="北海道") == []
    assert find_by_name("静岡県焼津市", prefecture="東京都") == []
    assert find_by_name("焼津市", prefecture="どこか県") == []
    assert find_by_name("宝飯郡蒲郡市") == []  # 郡 is only dropped before a 町/村
    assert find_by_name("浜松市中区") == []
    assert find_by_name("東京都中央") == []


def test_names_are_unique_after_folding() -> None:
    # Folding variants (ヶ/ケ, 檮/梼) must not merge two different entries.
    seen: dict[tuple[str, str], str] = {}
    for entry in all_codes():
        key = (entry.prefecture, entry.municipality)
        if entry.code in {"014036", "016969"}:
            continue  # the two 泊村 of 北海道 really share a name
        assert [e.code for e in find_by_name(entry.name)] == [entry.code], entry
        assert key not in seen
        seen[key] = entry.code


def test_every_entry_found_by_its_names() -> None:
    for entry in all_codes():
        assert name_matches(entry.code, entry.name)
        if entry.municipality:
            assert entry in find_by_name(entry.municipality, entry.prefecture)


def test_name_matches() -> None:
    assert name_matches("222127", "静岡県焼津市")
    assert name_matches("222127", "焼津市")
    assert name_matches("273619", "泉南郡熊取町")
    assert name_matches("011011", "札幌市 中央区")
    assert not name_matches("222127", "静岡市")
    assert not name_matches("011011", "札幌市")
    assert not name_matches("999999", "焼津市")
    # The check-digit blind spot: a valid, existing typo is caught by the name.
    assert exists("011061") and not name_matches("011061", "札幌市中央区")


# --- repair ------------------------------------------------------------------


def test_repair_valid() -> None:
    assert repair_code("222127") == CodeRepair("222127", "222127", "valid", ("222127",))
    result = repair_code("２２２１２７")
    assert (result.original, result.code, result.reason) == ("２２２１２７", "222127", "valid")
    assert repair_code(" 222127 ").code == "222127"


def test_repair_zero_padded() -> None:
    assert repair_code("92011") == CodeRepair("92011", "092011", "zero-padded", ("092011",))
    entry = lookup("092011")
    assert entry is not None and entry.municipality == "宇都宮市"
    assert repair_code("10006").code == "010006"


def test_repair_check_digit_added() -> None:
    assert repair_code("22212") == CodeRepair("22212", "222127", "check-digit-added", ("222127",))
    assert repair_code("01100").code == "011002"
    # localgovjp's cid: the JIS code stored as a number, leading zero dropped.
    assert repair_code("1100") == CodeRepair("1100", "011002", "check-digit-added", ("011002",))


def test_repair_ambiguous_5_digits() -> None:
    assert repair_code("22101") == CodeRepair("22101", None, "ambiguous", ("022101", "221015"))
    by_pref = repair_code("22101", prefecture="静岡県")
    assert (by_pref.code, by_pref.reason) == ("221015", "check-digit-added")
    assert by_pref.candidates == ("022101", "221015")
    by_publisher = repair_code("22101", publisher_code="020001")  # 青森県
    assert (by_publisher.code, by_publisher.reason) == ("022101", "zero-padded")
    assert repair_code("22101", prefecture="22").code == "221015"
    assert repair_code("22101", name="静岡県焼津市").code == "221015"
    assert repair_code("22101", filename="data/222127_public_toilet.csv").code == "221015"
    assert repair_code("22101", publisher_code="２２２１２７").code == "221015"


def test_repair_ambiguous_stays_ambiguous() -> None:
    # Context that contradicts itself, or says nothing, does not pick a side.
    assert repair_code("22101", prefecture="静岡県", publisher_code="020001").reason == "ambiguous"
    assert repair_code("22101", prefecture="北海道").reason == "ambiguous"
    assert repair_code("22101", publisher_code="12345").reason == "ambiguous"
    assert repair_code("22101", filename="public_toilet_222127.csv").reason == "ambiguous"
    assert repair_code("22101", name="存在しない町").reason == "ambiguous"


def _collisions() -> list[tuple[str, str, str]]:
    result = []
    for entry in all_codes():
        if entry.code.startswith("0"):
            short = entry.code[1:]
            other = short + local_gov_check_digit(short)
            if exists(other):
                result.append((short, entry.code, other))
    return result


def test_fifteen_real_five_digit_collisions() -> None:
    collisions = _collisions()
    assert len(collisions) == 15
    assert ("22101", "022101", "221015") in collisions
    assert ("11100", "011100", "111007") in collisions
    for short, padded, with_digit in collisions:
        assert repair_code(short).reason == "ambiguous"
        assert repair_code(short, publisher_code=padded).code == padded
        assert repair_code(short, publisher_code=with_digit).code == with_digit
        assert repair_code(short, filename=f"{with_digit}_aed.csv").code == with_digit


def test_every_damaged_code_is_repaired_or_flagged() -> None:
    ambiguous = {short for short, _, _ in _collisions()}
    for entry in all_codes():
        assert repair_code(entry.code).reason == "valid"
        damaged = [entry.code5]
        if entry.code.startswith("0"):
            damaged += [entry.code[1:], entry.code5[1:]]
        for value in damaged:
            result = repair_code(value)
            if value in ambiguous:
                assert result.code is None and entry.code in result.candidates
            else:
                assert result.code == entry.code, (value, result)
                # Context that agrees never hurts.
                assert repair_code(value, publisher_code=entry.code).code == entry.code


def test_repair_never_fixes_a_check_digit() -> None:
    assert repair_code("222128") == CodeRepair("222128", None, "unknown", ("222127",))
    assert repair_code("222128", name="焼津市", prefecture="静岡県").code is None
    # Valid check digit but no such code (abolished 浜松市中区).
    assert repair_code("221317") == CodeRepair("221317", None, "unknown", ())


def test_repair_by_name() -> None:
    assert repair_code("", name="静岡県焼津市") == CodeRepair(
        "", "222127", "name-match", ("222127",)
    )
    assert repair_code("焼津市").code == "222127"
    assert repair_code("府中市").reason == "ambiguous"
    assert repair_code("府中市", prefecture="広島県").code == "342084"
    assert repair_code("府中市", publisher_code="132063").code == "132063"
    assert repair_code("") == CodeRepair("", None, "unknown", ())


@pytest.mark.parametrize("value", ["", "abc", "1", "123", "1234567", "00000", "0000", "22-101"])
def test_repair_unknown(value: str) -> None:
    result = repair_code(value)
    assert result.code is None and result.reason == "unknown"


@given(st.text(max_size=8))
def test_repair_never_raises_and_returns_existing_codes(value: str) -> None:
    result = repair_code(value, prefecture=value, name=value, filename=value)
    assert result.original == value
    assert result.reason in {
        "valid",
        "zero-padded",
        "check-digit-added",
        "name-match",
        "ambiguous",
        "unknown",
    }
    assert all(exists(code) for code in result.candidates)
    if result.code is not None:
        assert exists(result.code) and result.code in result.candidates
    if result.reason == "valid":
        assert unicodedata.normalize("NFKC", value).strip() == result.code


@given(st.sampled_from(sorted(e.code for e in all_codes())))
def test_full_width_codes_are_valid(code: str) -> None:
    full_width = "".join(chr(ord(d) + 0xFEE0) for d in code)
    assert repair_code(full_width).code == code


# --- package data and build tool ---------------------------------------------


def _load_build_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_codes", ROOT / "tools" / "build_codes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve string annotations through sys.modules.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_package_data_is_up_to_date() -> None:
    build = _load_build_tool()
    assert build.stale_outputs(DATA, PACKAGE_CSV.parent) == []
    assert build.main(["--check"]) == 0


def test_check_detects_stale_package_data(tmp_path: Path) -> None:
    build = _load_build_tool()
    out = tmp_path / "data"
    shutil.copytree(PACKAGE_CSV.parent, out)
    assert build.stale_outputs(DATA, out) == []
    csv_path = out / "local_gov_codes.csv"
    csv_path.write_bytes(csv_path.read_bytes().replace("焼津市".encode(), "焼津町".encode()))
    (out / "SOURCE.md").unlink()
    assert build.stale_outputs(DATA, out) == ["local_gov_codes.csv", "SOURCE.md"]
    assert build.main(["--check", "--out-dir", str(out)]) == 1


def test_package_csv_format() -> None:
    raw = PACKAGE_CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw and raw.endswith(b"\n")
    lines = raw.decode("utf-8").splitlines()
    assert lines[0] == (
        "code,prefecture,municipality,prefecture_kana,municipality_kana,kind,parent,source"
    )
    codes = [line.split(",", 1)[0] for line in lines[1:]]
    assert codes == sorted(codes) and len(codes) == len(set(codes)) == 1965
    with PACKAGE_CSV.open(encoding="utf-8", newline="") as handle:
        sources = {row["source"] for row in csv.DictReader(handle)}
    assert sources == {"soumu1", "soumu2"}


def test_import_does_not_load_data() -> None:
    code = (
        "import stdschema.codes as c; "
        "assert c._registry.cache_info().currsize == 0; "
        "assert c._own_names.cache_info().currsize == 0; "
        "c.exists('222127'); "
        # exists() reads the codes alone (issue 13); lookup() parses the whole list.
        "assert c._own_names.cache_info().currsize == 1; "
        "assert c._registry.cache_info().currsize == 0; "
        "c.lookup('222127'); "
        "assert c._registry.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
