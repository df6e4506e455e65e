"""Encoding detection for municipal text files.

The cascade is: byte-order mark (UTF-8, UTF-32 LE/BE, UTF-16 LE/BE) → strict UTF-8 over the
whole file → CP932 → EUC-JP → ``InputError('encoding-error')``.  Every attempt
streams the file in 1 MiB blocks through an incremental decoder, so memory
stays flat and an invalid byte far into the file is still found.  The same
pass counts line endings, which the CSV reader reports.

CP932 (Microsoft's Shift_JIS) is used instead of plain ``shift_jis`` because
municipal files routinely contain NEC/IBM extension characters (①, ㈱, 髙)
that ``shift_jis`` rejects.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from stdschema.io.errors import InputError, check_file, open_binary
from stdschema.io.notes import Note

if TYPE_CHECKING:
    import polars as pl

BLOCK_SIZE = 1 << 20

# A file that decodes as UTF-8 this far (bytes beyond one per character) before
# failing is UTF-8 with a damaged byte: CP932/EUC-JP text breaks UTF-8 rules
# within its first few non-ASCII characters, so falling back would only
# produce mojibake.
_UTF8_EVIDENCE = 32

# Python's cp932 maps the unused single bytes 0x80, 0xA0, 0xFD-0xFF to these
# code points; real CP932 text never contains them, binary junk often does.
_CP932_ODD = "\x80\uf8f0\uf8f1\uf8f2\uf8f3"
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive (an .xlsx file?)"),
    (b"PK\x05\x06", "a ZIP archive (an .xlsx file?)"),
    (b"%PDF-", "a PDF document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Excel .xls (OLE2) file"),
    (b"\x1f\x8b", "a gzip archive"),
)

_SJIS_ALIASES = frozenset(
    {
        "shift_jis",
        "shift-jis",
        "shiftjis",
        "sjis",
        "s_jis",
        "s-jis",
        "x-sjis",
        "csshiftjis",
        "windows-31j",
        "windows_31j",
        "cswindows31j",
        "ms932",
        "ms_kanji",
        "mskanji",
        "cp932",
        "932",
    }
)

# Text codecs that are not file encodings: they fail on ordinary bytes with errors
# other than UnicodeDecodeError, decode nothing at all, or read backslash escapes
# (``\ud800`` would become a lone surrogate no output can hold).
_NOT_FILE_ENCODINGS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"}
)
# A decoder that yields a lone surrogate (UTF-7 can) did not produce text.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Strict decoders that never yield one (the search costs a pass over the text).
_NO_SURROGATES = frozenset(
    {"utf-8", "cp932", "euc_jp", "shift_jis", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"}
)
# Codecs in which the bytes 0x0D and 0x0A are always CR and LF (never part of another
# character), so line ends are counted on the bytes, without a pass over the text.
_ASCII_LINE_ENDS = frozenset({"utf-8", "cp932", "euc_jp", "shift_jis"})
# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
_WIDE = ("utf-16", "utf-32")  # encodings whose text is full of NUL bytes

Source = str | os.PathLike[str] | bytes


@dataclass(frozen=True, slots=True)
class EncodingInfo:
    """How a file's bytes are decoded.

    ``name`` is a Python codec name as reported to users: ``'utf-8'``,
    ``'utf-8-sig'`` (UTF-8 with BOM), ``'utf-16'`` or ``'utf-32'`` (with BOM), ``'cp932'``,
    ``'euc-jp'``, or an explicitly requested encoding. ``note`` explains the choice
    in English; ``declaration_mismatch`` says the file's own declaration (an XML
    ``encoding=``) names another encoding than its bytes have, which is the
    publisher's to fix.
    """

    name: str
    bom: bool = False
    note: str | None = None
    declaration_mismatch: bool = False

    @property
    def codec(self) -> str:
        """Codec for ``open(..., encoding=...)``; it also drops a BOM if present."""
        return self.name


@dataclass(frozen=True, slots=True)
class TextStats:
    """Facts gathered while validating the encoding."""

    size: int
    crlf: int
    lf: int
    cr: int
    trailing_newline: bool

    @property
    def line_endings(self) -> str:
        """``'CRLF'``, ``'LF'``, ``'CR'``, ``'mixed'`` or ``'none'``."""
        return classify_line_endings(self.line_ending_counts)

    @property
    def line_ending_counts(self) -> dict[str, int]:
        return {"CRLF": self.crlf, "LF": self.lf, "CR": self.cr}


def classify_line_endings(counts: dict[str, int]) -> str:
    """``'CRLF'``, ``'LF'``, ``'CR'``, ``'mixed'`` or ``'none'`` from per-kind counts."""
    kinds = [kind for kind, n in counts.items() if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


class EolCounter:
    """Counts CRLF / LF / CR line ends over text fed in arbitrary chunks."""

    __slots__ = ("cr", "crlf", "last_is_newline", "lf", "pending_cr")

    def __init__(self) -> None:
        self.crlf = 0
        self.lf = 0
        self.cr = 0
        self.pending_cr = False
        self.last_is_newline = False

    def copy(self) -> EolCounter:
        other = EolCounter()
        other.crlf, other.lf, other.cr = self.crlf, self.lf, self.cr
        other.pending_cr, other.last_is_newline = self.pending_cr, self.last_is_newline
        return other

    def feed(self, text: str) -> None:
        if not text:
            return
        if self.pending_cr:
            # A CR at the end of the previous chunk pairs with a LF here.
            self.pending_cr = False
            if text[0] == "\n":
                self.crlf += 1
                text = text[1:]
                self.last_is_newline = True
                if not text:
                    return
            else:
                self.cr += 1
        crlf = text.count("\r\n")
        cr = text.count("\r") - crlf
        lf = text.count("\n") - crlf
        if text[-1] == "\r":
            self.pending_cr = True
            cr -= 1
        self.crlf += crlf
        self.cr += cr
        self.lf += lf
        self.last_is_newline = text[-1] in "\r\n"

    def feed_bytes(self, data: bytes) -> None:
        """:meth:`feed` on the bytes of a codec in :data:`_ASCII_LINE_ENDS`."""
        if not data:
            return
        if self.pending_cr:
            self.pending_cr = False
            if data[:1] == b"\n":
                self.crlf += 1
                data = data[1:]
                self.last_is_newline = True
                if not data:
                    return
            else:
                self.cr += 1
        lf = data.count(b"\n")
        crlf = cr = 0
        if b"\r" in data:  # most files have no CR: one fast membership test first
            crlf = data.count(b"\r\n")
            cr = data.count(b"\r") - crlf
        lf -= crlf
        if data[-1:] == b"\r":
            self.pending_cr = True
            cr -= 1
        self.crlf += crlf
        self.cr += cr
        self.lf += lf
        self.last_is_newline = data[-1:] in (b"\r", b"\n")

    @property
    def breaks(self) -> int:
        """Line breaks seen so far (a dangling CR counts)."""
        return self.crlf + self.lf + self.cr + (1 if self.pending_cr else 0)

    def finish(self, size: int) -> TextStats:
        cr = self.cr + (1 if self.pending_cr else 0)
        return TextStats(size, self.crlf, self.lf, cr, self.last_is_newline)


class ByteSource:
    """A path or an in-memory ``bytes`` object read in blocks."""

    def __init__(self, source: Source) -> None:
        if isinstance(source, bytes | bytearray | memoryview):
            self._data: bytes | None = bytes(source)
            self.path: Path | None = None
            self.size = len(self._data)
        else:
            self._data = None
            self.path = Path(source)
            self.size = check_file(self.path)

    def blocks(self, start: int = 0, size: int = BLOCK_SIZE) -> Iterator[bytes]:
        if self._data is not None:
            for i in range(start, len(self._data), size):
                yield self._data[i : i + size]
            return
        assert self.path is not None
        with open_binary(self.path) as f:
            f.seek(start)
            while block := f.read(size):
                yield block

    def head(self, size: int = BLOCK_SIZE) -> bytes:
        return next(self.blocks(0, size), b"")


@dataclass(slots=True)
class PassResult:
    """Outcome of decoding a whole source with one codec."""

    ok: bool
    stats: TextStats | None = None
    offset: int = 0
    line: int = 0
    bad: bytes = b""
    extra_bytes: int = 0
    halfwidth_kana: int = 0


def _hex(data: bytes) -> str:
    return " ".join(f"0x{b:02X}" for b in data[:4])


def describe_failure(res: PassResult) -> str:
    return f"byte {_hex(res.bad)} at offset {res.offset:,} (line {res.line:,})"


def binary_error(path: Path | None, what: str, expected: str) -> InputError:
    return InputError("binary-file", f"looks like {what}, not {expected}", path=path)


def check_magic(head: bytes, path: Path | None, expected: str) -> None:
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise binary_error(path, what, expected)


def _nul_error(path: Path | None, block: bytes, offset: int, expected: str) -> InputError:
    sample = block[:4096]
    # ASCII text in UTF-16 without a BOM has a NUL in every other byte.
    if sample.count(b"\x00") * 3 >= len(sample):
        what = "binary data or UTF-16 text without a byte-order mark"
    else:
        what = "binary data"
    return InputError(
        "binary-file",
        f"contains a NUL byte at offset {offset:,}: looks like {what}, not {expected}",
        path=path,
        offset=offset,
    )


def _failure(
    codec: str,
    eol: EolCounter,
    start: int,
    chars: int,
    data: bytes,
    bad: tuple[int, int],
    base: int,
) -> PassResult:
    """The result of a pass that failed at ``bad`` (a slice of ``data``, which begins at
    absolute offset ``base`` and is valid up to the slice), after ``chars`` characters."""
    bad_start, bad_end = bad
    prefix = codecs.decode(data[:bad_start], codec, "replace")
    counter = eol.copy()
    counter.feed(prefix)
    offset = base + bad_start
    return PassResult(
        ok=False,
        offset=offset,
        line=counter.breaks + 1,
        bad=data[bad_start : max(bad_end, bad_start + 1)],
        extra_bytes=(offset - start) - (chars + len(prefix)),
    )


def overturns_cp932(text: str) -> bool:
    """Whether ``text`` (decoded as CP932) holds a character that could overturn a CP932
    decision made by elimination (see :class:`Deferred`): one of :data:`_CP932_ODD`, or a
    half-width katakana."""
    return _first_rejected(text, _CP932_ODD) >= 0 or _HALFWIDTH_KANA.search(text) is not None


def cp932_doubt(lines: pl.Expr) -> pl.Expr:
    """True when a line of ``lines`` (UTF-8 text decoded from CP932) may hold what
    :func:`overturns_cp932` looks for (a superset; the whole-file scan decides).

    Byte searches, which run at memory speed where a regex character class over
    Japanese text does not. From CP932 only these UTF-8 sequences can come: U+0080
    (C2 80), U+F8F0-F8F3 (EF A3 B0-B3), half-width katakana U+FF61-FF7F (EF BD A1-BF)
    and U+FF80-FF9F (EF BE 80-9F). EF BD also starts full-width letters and the wave
    dash: only the lines with it go through the class.
    """
    import polars as pl

    raw = lines.cast(pl.Binary)
    seen = pl.any_horizontal(
        raw.bin.contains(b"\xc2\x80"), raw.bin.contains(b"\xef\xa3"), raw.bin.contains(b"\xef\xbe")
    ).any()
    kana = lines.filter(raw.bin.contains(b"\xef\xbd")).str.contains("[\uff61-\uff7f]").any()
    return seen | kana


def _first_rejected(text: str, reject: str) -> int:
    """Where a character of ``reject`` first stands in ``text``, or -1."""
    # A substring search a character is an order of magnitude faster than a regex class.
    found = [i for c in reject if (i := text.find(c)) >= 0]
    return min(found, default=-1)


def decode_pass(
    src: ByteSource,
    codec: str,
    *,
    start: int = 0,
    nul_check: bool = True,
    reject: str | None = None,
    count_kana: bool = False,
    expected: str = "text",
) -> PassResult:
    """Strictly decode ``src`` from ``start`` with ``codec`` in flat memory."""
    dec = codecs.getincrementaldecoder(codec)("strict")
    eol = EolCounter()
    pos = start  # absolute offset of the next block
    chars = 0
    kana = 0

    def fail(data: bytes, bad_start: int, bad_end: int, base: int) -> PassResult:
        return _failure(codec, eol, start, chars, data, (bad_start, bad_end), base)

    name = codecs.lookup(codec).name
    surrogates = name not in _NO_SURROGATES
    byte_eols = name in _ASCII_LINE_ENDS
    for block in src.blocks(start):
        if nul_check and (i := block.find(b"\x00")) >= 0:
            raise _nul_error(src.path, block, pos + i, expected)
        pending = dec.getstate()[0]
        try:
            text = dec.decode(block)
        except UnicodeDecodeError as exc:
            return fail(exc.object, exc.start, exc.end, pos - len(pending))
        except UnicodeError:
            # Some decoders fail without a position (utf-16 when the bytes do not start
            # with a BOM, e.g. a file that only declares UTF-16): blame the block.
            return fail(pending + block, 0, 1, pos - len(pending))
        odd = _SURROGATE.search(text) if surrogates else None
        at = odd.start() if odd is not None else -1
        if at < 0 and reject is not None:
            at = _first_rejected(text, reject)
        if at >= 0:
            data = pending + block
            nbytes = len(text[:at].encode(codec, "surrogatepass"))
            return fail(data, nbytes, nbytes + 1, pos - len(pending))
        if count_kana:
            kana += len(_HALFWIDTH_KANA.findall(text))
        if byte_eols:
            eol.feed_bytes(block)
        else:
            eol.feed(text)
        chars += len(text)
        pos += len(block)
    pending = dec.getstate()[0]
    try:
        dec.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        return fail(exc.object, exc.start, exc.end, pos - len(pending))
    except UnicodeError:
        return fail(pending, 0, 1, pos - len(pending))
    return PassResult(
        ok=True,
        stats=eol.finish(src.size),
        extra_bytes=(pos - start) - chars,
        halfwidth_kana=kana,
    )


def bom_of(head: bytes) -> tuple[str, str, int] | None:
    """``(reported name, stream codec, BOM length)`` for a leading byte-order mark."""
    for mark, name, codec in _BOMS:
        if head.startswith(mark):
            return name, codec, len(mark)
    return None


def normalize_encoding(name: str, path: Path | None = None) -> tuple[str, str | None]:
    """Map a user/declared encoding name to a Python codec name and a note."""
    key = name.strip().lower()
    if key in _SJIS_ALIASES:
        if key == "cp932":
            return "cp932", None
        return "cp932", Note("sjis_alias", name=name)
    try:
        info = codecs.lookup(key)
    except (LookupError, ValueError):  # ValueError: a NUL in the name (from a mapping)
        raise InputError("unknown-encoding", f"unknown encoding {name!r}", path=path) from None
    # The name may come from the file (an XML declaration): codecs that are not text
    # encodings (zlib, base64, rot13, ...) or cannot decode a file strictly must not run.
    if not info._is_text_encoding or info.name in _NOT_FILE_ENCODINGS:
        raise InputError.catalogued(
            "unknown-encoding", "input.not_text_encoding", path=path, name=name
        )
    return info.name.replace("_", "-"), None


def scan_text(
    source: Source | ByteSource, *, override: str | None = None, expected: str = "text"
) -> tuple[EncodingInfo, TextStats]:
    """Detect (or verify) the encoding of ``source`` and count its line endings."""
    src = source if isinstance(source, ByteSource) else ByteSource(source)
    path = src.path
    head = src.head()
    if not head:
        raise InputError("empty-file", "the file is empty (0 bytes)", path=path)
    bom = bom_of(head)
    if bom is not None and src.size == bom[2]:
        raise InputError(
            "empty-file", "the file is empty (it holds only a byte-order mark)", path=path
        )
    if bom is None:
        check_magic(head, path, expected)
    if override is not None:
        return _scan_as(src, override, bom, expected)
    if bom is not None:
        return _scan_bom(src, bom, expected)
    return _scan_cascade(src, expected)


HEAD_BYTES = 1 << 20
"""How much of a file :func:`scan_head` decodes."""


@dataclass(frozen=True, slots=True)
class Deferred:
    """The encoding of a large file decided from its head; the rest is checked by its reader.

    ``codec`` decodes from byte ``start`` (after a BOM). ``watch``: the decision was
    CP932 by elimination, which a character :data:`_CP932_ODD` rejects or a half-width
    katakana (EUC-JP's tell) in the rest could overturn; the reader then runs the full
    scan (:func:`scan_text`) and stops if it names another encoding.
    """

    info: EncodingInfo
    codec: str
    start: int
    watch: bool
    head: TextStats


def scan_head(
    source: Source | ByteSource, *, override: str | None = None, min_size: int = HEAD_BYTES
) -> Deferred | None:
    """The encoding :func:`scan_text` would give, decided from the file's head alone.

    Only where nothing past the head can change the answer but an error (which the
    reader reports by running the full scan, so the message is the same): UTF-8 with
    enough multi-byte evidence (or a UTF-8 BOM, or the name given), CP932 when UTF-8
    fails early and the head is plain CP932 (see :class:`Deferred`). None for files
    smaller than ``min_size``, a head with a NUL byte or a lone CR, and anything else
    (then the full scan runs).
    """
    src = source if isinstance(source, ByteSource) else ByteSource(source)
    if src.size < min_size:
        return None
    head = src.head(HEAD_BYTES)
    if b"\x00" in head or head.count(b"\r") != head.count(b"\r\n") + head.endswith(b"\r"):
        return None
    bom = bom_of(head)
    if bom is not None and bom[0] != "utf-8-sig":
        return None
    if bom is None and any(head.startswith(magic) for magic, _ in _MAGIC):
        return None
    start = 3 if bom is not None else 0
    if override is not None:
        try:
            name, note = normalize_encoding(override, src.path)
        except InputError:
            return None
        if note is not None or name not in ("utf-8", "utf-8-sig", "cp932"):
            return None
        if name == "cp932" and bom is not None:
            return None
        if _head_chars(head[start:], "utf-8" if name != "cp932" else "cp932") is None:
            return None
        info = EncodingInfo("utf-8-sig" if bom is not None else name, bom=bom is not None)
        return Deferred(info, "cp932" if name == "cp932" else "utf-8", start, False, _stats(head))
    if bom is not None:
        if _head_chars(head[start:], "utf-8") is None:
            return None
        return Deferred(EncodingInfo("utf-8-sig", bom=True), "utf-8", start, False, _stats(head))
    chars = _head_chars(head, "utf-8")
    if chars is not None:
        if len(head) - chars < _UTF8_EVIDENCE:
            return None
        return Deferred(EncodingInfo("utf-8"), "utf-8", 0, False, _stats(head))
    text = _head_text(head, "cp932")
    if text is None or overturns_cp932(text):
        return None
    # Where UTF-8 failed, it must have failed early (the cascade's evidence rule).
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start - len(head[: exc.start].decode("utf-8")) >= _UTF8_EVIDENCE:
            return None
    return Deferred(EncodingInfo("cp932"), "cp932", 0, True, _stats(head))


def _head_text(head: bytes, codec: str) -> str | None:
    """``head`` decoded strictly, a character cut at its end allowed; None if it fails."""
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(head)
    except UnicodeError:
        return None


def _head_chars(head: bytes, codec: str) -> int | None:
    text = _head_text(head, codec)
    return None if text is None else len(text)


def _stats(head: bytes) -> TextStats:
    eol = EolCounter()
    eol.feed_bytes(head)
    return eol.finish(len(head))


def _encoding_error(src: ByteSource, message: str, res: PassResult) -> InputError:
    return InputError("encoding-error", message, path=src.path, line=res.line, offset=res.offset)


def _scan_as(
    src: ByteSource, override: str, bom: tuple[str, str, int] | None, expected: str
) -> tuple[EncodingInfo, TextStats]:
    """The file read strictly as the encoding the user named."""
    wide = bom is not None and bom[0] in _WIDE
    name, note = normalize_encoding(override, src.path)
    start, codec = 0, name
    if bom is not None and name in ("utf-8", "utf-8-sig") and bom[0] == "utf-8-sig":
        name, start, codec = "utf-8-sig", 3, "utf-8"
    elif bom is not None and wide and name.startswith(bom[0]):
        name, start, codec = bom[0], bom[2], bom[1]
    res = decode_pass(
        src, codec, start=start, nul_check=not name.startswith(_WIDE), expected=expected
    )
    if not res.ok:
        raise _encoding_error(src, f"does not decode as {override}: {describe_failure(res)}", res)
    assert res.stats is not None
    return EncodingInfo(name, bom=start > 0, note=note), res.stats


def _scan_bom(
    src: ByteSource, bom: tuple[str, str, int], expected: str
) -> tuple[EncodingInfo, TextStats]:
    """A file with a byte-order mark: its encoding, or an error."""
    name, codec, start = bom
    wide = name in _WIDE
    res = decode_pass(src, codec, start=start, nul_check=not wide, expected=expected)
    if not res.ok:
        label = "UTF-8" if name == "utf-8-sig" else name.upper()
        raise _encoding_error(
            src,
            f"starts with a {label} byte-order mark but is not valid {label}: "
            f"{describe_failure(res)}",
            res,
        )
    assert res.stats is not None
    return EncodingInfo(name, bom=True), res.stats


def _scan_cascade(src: ByteSource, expected: str) -> tuple[EncodingInfo, TextStats]:
    """No BOM and no name: UTF-8, then CP932, then EUC-JP."""
    r8 = decode_pass(src, "utf-8", expected=expected)
    if r8.ok:
        assert r8.stats is not None
        return EncodingInfo("utf-8"), r8.stats
    if r8.extra_bytes >= _UTF8_EVIDENCE:
        raise _encoding_error(
            src,
            f"invalid UTF-8: {describe_failure(r8)}; the text before it is UTF-8, "
            "so the file is probably damaged there",
            r8,
        )
    rc = decode_pass(src, "cp932", reject=_CP932_ODD, count_kana=True, expected=expected)
    if rc.ok:
        assert rc.stats is not None
        if rc.halfwidth_kana:
            # EUC-JP kana and kanji often also decode as CP932 half-width katakana.
            re_ = decode_pass(src, "euc-jp", count_kana=True, expected=expected)
            if re_.ok and re_.halfwidth_kana < rc.halfwidth_kana:
                assert re_.stats is not None
                return EncodingInfo("euc-jp", note=Note("euc_over_cp932")), re_.stats
        return EncodingInfo("cp932"), rc.stats
    rj = decode_pass(src, "euc-jp", expected=expected)
    if rj.ok:
        assert rj.stats is not None
        return EncodingInfo("euc-jp"), rj.stats
    best_name, best = max(
        (("UTF-8", r8), ("CP932", rc), ("EUC-JP", rj)), key=lambda item: item[1].offset
    )
    raise _encoding_error(
        src,
        f"cannot decode as UTF-8, CP932 or EUC-JP; it reads furthest as {best_name}, "
        f"which fails at {describe_failure(best)}; re-save it as UTF-8 or name its encoding",
        best,
    )


def detect_encoding(path_or_bytes: Source, *, override: str | None = None) -> EncodingInfo:
    """Detect the encoding of a text file (or bytes); see the module docstring.

    With ``override`` the named encoding is used strictly: the whole input must
    decode with it.  Raises ``InputError`` ('empty-file', 'binary-file',
    'encoding-error', 'unknown-encoding', 'file-not-found', ...).
    """
    return scan_text(path_or_bytes, override=override)[0]
