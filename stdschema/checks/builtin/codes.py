"""全国地方公共団体コード: the code exists, and agrees with the name beside it."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

from stdschema.checks.base import Col, Row, RowCheck, register
from stdschema.checks.rows import RowChecker, fix_text, suggest_value

if TYPE_CHECKING:
    import polars as pl

# (code field, name fields whose joined values name the code's government)
NAME_PAIRS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("local_government_code", ("local_government_name",)),
    ("local_government_code", ("prefecture_name", "municipality_name")),
    ("located_local_government_code", ("address_prefecture", "address_municipality")),
)


@lru_cache(maxsize=65536)
def code_exists(code: str) -> bool:
    from stdschema.codes import exists

    return exists(code)


@lru_cache(maxsize=65536)
def _code_name(code: str) -> str | None:
    from stdschema.codes import lookup

    found = lookup(code)
    return found.name if found else None


@lru_cache(maxsize=65536)
def name_matches(code: str, name: str) -> bool:
    from stdschema.codes import name_matches

    return name_matches(code, name)


@cache
def _existing_codes() -> pl.Series:
    import polars as pl

    from stdschema.codes import all_codes

    return pl.Series("codes", [c.code for c in all_codes()], dtype=pl.String)


@register
class LocalGovCodeKnown(RowCheck):
    """A well-formed code that is not in the 総務省 list."""

    name = "local-gov-code-known"
    codes = ("unknown-local-gov-code",)
    order = 10

    @classmethod
    def create(cls, runner: RowChecker) -> LocalGovCodeKnown | None:
        attrs = tuple(a for a, (_, c) in runner.by_attr.items() if c.rule == "local_gov_code")
        return cls(runner, attrs) if attrs else None

    def row(self, row: Row) -> None:
        for attr in self.columns:
            code = row.data.get(attr)
            if code is None or attr in row.failed or code_exists(code):
                continue
            out = self.runner.out
            fixed = None if out.full else suggest_value(code, "local_gov_code", self.runner.context)
            fix_ja, fix_en = fix_text(fixed)
            out.add(
                "unknown-local-gov-code",
                **row.at(),
                value=code,
                fixed_to=fixed,
                rule="local_gov_code",
                fix_ja=fix_ja or "総務省の全国地方公共団体コード一覧で確認してください。",
                fix_en=fix_en or "Look the code up in the official list.",
                **self.where(attr),
            )

    def screen(self, col: Col) -> pl.Expr:
        import polars as pl

        known = _existing_codes().implode()
        return pl.any_horizontal([(col(a) != "") & ~col(a).is_in(known) for a in self.columns])


def _mismatched(keys: pl.Series) -> pl.Series:
    """For keys "code\\0name": whether the code exists and the name is not its own."""
    bad = []
    for key in keys.unique().to_list():
        mismatched = _decided.get(key)
        if mismatched is None:
            code, _, name = key.partition("\x00")
            mismatched = code_exists(code) and not name_matches(code, name)
            if len(_decided) < _DECIDED_MAX:
                _decided[key] = mismatched
        if mismatched:
            bad.append(key)
    if not bad:
        return keys.is_null()  # all False (the frame's cells are never null)
    return keys.is_in(bad)


# Pairs already decided: a file repeats the same few thousand in every block.
_decided: dict[str, bool] = {}
_DECIDED_MAX = 200_000


@register
class CodeNameAgreement(RowCheck):
    """A code and the name beside it that name different governments."""

    name = "code-name-agreement"
    codes = ("code-name-mismatch",)
    order = 20

    def __init__(self, runner: RowChecker, pairs: list[tuple[str, tuple[str, ...]]]) -> None:
        super().__init__(runner, tuple(dict.fromkeys(a for c, n in pairs for a in (c, *n))))
        self.pairs = pairs

    @classmethod
    def create(cls, runner: RowChecker) -> CodeNameAgreement | None:
        attrs = runner.by_attr
        pairs = [p for p in NAME_PAIRS if p[0] in attrs and all(a in attrs for a in p[1])]
        return cls(runner, pairs) if pairs else None

    def row(self, row: Row) -> None:
        data = row.data
        for code_attr, name_attrs in self.pairs:
            code = data.get(code_attr)
            if not code or code_attr in row.failed or not all(data.get(a) for a in name_attrs):
                continue
            name = "".join(data[a] for a in name_attrs)
            if not code_exists(code) or name_matches(code, name):
                continue
            header = self.runner.plan.header
            self.runner.out.add(
                "code-name-mismatch",
                **row.at(),
                value=code,
                code_name=_code_name(code) or "",
                name=name,
                name_header=" + ".join(header[self.runner.by_attr[a][0]] for a in name_attrs),
                **self.where(code_attr),
            )

    def screen(self, col: Col) -> pl.Expr:
        import polars as pl

        exprs = []
        for code_attr, name_attrs in self.pairs:
            code = col(code_attr)
            names = [col(a) for a in name_attrs]
            nonblank = pl.all_horizontal([code != ""] + [n != "" for n in names])
            key = pl.concat_str([code, pl.lit("\x00"), *names])
            exprs.append(nonblank & key.map_batches(_mismatched, return_dtype=pl.Boolean))
        return pl.any_horizontal(exprs)
