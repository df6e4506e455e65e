"""Remote inputs: ``https://…``, ``s3://…``, ``gs://…`` and any other fsspec URL.

An object is streamed in chunks to a private temporary file (never held whole in memory),
checked there with the same reading path as a local file, and reported under its URL.

HTTP(S) is read with the standard library rather than fsspec's HTTP filesystem: that one
turns every failed HEAD/GET into ``FileNotFoundError``, so a 503 worth retrying could not
be told from a 404 that is final, and it exposes no validators for conditional requests.
Every other protocol goes through fsspec (the ``stdschema[remote]`` extra), imported only
when such a URL is given.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar
from urllib.parse import urlsplit

from stdschema import __version__
from stdschema.messages import CatalogueError, Lang, t

if TYPE_CHECKING:
    import urllib.request

    from stdschema.report.model import FileReport
    from stdschema.validation import Options

CODES = ("fetch-failed",)
"""The problem code a remote file gets when it cannot be fetched (stdschema.problems)."""

CHUNK = 1024 * 1024
SUFFIXES = (".csv", ".xlsx", ".xml", ".tsv", ".txt")
"""Suffixes a temporary copy keeps from its URL; anything else is decided by sniffing."""

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_GLOB = re.compile(r"[*?\[]")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How far one fetch may go: size cap, seconds without data, retries and backoff."""

    max_bytes: int = 200 * 1024 * 1024
    timeout: float = 30.0
    retries: int = 3
    """Attempts after the first one, for connection errors, timeouts and 5xx answers."""
    backoff: float = 0.5
    """Seconds before the first retry; doubled before each next one."""


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server says about an object without sending it (HEAD / fsspec info)."""

    etag: str | None = None
    last_modified: str | None = None
    size: int | None = None


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched object: its URL, the temporary copy and what identifies its content."""

    url: str
    path: Path
    size: int
    etag: str | None
    last_modified: str | None
    sha256: str


class FetchError(CatalogueError):
    """A remote file that could not be fetched: one line, the URL and the reason."""

    code = "fetch-failed"

    def __init__(self, url: str, reason: str, **values: object) -> None:
        self.url = url
        self.reason = reason
        self.reason_values = values
        super().__init__("remote.fetch_failed", url=url)

    def localized(self, lang: Lang | None = None) -> str:
        why = t(f"remote.reason.{self.reason}", lang, **self.reason_values)
        return t("remote.fetch_failed", lang, url=self.url, reason=why)

    def message_in(self, lang: Lang | None = None) -> str:
        """The message beside the URL (a report's file entry names it already)."""
        why = t(f"remote.reason.{self.reason}", lang, **self.reason_values)
        return t("remote.fetch_failed_here", lang, reason=why)


class RemoteExtraMissing(CatalogueError):
    """A URL whose protocol needs a package that is not installed."""


class _Transient(Exception):
    """A failure worth another attempt; ``error`` is what to report if none is left."""

    def __init__(self, error: FetchError) -> None:
        super().__init__(str(error))
        self.error = error


def is_remote(text: str | os.PathLike[str]) -> bool:
    """Whether ``text`` is a URL (``scheme://…``) rather than a local path."""
    return isinstance(text, str) and bool(_URL.match(text))


def _is_http(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _filesystem(url: str) -> tuple[Any, str]:
    """fsspec's filesystem for ``url`` and the path within it; a missing package is one line."""
    try:
        import fsspec  # type: ignore[import-untyped]
    except ImportError:
        raise RemoteExtraMissing("remote.extra_missing", url=url) from None
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError):
        # fsspec names the backend package (s3fs, gcsfs) in its ImportError.
        protocol = url.split("://", 1)[0]
        raise RemoteExtraMissing("remote.protocol_missing", protocol=protocol) from None
    return fs, str(path)


def expand_remote(pattern: str) -> list[str]:
    """The URLs a pattern names: globbed through fsspec where the filesystem can list
    (s3://bucket/**/*.csv); an HTTP(S) URL is one URL (``?`` starts its query)."""
    if _is_http(pattern) or not _GLOB.search(pattern):
        return [pattern]
    fs, path = _filesystem(pattern)
    try:
        found = sorted(fs.glob(path))
    except (OSError, NotImplementedError):
        return [pattern]  # fetching it reports the failure
    return [fs.unstrip_protocol(p) for p in found]


def retrying(
    limits: FetchLimits, attempt: Callable[[], T], log: Callable[[str], None] | None = None
) -> T:
    """``attempt()``, again after a backoff while it fails transiently (exponential:
    ``backoff``, 2×, 4×…), at most ``limits.retries`` more times."""
    for n in range(limits.retries + 1):
        try:
            return attempt()
        except _Transient as exc:
            if n == limits.retries:
                raise exc.error from None
            if log is not None:
                log(str(exc))
            time.sleep(limits.backoff * (2**n))
    raise AssertionError("unreachable")


def _http_error(url: str, exc: BaseException, limits: FetchLimits) -> FetchError | _Transient:
    """A final error, or a transient one (connection, timeout, 5xx, 429)."""
    import urllib.error  # urllib.request and http.client: only when a URL is fetched

    if isinstance(exc, urllib.error.HTTPError):
        status = exc.code
        error = FetchError(url, "status", status=status)
        return _Transient(error) if status >= 500 or status == 429 else error
    if isinstance(exc, (TimeoutError, socket.timeout)) or "timed out" in str(exc):
        return _Transient(FetchError(url, "timeout", seconds=limits.timeout))
    reason = getattr(exc, "reason", exc)
    error = FetchError(url, "connection", detail=str(reason) or type(reason).__name__)
    # A URL that cannot be sent (no host, unknown scheme) fails the same way every time.
    return error if isinstance(exc, ValueError) else _Transient(error)


# What may stay as it is in a URL; anything else (Japanese file names, spaces) is
# percent-encoded as UTF-8, and an existing %XX is kept.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def ascii_url(url: str) -> str:
    """``url`` as it can be sent: non-ASCII characters and spaces percent-encoded (UTF-8),
    an internationalised host name in IDNA."""
    from urllib.parse import quote, urlsplit, urlunsplit

    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    netloc = parts.netloc
    if host and not host.isascii():
        netloc = netloc.replace(host, host.encode("idna").decode("ascii"))
    return urlunsplit(
        (
            parts.scheme,
            netloc,
            quote(parts.path, safe=_URL_SAFE),
            quote(parts.query, safe=_URL_SAFE),
            quote(parts.fragment, safe=_URL_SAFE),
        )
    )


def _request(
    url: str, method: str = "GET", headers: dict[str, str] | None = None
) -> urllib.request.Request:
    import urllib.request

    sent = {"User-Agent": f"stdschema/{__version__}", "Accept-Encoding": "identity"}
    return urllib.request.Request(ascii_url(url), method=method, headers=sent | (headers or {}))


def _validators(headers: Any, size: int | None) -> Validators:
    etag = headers.get("ETag") or headers.get("etag")
    modified = headers.get("Last-Modified") or headers.get("LastModified") or headers.get("mtime")
    return Validators(
        etag=str(etag) if etag else None,
        last_modified=str(modified) if modified else None,
        size=size,
    )


def head(url: str, limits: FetchLimits | None = None) -> Validators:
    """The object's ETag, Last-Modified and size without fetching it (HTTP HEAD, fsspec
    ``info``), with the same retries. A server refusing HEAD gives empty validators."""
    import urllib.error
    import urllib.request

    lim = limits or FetchLimits()
    if not _is_http(url):
        fs, path = _filesystem(url)

        def info() -> Validators:
            try:
                found = fs.info(path)
            except (FileNotFoundError, PermissionError):
                return Validators()
            except OSError as exc:
                raise _Transient(FetchError(url, "connection", detail=str(exc))) from None
            return _validators(found, found.get("size"))

        return retrying(lim, info)

    def ask() -> Validators:
        try:
            with urllib.request.urlopen(_request(url, "HEAD"), timeout=lim.timeout) as resp:
                length = resp.headers.get("Content-Length")
                return _validators(resp.headers, int(length) if length else None)
        except urllib.error.HTTPError as exc:
            if exc.code >= 500 or exc.code == 429:
                raise _Transient(FetchError(url, "status", status=exc.code)) from None
            return Validators()
        except (urllib.error.URLError, OSError) as exc:
            error = _http_error(url, exc, lim)
            raise (error if isinstance(error, _Transient) else _Transient(error)) from None

    try:
        return retrying(lim, ask)
    except FetchError:
        return Validators()  # the GET that follows reports the failure


def _sniff(head_bytes: bytes) -> str:
    """A suffix from the content (:func:`stdschema.io.sniff.sniff_content`), else CSV."""
    from stdschema.io.sniff import sniff_content

    return {"xlsx": ".xlsx", "xml": ".xml"}.get(sniff_content(head_bytes), ".csv")


def url_suffix(url: str) -> str | None:
    """The URL path's suffix when it is one of :data:`SUFFIXES`."""
    suffix = Path(urlsplit(url).path).suffix.lower()
    return suffix if suffix in SUFFIXES else None


def _copy(
    url: str, source: BinaryIO, target: BinaryIO, limits: FetchLimits
) -> tuple[int, str, bytes]:
    """Stream ``source`` into ``target`` chunk by chunk: size, sha256 and the first bytes.
    Stops at the size cap."""
    digest = hashlib.sha256()
    size = 0
    first = b""
    while chunk := source.read(CHUNK):
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(url, "too_large", limit=_mb(limits.max_bytes))
        if not first:
            first = chunk[:64]
        digest.update(chunk)
        target.write(chunk)
    return size, digest.hexdigest(), first


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.3g}"


def _download_http(
    url: str, target: Path, limits: FetchLimits
) -> tuple[int, str, bytes, Validators]:
    import urllib.error
    import urllib.request

    def attempt() -> tuple[int, str, bytes, Validators]:
        try:
            with urllib.request.urlopen(_request(url), timeout=limits.timeout) as resp:
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > limits.max_bytes:
                    raise FetchError(url, "too_large", limit=_mb(limits.max_bytes))
                with open(target, "wb") as out:
                    size, sha, first = _copy(url, resp, out, limits)
                return size, sha, first, _validators(resp.headers, size)
        except FetchError:
            raise
        except (urllib.error.URLError, OSError, ValueError) as exc:
            error = _http_error(url, exc, limits)
            raise error from None

    return retrying(limits, attempt)


def _download_fsspec(
    url: str, target: Path, limits: FetchLimits
) -> tuple[int, str, bytes, Validators]:
    fs, path = _filesystem(url)

    def attempt() -> tuple[int, str, bytes, Validators]:
        try:
            info = fs.info(path)
            size = info.get("size")
            if isinstance(size, int) and size > limits.max_bytes:
                raise FetchError(url, "too_large", limit=_mb(limits.max_bytes))
            with fs.open(path, "rb") as source, open(target, "wb") as out:
                got, sha, first = _copy(url, source, out, limits)
            return got, sha, first, _validators(info, got)
        except FileNotFoundError:
            raise FetchError(url, "not_found") from None
        except PermissionError:
            raise FetchError(url, "permission") from None
        except (OSError, TimeoutError) as exc:
            raise _Transient(FetchError(url, "connection", detail=str(exc))) from None

    return retrying(limits, attempt)


@contextmanager
def fetched(url: str, limits: FetchLimits | None = None) -> Iterator[Fetched]:
    """Fetch ``url`` to a private temporary file, removed on exit.

    The copy keeps the URL's suffix when it is an input suffix (else one is sniffed from
    the first bytes). Raises :class:`FetchError` (after the retries) or
    :class:`RemoteExtraMissing`.
    """
    lim = limits or FetchLimits()
    folder = Path(tempfile.mkdtemp(prefix="stdschema-remote-"))  # mode 0700
    try:
        part = folder / "download"
        download = _download_http if _is_http(url) else _download_fsspec
        size, sha, first, found = download(url, part, lim)
        path = folder / f"resource{url_suffix(url) or _sniff(first)}"
        part.replace(path)
        yield Fetched(url, path, size, found.etag, found.last_modified, sha)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def expand_sources(args: Iterable[str | os.PathLike[str]], lang: Lang | None = None) -> list[str]:
    """``validate``'s arguments as sources: local paths expanded as before (folders, globs;
    :func:`stdschema.validation.expand_paths`), URLs through :func:`expand_remote`, in order,
    each once. Raises :class:`RemoteExtraMissing` (one line, exit 2) for a URL whose protocol
    needs a package that is not installed, before anything is read."""
    from stdschema.validation import expand_paths

    found: list[str] = []
    for arg in args:
        text = os.fspath(arg)
        if is_remote(text):
            if not _is_http(text):
                _filesystem(text)  # the missing extra is a usage error, not a file's
            found.extend(expand_remote(text))
        else:
            found.extend(str(p) for p in expand_paths([text], lang))
    return list(dict.fromkeys(found))


@contextmanager
def local_copy(source: str, limits: FetchLimits | None = None) -> Iterator[str]:
    """The runner's resolve hook (:data:`stdschema.distributed.runner.Resolve`): a local
    path as it is, a URL fetched to a temporary copy for the time of the check. Picklable
    (module level; give limits with :func:`functools.partial`), so Dask workers fetch what
    they check. A failed fetch raises :class:`FetchError`, which the runner reports as the
    source's ``fetch-failed``."""
    if not is_remote(source):
        yield source
        return
    with fetched(source, limits) as got:
        yield str(got.path)


def fetch_failed(url: str, error: FetchError, lang: Lang) -> FileReport:
    """The report entry of a URL that could not be fetched (error code ``fetch-failed``)."""
    from stdschema.validation import unreadable

    return unreadable(url, error.message_in(lang), "fetch-failed")


def validate_url(
    url: str, options: Options, limits: FetchLimits | None = None
) -> tuple[FileReport, Fetched | None]:
    """Fetch and check one URL; its report names the URL. A fetch failure is the file's
    error (``fetch-failed``), never an exception. Also returns what was fetched (its copy
    is gone by then; size, validators and sha256 stay)."""
    from stdschema.io import InputError
    from stdschema.validation import unreadable, validate_file

    try:
        with fetched(url, limits) as got:
            try:
                report = validate_file(got.path, options, name=url)
            except InputError as exc:
                report = unreadable(url, exc.message_in(options.lang), exc.code)
            return report, got
    except FetchError as exc:
        return fetch_failed(url, exc, options.lang), None
