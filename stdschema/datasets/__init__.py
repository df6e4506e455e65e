"""Registry of dataset editions: list them, get one by id, detect one from a header.

Models are imported on first use so that importing :mod:`stdschema` stays cheap.

>>> from stdschema.datasets import get_dataset
>>> get_dataset("public_toilets@v2").__dataset__.name_ja
'公衆トイレ一覧'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import PurePath
from typing import TYPE_CHECKING

from stdschema.datasets.base import (
    EDITIONS,
    Column,
    Confidence,
    DatasetInfo,
    DatasetRecord,
    Edition,
    Requirement,
    column_letter,
)
from stdschema.datasets.headers import normalize_header
from stdschema.messages import CATALOGUE, CatalogueError

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "EDITIONS",
    "Candidate",
    "Column",
    "Confidence",
    "DatasetInfo",
    "DatasetRecord",
    "Detection",
    "Edition",
    "Requirement",
    "UnknownDatasetError",
    "column_letter",
    "detect",
    "detect_filename",
    "get_dataset",
    "header_edition",
    "list_datasets",
    "normalize_header",
    "resolve_header",
]

RECOGNISED_SCORE = 0.7
"""A header scoring below this matches no dataset well enough to be called one."""


class UnknownDatasetError(CatalogueError, LookupError):
    """Raised for a dataset id or edition the registry does not know (``localized(lang)``
    words it for a person)."""

    def __init__(self, key: str, **values: object) -> None:
        if key not in CATALOGUE:  # a sentence already worded by the caller
            values, key = {"text": key}, "dataset.worded"
        super().__init__(key, **values)


@cache
def _all_models() -> tuple[type[DatasetRecord], ...]:
    from stdschema.datasets.v1 import MODELS as V1
    from stdschema.datasets.v2 import MODELS as V2

    return (*V1, *V2)


def list_datasets(edition: str | None = None) -> list[type[DatasetRecord]]:
    """All dataset editions (optionally of one edition), ordered by id then edition."""
    if edition is not None and edition not in EDITIONS:
        raise UnknownDatasetError(
            "dataset.unknown_edition", value=repr(edition), expected=", ".join(EDITIONS)
        )
    models = [m for m in _all_models() if edition is None or m.__dataset__.edition == edition]
    return sorted(models, key=lambda m: (m.__dataset__.id, m.__dataset__.edition))


def get_dataset(dataset_id: str, edition: str | None = None) -> type[DatasetRecord]:
    """The model of ``dataset_id`` (``"public_toilets"`` or ``"public_toilets@v2"``).

    Without an edition the newest one that exists is returned.
    """
    if "@" in dataset_id:
        dataset_id, _, given = dataset_id.partition("@")
        if edition is not None and edition != given:
            raise UnknownDatasetError(
                "dataset.edition_twice", given=repr(given), edition=repr(edition)
            )
        edition = given
    if edition is not None and edition not in EDITIONS:
        raise UnknownDatasetError(
            "dataset.unknown_edition", value=repr(edition), expected=", ".join(EDITIONS)
        )
    matches = [m for m in _all_models() if m.__dataset__.id == dataset_id]
    if not matches:
        known = sorted({m.__dataset__.id for m in _all_models()})
        hint = _nearest(dataset_id, known)
        if hint:
            raise UnknownDatasetError(
                "dataset.unknown_near", value=repr(dataset_id), hint=repr(hint)
            )
        raise UnknownDatasetError("dataset.unknown", value=repr(dataset_id))
    if edition is None:
        return max(matches, key=lambda m: m.__dataset__.edition)
    for m in matches:
        if m.__dataset__.edition == edition:
            return m
    have = ", ".join(sorted(m.__dataset__.edition for m in matches))
    raise UnknownDatasetError(f"{dataset_id} has no edition {edition} (known: {have})")


def _nearest(word: str, options: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A dataset edition a file may be, with how well its header matches."""

    model: type[DatasetRecord]
    score: float
    method: str
    matched: int = 0
    variants: int = 0
    missing: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    explained: float = 0.0
    """Weighted share of the file's columns that are this dataset's."""

    @property
    def key(self) -> str:
        return self.model.__dataset__.key


@dataclass(frozen=True, slots=True)
class Detection:
    """Result of :func:`detect`: the pick (or None) first among the candidates.

    ``edition`` is the edition the header's edition-specific columns decided (None when
    they did not); ``standard_like`` lists the standard's common columns of a header that
    matches no model although it is written in the current standard's form.
    """

    best: Candidate | None
    candidates: tuple[Candidate, ...] = field(default=())
    edition: Edition | None = None
    standard_like: tuple[str, ...] = ()

    @property
    def recognised(self) -> bool:
        return self.best is not None


@cache
def _normalised_index() -> dict[type[DatasetRecord], dict[str, str]]:
    # Standard header, then the known aliases, attribute names, the spec's English
    # names and the variant table: files keyed by any of them describe the same columns.
    from stdschema.datasets.variants import variant_spellings

    index: dict[type[DatasetRecord], dict[str, str]] = {}
    for m in _all_models():
        names = {normalize_header(c.header): c.header for c in m.__columns__}
        for c in m.__columns__:
            for name in (*c.aliases, c.attr, c.english_name):
                if name:
                    names.setdefault(normalize_header(name), c.header)
        for written, standard in variant_spellings(m).items():
            names.setdefault(normalize_header(written), standard)
        index[m] = names
    return index


@cache
def _weights() -> tuple[dict[str, float], dict[str, str]]:
    """How much a standard column says about the dataset, and every known spelling.

    A column's weight falls with the number of datasets that have it (an inverse
    document frequency): 全国地方公共団体コード or 緯度 is in almost every dataset and
    tells little, 医療機関コード or SSID names one. Returns (standard header → weight,
    normalised spelling → a standard header it denotes in some dataset).
    """
    import math

    datasets_with: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    for m, names in _normalised_index().items():
        for key, header in names.items():
            spelled.setdefault(key, header)
        for c in m.__columns__:
            datasets_with.setdefault(c.header, set()).add(m.__dataset__.id)
    total = len({m.__dataset__.id for m in _all_models()})
    weights = {h: math.log(1 + total / len(ids)) for h, ids in datasets_with.items()}
    return weights, spelled


LOCAL_COLUMN_WEIGHT = 0.35
"""Weight of a header cell no dataset knows (a publisher's own column): less than the
commonest standard column, so that local columns appended to a complete standard layout
lower its score only a little, while another dataset's own columns lower it a lot."""

RECALL_SHARE = 0.7
"""Score = 70% weighted share of the model's columns found + 30% weighted share of the
file's columns the model explains."""

TIE_MARGIN = 0.05
"""Header scores this close are a tie, which the file name may break."""

V2_MARKERS = frozenset({"全国地方公共団体コード", "地方公共団体名"})
V1_MARKERS = frozenset({"都道府県コード又は市区町村コード", "都道府県名"})
"""The edition-specific columns: the current standard names the publisher by
全国地方公共団体コード / 地方公共団体名, the 推奨データセット by 都道府県コード又は市区町村コード /
都道府県名 (+ 市区町村名). C-sheet files prefix the code column (``防災行政無線_全国地方公共団体コード``)."""


def header_edition(header: Sequence[str]) -> Edition | None:
    """The edition a header's edition-specific columns point to, or None when they do not."""
    keys = {normalize_header(h) for h in header if h and h.strip()}
    v2 = any(k in _NORMALISED_V2 or k.endswith(_CODE_SUFFIX) for k in keys)
    v1 = any(k in _NORMALISED_V1 for k in keys)
    if v2 and not v1:
        return "v2"
    if v1 and not v2:
        return "v1"
    return None


_NORMALISED_V2 = frozenset(normalize_header(h) for h in V2_MARKERS)
_NORMALISED_V1 = frozenset(normalize_header(h) for h in V1_MARKERS)
_CODE_SUFFIX = normalize_header("_全国地方公共団体コード")


def _score_header(model: type[DatasetRecord], header: Sequence[str]) -> Candidate:
    index = _normalised_index()[model]
    weights, spelled = _weights()
    exact_headers = {c.header for c in model.__columns__}
    given = [h for h in header if h and h.strip()]
    found: set[str] = set()
    variants = 0
    extra: list[str] = []
    explained = unexplained = 0.0
    for h in given:
        key = normalize_header(h)
        canonical = h if h in exact_headers else index.get(key)
        if canonical is not None and canonical not in found:
            found.add(canonical)
            variants += canonical != h
            explained += weights[canonical]
            continue
        extra.append(h)
        other = spelled.get(key)
        unexplained += weights[other] if other is not None else LOCAL_COLUMN_WEIGHT
    columns = model.__columns__
    total = sum(weights[c.header] for c in columns)
    recall = sum(weights[c] for c in found) / total if total else 0.0
    precision = explained / (explained + unexplained) if explained else 0.0
    score = RECALL_SHARE * recall + (1 - RECALL_SHARE) * precision
    missing = tuple(c.header for c in columns if c.header not in found)
    return Candidate(
        model,
        round(score, 4),
        "header",
        len(found),
        variants,
        missing,
        tuple(extra),
        round(precision, 4),
    )


def resolve_header(model: type[DatasetRecord], cell: str) -> tuple[Column, bool] | None:
    """The standard column a header cell denotes, and whether it is spelled exactly.

    Matches the exact header, then the normalised form, known aliases, the
    English attribute name and the spec's English name.
    """
    by_header = _columns_by_header(model)
    column = by_header.get(cell)
    if column is not None:
        return column, True
    canonical = _normalised_index()[model].get(normalize_header(cell))
    if canonical is None:
        return None
    return by_header[canonical], False


@cache
def _columns_by_header(model: type[DatasetRecord]) -> dict[str, Column]:
    return {c.header: c for c in model.__columns__}


def detect_filename(filename: str | PurePath) -> list[type[DatasetRecord]]:
    """Dataset editions whose file-name slug appears in ``filename`` (newest edition first).

    Follows the naming rule ``[6-digit code]_[slug].csv`` (e.g. ``222127_public_toilet.csv``)
    and also finds the slug anywhere in the stem.
    """
    stem = PurePath(filename).stem.lower()
    best_len = 0
    found: list[type[DatasetRecord]] = []
    for m in _all_models():
        info = m.__dataset__
        for slug in (info.slug, *info.slug_aliases):
            if not slug:
                continue
            if re.search(rf"(?:^|[^a-z]){re.escape(slug)}(?:$|[^a-z])", stem):
                if len(slug) > best_len:
                    best_len, found = len(slug), [m]
                elif len(slug) == best_len and m not in found:
                    found.append(m)
    return sorted(found, key=lambda m: m.__dataset__.edition, reverse=True)


def detect(
    header: Sequence[str] | None, filename: str | PurePath | None = None, *, limit: int = 5
) -> Detection:
    """Detect the dataset edition of a file from its header row.

    The header decides. Its edition-specific columns (:data:`V2_MARKERS`, :data:`V1_MARKERS`)
    choose the edition, so a header in the current form is never checked against a
    推奨データセット model or the other way round. Cells are compared exactly, then after
    normalisation (NFKC, dash and bracket variants, spaces, 必須/任意 annotations) and the
    variant table; each model gets a score (see :func:`_score_header`). A pick needs
    :data:`RECOGNISED_SCORE`; the file name only breaks a tie between candidates within
    :data:`TIE_MARGIN` of the best, and never picks a dataset on its own.
    """
    named_models = detect_filename(filename) if filename is not None else []
    cells = [h for h in header or () if h and h.strip()]
    if not cells:
        # Nothing to decide on: the file name's claim is listed, never picked.
        return Detection(None, tuple(Candidate(m, 0.0, "filename") for m in named_models))
    edition = header_edition(cells)
    by_name = set(named_models)
    candidates = [
        _score_header(m, cells)
        for m in _all_models()
        if edition is None or m.__dataset__.edition == edition
    ]
    candidates.sort(key=lambda c: (-c.score, -c.matched, c.key))
    best = candidates[0] if candidates else None
    if best is None or not _recognised(best, candidates[1] if len(candidates) > 1 else None):
        return Detection(None, tuple(candidates[:limit]), edition, _standard_like(cells, edition))
    tied = [c for c in candidates if c.score >= best.score - TIE_MARGIN]
    named = [c for c in tied if c.model in by_name]
    if named and len(tied) > 1:
        pick = named[0]
        pick = Candidate(
            pick.model,
            pick.score,
            "header+filename",
            pick.matched,
            pick.variants,
            pick.missing,
            pick.extra,
            pick.explained,
        )
        rest = [c for c in candidates if c.model is not pick.model]
        return Detection(pick, (pick, *rest[: limit - 1]), edition)
    return Detection(best, tuple(candidates[:limit]), edition)


def _recognised(best: Candidate, runner_up: Candidate | None) -> bool:
    """Whether the top candidate is good enough to check the file against.

    Either its score reaches :data:`RECOGNISED_SCORE`, or the file is a clear subset of
    its layout: nearly every column of the file is one of its own (:data:`SUBSET_EXPLAINED`),
    it scores at least :data:`SUBSET_SCORE`, and no other dataset comes within
    :data:`SUBSET_LEAD` (a file that leaves columns out is still that dataset, and its
    missing columns are then reported as such).
    """
    if not _has_distinctive(best):
        return False
    if best.score >= RECOGNISED_SCORE:
        return True
    lead = best.score - (runner_up.score if runner_up is not None else 0.0)
    return best.explained >= SUBSET_EXPLAINED and best.score >= SUBSET_SCORE and lead >= SUBSET_LEAD


def _has_distinctive(candidate: Candidate) -> bool:
    """Whether the file has a column that only a few datasets have, among this one's.

    A header made of columns every dataset shares (code, ID, 名称, address, coordinates,
    contact) does not say which dataset it is, however well it scores against a dataset
    that is mostly those columns (公衆無線LAN without SSID is not 公衆無線LAN).
    """
    weights, _ = _weights()
    floor = _distinctive_weight()
    found = set(candidate.model.headers()) - set(candidate.missing)
    return any(weights[h] >= floor for h in found)


@cache
def _distinctive_weight() -> float:
    import math

    total = len({m.__dataset__.id for m in _all_models()})
    return math.log(1 + total / DISTINCTIVE_DATASETS)


DISTINCTIVE_DATASETS = 3
"""A column found in at most this many datasets is distinctive of them."""

SUBSET_EXPLAINED = 0.95
SUBSET_SCORE = 0.5
SUBSET_LEAD = 0.15


def _standard_like(cells: Sequence[str], edition: Edition | None) -> tuple[str, ...]:
    """The current standard's common columns in a header that matched no model.

    A header counts as written in the standard's form when it names the publisher the
    current way (a 全国地方公共団体コード column, possibly prefixed); it then gets its
    common columns checked (``dataset-not-modelled``) rather than nothing at all.
    """
    if edition != "v2":
        return ()
    from stdschema.datasets.generic import common_plan_columns

    return tuple(cells[i] for i, _ in common_plan_columns(cells))
