"""Generate realistic synthetic standard files with known injected faults.

    python benchmarks/generate.py --dataset public_toilets@v2 --rows 1000000 \
        --encoding utf-8 --faults 0.01 --out benchmarks/out/toilets_1m.csv

Writes the CSV and a truth file (``<out>.truth.csv``: line, column header,
fault kind, value) listing every injected fault, so that recall and false
positives can be measured. Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

from stdschema.checkdigits import corporate_number_check_digit
from stdschema.datasets import DatasetRecord, get_dataset

# Real municipality codes with their names (全国地方公共団体コード list).
PLACES = [
    ("222127", "静岡県", "焼津市", 34.867, 138.324),
    ("221015", "静岡県", "静岡市葵区", 34.975, 138.383),
    ("011002", "北海道", "札幌市", 43.062, 141.354),
    ("131016", "東京都", "千代田区", 35.694, 139.754),
    ("341002", "広島県", "広島市", 34.385, 132.455),
    ("402036", "福岡県", "久留米市", 33.319, 130.508),
]
NAMES = ["駅前", "中央公園", "市民会館", "図書館", "港", "運動公園", "市役所", "文化センター"]
KANA = [
    "エキマエ",
    "チュウオウコウエン",
    "シミンカイカン",
    "トショカン",
    "ミナト",
    "ウンドウコウエン",
]

# fault kind -> (applies to rule, how to break a good value)
FAULTS = (
    "check_digit",
    "swapped_coordinates",
    "out_of_range_coordinates",
    "malformed_phone",
    "wareki_date",
    "full_width_digits",
    "bad_time",
    "blank_required",
    "duplicate_id",
)


def good_value(
    column_rule: str,
    header: str,
    row: int,
    place: tuple[str, str, str, float, float],
    rnd: random.Random,
) -> str:
    code, pref, city, lat, lon = place
    if column_rule == "local_gov_code":
        return code
    if column_rule == "record_id":
        return f"LL{row:010d}"
    if column_rule == "katakana":
        return rnd.choice(KANA)
    if column_rule == "half_width":
        return "Station Square"
    if column_rule == "latitude":
        return f"{lat + rnd.uniform(-0.05, 0.05):.6f}"
    if column_rule == "longitude":
        return f"{lon + rnd.uniform(-0.05, 0.05):.6f}"
    if column_rule == "count":
        return str(rnd.randint(0, 6))
    if column_rule == "time":
        # A start before its end (開始 ≤ 終了): a good row must pass the time-order check.
        if "終了" in header or "閉" in header:
            return rnd.choice(["17:00", "21:30", "23:59"])
        return rnd.choice(["00:00", "08:30", "09:00"])
    if column_rule == "yes_no":
        return rnd.choice(["有", "無"])
    if column_rule == "url":
        return f"https://www.city.example.lg.jp/facility/{row}.html"
    if column_rule == "phone":
        return "054-626-1139"
    if column_rule == "postal_code":
        return "4258502"
    if column_rule == "email":
        return "info@city.example.lg.jp"
    if column_rule == "date":
        return "2024-04-01"
    if column_rule == "corporate_number":
        base = "000020" + code
        return corporate_number_check_digit(base) + base
    if column_rule == "extension":
        return "123"
    if column_rule == "flag_1":
        return "1"
    if column_rule == "chome_id":
        return "0003000"
    if column_rule == "weekdays":
        return "月火水木金"
    if column_rule == "height_kind":
        return "階数"
    if column_rule == "number":
        return "1"
    if header == "地方公共団体名":
        return pref + city
    if header.endswith(("所在地_都道府県", "都道府県名")):
        return pref
    if header.endswith(("所在地_市区町村", "市区町村名")):
        return city
    if header == "所在地_連結表記":
        return f"{pref}{city}本町{row % 9 + 1}丁目{row % 20 + 1}-{row % 7 + 1}"
    if header in ("名称", "設置位置"):
        return f"{city}{rnd.choice(NAMES)}{row}"
    if header.endswith("ライセンス"):
        return "PDL1.0"
    # Every other text column gets plausible text, so that the injected faults
    # are the only problems in the file.
    return f"{header[:6]}の内容{row % 97}"


def break_value(kind: str, value: str) -> str:
    if kind == "check_digit":
        return value[:5] + str((int(value[5]) + 1) % 10)
    if kind == "malformed_phone":
        return "０５４－６２６－１１３９"
    if kind == "wareki_date":
        return "令和6年4月1日"
    if kind == "full_width_digits":
        return value.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if kind == "bad_time":
        return "9:0" if value.startswith("00") else "24:30"
    return value


def generate(
    model: type[DatasetRecord], rows: int, out: Path, encoding: str, fault_rate: float, seed: int
) -> int:
    rnd = random.Random(seed)
    cols = model.__columns__
    by_rule: dict[str, list[int]] = {}
    for i, c in enumerate(cols):
        by_rule.setdefault(c.rule, []).append(i)
    truth: list[tuple[int, str, str, str]] = []
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([c.header for c in cols])
        for n in range(1, rows + 1):
            line = n + 1
            place = PLACES[n % len(PLACES)]
            cells = [
                rnd.choice(c.allowed_values)
                if c.allowed_values
                else good_value(c.rule, c.header, n, place, rnd)
                for c in cols
            ]
            if rnd.random() < fault_rate:
                kind = rnd.choice(FAULTS)
                target: int | None = None
                if kind == "check_digit":
                    target = by_rule["local_gov_code"][0]
                elif (
                    kind in ("swapped_coordinates", "out_of_range_coordinates")
                    and "latitude" in by_rule
                ):
                    lat_i, lon_i = by_rule["latitude"][0], by_rule["longitude"][0]
                    if kind == "swapped_coordinates":
                        cells[lat_i], cells[lon_i] = cells[lon_i], cells[lat_i]
                    else:
                        cells[lat_i] = "95.123456"
                    target = lat_i
                elif kind == "malformed_phone" and "phone" in by_rule:
                    target = by_rule["phone"][0]
                elif kind == "wareki_date" and "date" in by_rule:
                    target = by_rule["date"][0]
                elif kind == "full_width_digits" and "count" in by_rule:
                    target = by_rule["count"][0]
                elif kind == "bad_time" and "time" in by_rule:
                    target = by_rule["time"][0]
                elif kind == "blank_required":
                    req = [i for i, c in enumerate(cols) if c.requirement.value == "required"]
                    if req:
                        target = req[0]
                        cells[target] = ""
                elif kind == "duplicate_id" and "record_id" in by_rule and n > 1:
                    target = by_rule["record_id"][0]
                    cells[target] = f"LL{n - 1:010d}"
                if target is not None:
                    if kind not in (
                        "swapped_coordinates",
                        "out_of_range_coordinates",
                        "blank_required",
                        "duplicate_id",
                    ):
                        cells[target] = break_value(kind, cells[target])
                    truth.append((line, cols[target].header, kind, cells[target]))
            writer.writerow(cells)
    with out.with_suffix(out.suffix + ".truth.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["line", "header", "fault", "value"])
        writer.writerows(truth)
    return len(truth)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="public_toilets@v2")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--encoding", default="utf-8", choices=["utf-8", "cp932"])
    parser.add_argument("--faults", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    n = generate(
        get_dataset(args.dataset), args.rows, args.out, args.encoding, args.faults, args.seed
    )
    print(f"wrote {args.rows:,} rows to {args.out} with {n:,} injected faults")
    return 0


if __name__ == "__main__":
    sys.exit(main())
