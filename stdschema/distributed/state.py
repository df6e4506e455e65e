"""``--state DIR``: finished resources, so that a re-run checks only what changed.

One small JSON file a resource (named by the SHA-256 of its URL), written through a
temporary file and ``os.replace`` as soon as the resource is finished: an interrupted run
keeps everything it finished, and a half-written entry never exists. An entry holds the
URL, what identified its content (ETag, Last-Modified, SHA-256 of the bytes), the key of
the options that shaped the result, and the result itself.

A resource is unchanged, and nothing is requested of its server, when the portal stores
the file itself and lists the same modification time, size and hash as recorded
(:func:`stdschema.distributed.ckan.listing_fingerprint`). Otherwise it is unchanged when
the server's ETag equals the recorded one, or, without an ETag on either side, its
Last-Modified does; a server giving neither is fetched again and its result reused when
the content's SHA-256 is the recorded one (nothing is validated).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from stdschema.distributed.remote import Validators
from stdschema.messages import CatalogueError

STATE_VERSION = 1


class StateError(CatalogueError):
    """The state folder cannot be created, read or written (exit 2)."""


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


class State:
    """The finished resources of earlier runs in ``folder``, for one options key."""

    def __init__(self, folder: Path, options_key: str) -> None:
        self.folder = folder
        self.options_key = options_key
        try:
            (folder / "entries").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError("state.unusable", path=folder, reason=exc.strerror or exc) from None

    def _path(self, url: str) -> Path:
        return self.folder / "entries" / f"{_key(url)}.json"

    def entry(self, url: str) -> dict[str, Any] | None:
        """The recorded entry of ``url`` for these options, if any (a damaged one is none)."""
        try:
            data = json.loads(self._path(url).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (
            not isinstance(data, dict)
            or data.get("version") != STATE_VERSION
            or data.get("url") != url
            or data.get("options") != self.options_key
        ):
            return None
        return data

    def unchanged(self, url: str, found: Validators) -> dict[str, Any] | None:
        """The recorded result when the server's validators say the object is unchanged."""
        data = self.entry(url)
        if data is None:
            return None
        if found.etag is not None or data.get("etag") is not None:
            same = found.etag is not None and found.etag == data.get("etag")
        else:
            same = found.last_modified is not None and found.last_modified == data.get(
                "last_modified"
            )
        if same and found.size is not None and data.get("size") not in (None, found.size):
            same = False  # a changed length with a stale validator: the bytes changed
        return data.get("result") if same else None

    def listed_unchanged(self, url: str, listed: str | None) -> dict[str, Any] | None:
        """The recorded result when the portal lists the stored file as it did then."""
        data = self.entry(url)
        if listed is None or data is None or data.get("listed") != listed:
            return None
        result = data.get("result")
        return result if isinstance(result, dict) else None

    def same_content(self, url: str, sha256: str) -> dict[str, Any] | None:
        """The recorded result when the fetched bytes are the ones recorded."""
        data = self.entry(url)
        if data is None or data.get("sha256") != sha256:
            return None
        result = data.get("result")
        return result if isinstance(result, dict) else None

    def record(
        self,
        url: str,
        result: dict[str, Any],
        *,
        etag: str | None,
        last_modified: str | None,
        size: int | None,
        sha256: str | None,
        listed: str | None = None,
    ) -> None:
        """Write the entry of ``url`` atomically (temporary file, then ``os.replace``)."""
        entry = {
            "version": STATE_VERSION,
            "url": url,
            "options": self.options_key,
            "etag": etag,
            "last_modified": last_modified,
            "size": size,
            "sha256": sha256,
            "listed": listed,
            "result": result,
        }
        target = self._path(url)
        try:
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(entry, out, ensure_ascii=False)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temp, target)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StateError(
                "state.unusable", path=self.folder, reason=exc.strerror or exc
            ) from None
