"""A CKAN Action API client: the packages and resources a portal (BODIK and most municipal
catalogues) publishes, read through ``/api/3/action/package_search`` and ``package_show``
with the same timeouts and retries as the files themselves."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from stdschema.distributed.remote import (
    FetchError,
    FetchLimits,
    _http_error,
    _request,
    retrying,
    url_suffix,
)
from stdschema.messages import CatalogueError, Lang, t

PAGE = 100
"""Packages asked for a package_search page (CKAN's default cap is 1000)."""

CHECKED_FORMATS = {"CSV": ".csv", "TSV": ".tsv", "XLSX": ".xlsx", "XLS": None, "XML": ".xml"}
"""CKAN ``format`` values (upper-cased) and the suffix checked; XLS (binary Excel 97) is
not read."""

MAX_API_BYTES = 64 * 1024 * 1024
"""A package_search page larger than this is no CKAN answer."""


class PortalError(CatalogueError):
    """The portal cannot be listed: the run cannot start (exit 2)."""


class PortalUnreachable(PortalError):
    """No answer from the portal after the retries; the reason worded in the run's language."""

    def __init__(self, portal: str, error: FetchError) -> None:
        self.portal, self.error = portal, error
        super().__init__("catalog.portal_unreachable", portal=portal)

    def localized(self, lang: Lang | None = None) -> str:
        why = t(f"remote.reason.{self.error.reason}", lang, **self.error.reason_values)
        return t("catalog.portal_unreachable", lang, portal=self.portal, reason=why)


@dataclass(frozen=True, slots=True)
class Query:
    """Which packages to list: by organisation, tag and dataset name (all optional)."""

    organization: str | None = None
    tag: str | None = None
    dataset_name: str | None = None

    def fq(self) -> str:
        """The Solr filter query of package_search."""
        parts = []
        if self.organization:
            parts.append(f"organization:{_quoted(self.organization)}")
        if self.tag:
            parts.append(f"tags:{_quoted(self.tag)}")
        if self.dataset_name:
            parts.append(f"name:{_quoted(self.dataset_name)}")
        return " AND ".join(parts)


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True, slots=True)
class Resource:
    """One resource of a package, with its publisher and dataset."""

    id: str
    name: str
    url: str
    format: str
    """As the portal declares it (upper-cased), else the URL's suffix."""
    checked: bool
    """CSV/TSV/XLSX/XML by the format field or the URL's suffix."""
    dataset: str
    dataset_title: str
    organization: str
    organization_title: str
    last_modified: str | None
    listed: str | None = None
    """What the portal says of the file when it stores it itself (``url_type`` upload): its
    last modification, size and hash; None for a link to a file elsewhere, which can change
    without the portal knowing. See :func:`listing_fingerprint`."""


def listing_fingerprint(res: dict[str, Any]) -> str | None:
    """A resource's own record of its file, for a file the portal stores (an upload: a new
    file updates ``last_modified``, ``size`` and ``hash``); None for a link, or when the
    portal records no modification time."""
    if res.get("url_type") != "upload":
        return None
    modified = _text(res.get("last_modified")) or _text(res.get("metadata_modified"))
    if not modified:
        return None
    size = res.get("size")
    return json.dumps(
        [modified, size if isinstance(size, int) else None, _text(res.get("hash"))],
        ensure_ascii=False,
    )


def api_url(portal: str, action: str) -> str:
    """``{portal}/api/3/action/{action}``."""
    return f"{portal.rstrip('/')}/api/3/action/{action}"


def call(portal: str, action: str, params: dict[str, Any], limits: FetchLimits) -> Any:
    """One Action API call: its ``result``. Raises :class:`PortalError`."""
    import urllib.error
    import urllib.request

    url = api_url(portal, action)
    if params:
        url += "?" + urlencode(params)

    def attempt() -> Any:
        try:
            with urllib.request.urlopen(_request(url), timeout=limits.timeout) as resp:
                body = resp.read(MAX_API_BYTES + 1)
        except urllib.error.HTTPError as exc:
            if exc.code < 500 and exc.code != 429:
                raise PortalError(
                    "catalog.portal_refused", action=action, reason=f"HTTP {exc.code}"
                ) from None
            raise _http_error(url, exc, limits) from None
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise _http_error(url, exc, limits) from None
        try:
            answer = json.loads(body)
        except ValueError:
            raise PortalError("catalog.portal_not_ckan", portal=portal, action=action) from None
        if not isinstance(answer, dict) or "result" not in answer:
            raise PortalError("catalog.portal_not_ckan", portal=portal, action=action)
        if answer.get("success") is False:
            reason = json.dumps(answer.get("error"), ensure_ascii=False)[:200]
            raise PortalError("catalog.portal_refused", action=action, reason=reason)
        return answer["result"]

    try:
        return retrying(limits, attempt)
    except FetchError as exc:
        raise PortalUnreachable(portal, exc) from None


def iter_packages(
    portal: str, query: Query, limits: FetchLimits, page: int = PAGE
) -> Iterator[dict[str, Any]]:
    """Every package the query selects: ``package_show`` for a dataset name, otherwise
    ``package_search`` page by page (rows/start) in the portal's order by name."""
    if query.dataset_name and not (query.organization or query.tag):
        result = call(portal, "package_show", {"id": query.dataset_name}, limits)
        if isinstance(result, dict):
            yield result
        return
    start = 0
    while True:
        params: dict[str, Any] = {"rows": page, "start": start, "sort": "name asc"}
        fq = query.fq()
        if fq:
            params["fq"] = fq
        result = call(portal, "package_search", params, limits)
        if not isinstance(result, dict) or not isinstance(result.get("results"), list):
            raise PortalError("catalog.portal_not_ckan", portal=portal, action="package_search")
        packages = result["results"]
        yield from (p for p in packages if isinstance(p, dict))
        start += len(packages)
        count = result.get("count")
        if not packages or not isinstance(count, int) or start >= count:
            return


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def resources(package: dict[str, Any]) -> list[Resource]:
    """The resources of one package, each marked checked or not by format and URL."""
    org = package.get("organization") or {}
    found = []
    for res in package.get("resources") or []:
        if not isinstance(res, dict) or not _text(res.get("url")):
            continue
        url = _text(res.get("url")).strip()
        declared = _text(res.get("format")).strip().upper().lstrip(".")
        suffix = url_suffix(url)
        by_format = CHECKED_FORMATS.get(declared) is not None
        by_suffix = suffix is not None and suffix != ".txt"
        found.append(
            Resource(
                id=_text(res.get("id")) or url,
                name=_text(res.get("name")),
                url=url,
                format=declared or (suffix or "").lstrip(".").upper(),
                checked=by_format or by_suffix,
                dataset=_text(package.get("name")),
                dataset_title=_text(package.get("title")),
                organization=_text(org.get("name")) if isinstance(org, dict) else "",
                organization_title=_text(org.get("title")) if isinstance(org, dict) else "",
                last_modified=_text(res.get("last_modified")) or _text(res.get("created")) or None,
                listed=listing_fingerprint(res),
            )
        )
    return found


def list_resources(portal: str, query: Query, limits: FetchLimits) -> list[Resource]:
    """Every resource of the selected packages, once each (a package listed twice while
    the portal changes between pages counts once), in listing order."""
    seen: set[str] = set()
    listed = []
    for package in iter_packages(portal, query, limits):
        for resource in resources(package):
            if resource.id in seen:
                continue
            seen.add(resource.id)
            listed.append(resource)
    return listed
