"""Registry of dataset editions: list them, get one by id, detect one from a header.

Models are imported on first use so that importing :mod:`stdschema` stays cheap.
Detection and :func:`get_dataset` read the header index (:mod:`stdschema.datasets.index`)
and import the model of the chosen dataset only; :func:`list_datasets` builds them all.

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

    from stdschema.datasets.index import DatasetEntry

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


@cache
def _entries() -> tuple[DatasetEntry, ...]:
    """Every dataset edition as the header index lists it (no model is built)."""
    from stdschema.datasets.index import load

    return load()


def list_datasets(edition: str | None = None) -> list[type[DatasetRecord]]:
    """All dataset editions (optionally of one edition), ordered by id then edition."""
    if edition is not None and edition not in EDITIONS:
        raise UnknownDatasetError(
            "dataset.unknown_edition", value=repr(edition), expected=", ".join(EDITIONS)
        )
    models = [m for m in _all_models() if edition is None or m.__dataset__.edition == edition]
    return sorted(models, key=lambda m: (m.__dataset__.id, m.__dataset__.edition))


def _get_dataset(dataset_id: str, edition: str | None = None) -> type[DatasetRecord]:
    """The model of ``dataset_id`` (``"public_toilets"`` or ``"public_toilets@v2"``).

    Without an edition the newest one that exists is returned. Type checkers see the
    model's own class (``get_dataset("public_toilets@v2")`` is ``type[PublicToiletsV2]``)
    through the generated overloads of :mod:`stdschema.datasets._typing`.
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
    # The index names the module of each edition: only the one asked for is imported.
    matches = [e for e in _entries() if e.id == dataset_id]
    if not matches:
        known = sorted({e.id for e in _entries()})
        hint = _nearest(dataset_id, known)
        if hint:
            raise UnknownDatasetError(
                "dataset.unknown_near", value=repr(dataset_id), hint=repr(hint)
            )
        raise UnknownDatasetError("dataset.unknown", value=repr(dataset_id))
    if edition is None:
        return max(matches, key=lambda e: e.edition).model()
    for e in matches:
        if e.edition == edition:
            return e.model()
    have = ", ".join(sorted(e.edition for e in matches))
    raise UnknownDatasetError(f"{dataset_id} has no edition {edition} (known: {have})")


if TYPE_CHECKING:
    from stdschema.datasets._typing import get_dataset
else:
    get_dataset = _get_dataset


def _nearest(word: str, options: Iterable[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A dataset edition a file may be, with how well its header matches.

    ``dataset`` is its entry of the header index; :attr:`model` imports its model.
    """

    dataset: DatasetEntry
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
        return self.dataset.key

    @property
    def model(self) -> type[DatasetRecord]:
        """The model class of this dataset edition (its module is imported on first use)."""
        return self.dataset.model()


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


@dataclass(frozen=True, slots=True, eq=False)
class _Scoring:
    """What scoring a header needs, computed once from a set of index entries."""

    entries: tuple[DatasetEntry, ...]
    weights: dict[str, float]
    """How much a standard column says about the dataset (see :func:`_scoring`)."""
    spelled: dict[str, str]
    """Every known normalised spelling → a standard header it denotes in some dataset."""
    distinctive: float
    """The weight from which a column is distinctive of its datasets."""


@cache
def _default_scoring() -> _Scoring:
    return _scoring(_entries())


def _scoring(entries: tuple[DatasetEntry, ...]) -> _Scoring:
    """How much each standard column says about the dataset, and every known spelling.

    A column's weight falls with the number of datasets that have it (an inverse
    document frequency): 全国地方公共団体コード or 緯度 is in almost every dataset and
    tells little, 医療機関コード or SSID names one.
    """
    import math

    datasets_with: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    for e in entries:
        for key, header in e.names.items():
            spelled.setdefault(key, header)
        for header in e.headers:
            datasets_with.setdefault(header, set()).add(e.id)
    total = len({e.id for e in entries})
    weights = {h: math.log(1 + total / len(ids)) for h, ids in datasets_with.items()}
    distinctive = math.log(1 + total / DISTINCTIVE_DATASETS)
    return _Scoring(entries, weights, spelled, distinctive)


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


def _score_header(scoring: _Scoring, entry: DatasetEntry, header: Sequence[str]) -> Candidate:
    index = entry.names
    weights, spelled = scoring.weights, scoring.spelled
    exact_headers = set(entry.headers)
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
    columns = entry.headers
    total = sum(weights[c] for c in columns)
    recall = sum(weights[c] for c in found) / total if total else 0.0
    precision = explained / (explained + unexplained) if explained else 0.0
    score = RECALL_SHARE * recall + (1 - RECALL_SHARE) * precision
    missing = tuple(c for c in columns if c not in found)
    return Candidate(
        entry,
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
    canonical = _column_names(model).get(normalize_header(cell))
    if canonical is None:
        return None
    return by_header[canonical], False


@cache
def _column_names(model: type[DatasetRecord]) -> dict[str, str]:
    from stdschema.datasets.index import column_names

    return column_names(model)


@cache
def _columns_by_header(model: type[DatasetRecord]) -> dict[str, Column]:
    return {c.header: c for c in model.__columns__}


def detect_filename(filename: str | PurePath) -> list[type[DatasetRecord]]:
    """Dataset editions whose file-name slug appears in ``filename`` (newest edition first).

    Follows the naming rule ``[6-digit code]_[slug].csv`` (e.g. ``222127_public_toilet.csv``)
    and also finds the slug anywhere in the stem.
    """
    return [e.model() for e in _named(_entries(), filename)]


def _named(entries: Sequence[DatasetEntry], filename: str | PurePath) -> list[DatasetEntry]:
    """:func:`detect_filename` on index entries (no model imported)."""
    stem = PurePath(filename).stem.lower()
    best_len = 0
    found: list[DatasetEntry] = []
    for e in entries:
        for slug in (e.slug, *e.slug_aliases):
            if not slug:
                continue
            if re.search(rf"(?:^|[^a-z]){re.escape(slug)}(?:$|[^a-z])", stem):
                if len(slug) > best_len:
                    best_len, found = len(slug), [e]
                elif len(slug) == best_len and e not in found:
                    found.append(e)
    return sorted(found, key=lambda e: e.edition, reverse=True)


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

    Reads the header index: no model is built (``best.model`` imports the pick's).
    """
    return _detect(_default_scoring(), header, filename, limit)


def _detect(
    scoring: _Scoring, header: Sequence[str] | None, filename: str | PurePath | None, limit: int
) -> Detection:
    by_filename = _named(scoring.entries, filename) if filename is not None else []
    cells = [h for h in header or () if h and h.strip()]
    if not cells:
        # Nothing to decide on: the file name's claim is listed, never picked.
        return Detection(None, tuple(Candidate(e, 0.0, "filename") for e in by_filename))
    edition = header_edition(cells)
    by_name = set(by_filename)
    candidates = [
        _score_header(scoring, e, cells)
        for e in scoring.entries
        if edition is None or e.edition == edition
    ]
    candidates.sort(key=lambda c: (-c.score, -c.matched, c.key))
    best = candidates[0] if candidates else None
    runner_up = candidates[1] if len(candidates) > 1 else None
    if best is None or not _recognised(scoring, best, runner_up):
        return Detection(None, tuple(candidates[:limit]), edition, _standard_like(cells, edition))
    tied = [c for c in candidates if c.score >= best.score - TIE_MARGIN]
    named = [c for c in tied if c.dataset in by_name]
    if named and len(tied) > 1:
        pick = named[0]
        pick = Candidate(
            pick.dataset,
            pick.score,
            "header+filename",
            pick.matched,
            pick.variants,
            pick.missing,
            pick.extra,
            pick.explained,
        )
        rest = [c for c in candidates if c.dataset is not pick.dataset]
        return Detection(pick, (pick, *rest[: limit - 1]), edition)
    return Detection(best, tuple(candidates[:limit]), edition)


def _recognised(scoring: _Scoring, best: Candidate, runner_up: Candidate | None) -> bool:
    """Whether the top candidate is good enough to check the file against.

    Either its score reaches :data:`RECOGNISED_SCORE`, or the file is a clear subset of
    its layout: nearly every column of the file is one of its own (:data:`SUBSET_EXPLAINED`),
    it scores at least :data:`SUBSET_SCORE`, and no other dataset comes within
    :data:`SUBSET_LEAD` (a file that leaves columns out is still that dataset, and its
    missing columns are then reported as such).
    """
    if not _has_distinctive(scoring, best):
        return False
    if best.score >= RECOGNISED_SCORE:
        return True
    lead = best.score - (runner_up.score if runner_up is not None else 0.0)
    return best.explained >= SUBSET_EXPLAINED and best.score >= SUBSET_SCORE and lead >= SUBSET_LEAD


def _has_distinctive(scoring: _Scoring, candidate: Candidate) -> bool:
    """Whether the file has a column that only a few datasets have, among this one's.

    A header made of columns every dataset shares (code, ID, 名称, address, coordinates,
    contact) does not say which dataset it is, however well it scores against a dataset
    that is mostly those columns (公衆無線LAN without SSID is not 公衆無線LAN).
    """
    found = set(candidate.dataset.headers) - set(candidate.missing)
    return any(scoring.weights[h] >= scoring.distinctive for h in found)


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
