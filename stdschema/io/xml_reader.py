"""Safe, streaming XML input: the stdschema dataset form and generic record XML.

Dataset form (see ``XML_FORMAT.md`` next to this module)::

    <?xml version="1.0" encoding="UTF-8"?>
    <dataset xmlns="https://stdschema.org/ns/dataset/1" id="public_toilets" edition="v2">
      <record>
        <local_government_code>222127</local_government_code>
        <id>1</id>
      </record>
    </dataset>

The namespace may be omitted.  Children of ``<record>`` are named after the
dataset model's English attribute names; ``Table.header`` lists them in
first-seen order across all records and a missing element reads as ``''``.

Safety: lxml runs with ``resolve_entities=False, no_network=True,
load_dtd=False, dtd_validation=False, huge_tree=False``; a DOCTYPE that
declares entities or names an external DTD is refused before parsing
(billion laughs, quadratic blow-up, XXE such as ``file:///etc/passwd``);
nesting is capped, files are size-limited, XInclude is never processed.

Encoding: the declaration is not trusted blindly.  A file that declares e.g.
``shift_jis`` but whose bytes are valid UTF-8 is read as UTF-8 with the note
"declares shift_jis but is UTF-8"; non-UTF-8 input is transcoded to UTF-8 by
Python's codecs (CP932 rather than plain Shift_JIS) before lxml sees it.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from stdschema.io.encoding import (
    _CP932_ODD,
    _UTF8_EVIDENCE,
    BLOCK_SIZE,
    ByteSource,
    EncodingInfo,
    PassResult,
    Source,
    TextStats,
    bom_of,
    check_magic,
    decode_pass,
    describe_failure,
    normalize_encoding,
    scan_text,
)
from stdschema.io.errors import InputError, check_file, open_binary
from stdschema.io.notes import Note
from stdschema.io.table import Record, Table

DATASET_NS = "https://stdschema.org/ns/dataset/1"
DEFAULT_MAX_XML_BYTES = 512 * 1024 * 1024
DEFAULT_MAX_XML_DEPTH = 256
_PROLOG_SCAN = 64 * 1024
_DECLARATION = re.compile(
    rb"""^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._:-]*)["']"""
)
_COMMENT_OR_PI = re.compile(r"<!--.*?-->|<\?.*?\?>", re.DOTALL)
_ROOT_START = re.compile(r"<[^!?]")
_STEP = re.compile(r"^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*|\*)$")
_UTF8_NAMES = ("utf-8", "utf-8-sig")
_MAX_NOTES = 20


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


# --------------------------------------------------------------------------- encoding


def _utf8_declared(declared: str | None, extra_bytes: int) -> EncodingInfo:
    """A file that reads as UTF-8, whatever it declares (``extra_bytes``: bytes beyond
    one a character, i.e. non-ASCII text)."""
    if declared is None:
        return EncodingInfo("utf-8")
    try:
        canonical = normalize_encoding(declared)[0]
    except InputError:
        canonical = declared.lower()
    # Pure ASCII reads the same in any ASCII-based encoding; say
    # nothing unless the declaration would actually mislead.
    if canonical not in _UTF8_NAMES and (extra_bytes > 0 or canonical.startswith("utf-16")):
        note = Note("xml_declares_but_utf8", declared=declared)
        return EncodingInfo("utf-8", note=note, declaration_mismatch=True)
    return EncodingInfo("utf-8")


def detect_xml_encoding(
    source: Source, *, override: str | None = None
) -> tuple[EncodingInfo, TextStats]:
    """Decide how to decode an XML file: BOM, then the bytes, then the declaration."""
    src = ByteSource(source)
    path = src.path
    head = src.head()
    if not head:
        raise InputError("empty-file", "the file is empty (0 bytes)", path=path)
    if override is not None or bom_of(head) is not None:
        return scan_text(src, override=override, expected="XML")
    for prefix, codec in ((b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be")):
        if head.startswith(prefix):
            res = decode_pass(src, codec, nul_check=False, expected="XML")
            if not res.ok:
                raise _undecodable(res, path, "not valid UTF-16")
            assert res.stats is not None
            return EncodingInfo(codec), res.stats
    check_magic(head, path, "XML")
    match = _DECLARATION.match(head[:1024])
    declared = match.group(1).decode("ascii") if match else None
    r8 = decode_pass(src, "utf-8", expected="XML")
    if r8.ok:
        assert r8.stats is not None
        return _utf8_declared(declared, r8.extra_bytes), r8.stats
    if declared is None:
        info, stats = scan_text(src, expected="XML")
        note = Note("xml_no_declaration", name=info.name)
        return dataclasses.replace(info, note=note), stats
    canonical = normalize_encoding(declared, path)[0]
    if canonical in _UTF8_NAMES or r8.extra_bytes >= _UTF8_EVIDENCE:
        raise _undecodable(r8, path, f"declares {declared} but is not valid UTF-8")
    res = decode_pass(
        src, canonical, reject=_CP932_ODD if canonical == "cp932" else None, expected="XML"
    )
    if not res.ok:
        raise _undecodable(res, path, f"declares {declared} but is not valid {declared}")
    assert res.stats is not None
    return EncodingInfo(canonical), res.stats


def _undecodable(res: PassResult, path: Path | None, what: str) -> InputError:
    """The error for bytes that do not decode: what was expected, then where it failed."""
    return InputError(
        "encoding-error",
        f"{what}: {describe_failure(res)}",
        path=path,
        line=res.line,
        offset=res.offset,
    )


class _Utf8Transcoder:
    """A read()-able byte stream that re-encodes another encoding as UTF-8."""

    def __init__(self, raw: BinaryIO, codec: str) -> None:
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(codec)("strict")
        self._buf = b""
        self._eof = False

    def read(self, size: int = -1) -> bytes:
        while not self._eof and (size < 0 or len(self._buf) < size):
            block = self._raw.read(BLOCK_SIZE)
            final = not block
            self._buf += self._decoder.decode(block, final).encode("utf-8")
            self._eof = final
        if size < 0:
            out, self._buf = self._buf, b""
        else:
            out, self._buf = self._buf[:size], self._buf[size:]
        return out

    def close(self) -> None:
        self._raw.close()


# --------------------------------------------------------------------------- safe parsing


def _check_prolog(path: Path, info: EncodingInfo) -> None:
    """Refuse entity declarations and external DTDs before lxml parses anything."""
    with open_binary(path) as f:
        raw = f.read(_PROLOG_SCAN)
    text = raw.decode(info.codec, "replace")
    text = _COMMENT_OR_PI.sub("", text)
    root = _ROOT_START.search(text)
    prolog = text[: root.start()] if root else text
    start = prolog.find("<!DOCTYPE")
    if start < 0:
        return
    doctype = prolog[start:]
    if "<!ENTITY" in doctype:
        raise _unsafe(path, "its DOCTYPE declares entities (<!ENTITY>), which are refused")
    external = doctype.split("[", 1)[0]
    if re.search(r"\b(SYSTEM|PUBLIC)\b", external):
        raise _unsafe(path, "its DOCTYPE names an external DTD, which is never loaded")


def _check_docinfo(root: Any, path: Path) -> None:
    # Second line of defence, from lxml's own view of the prolog.
    docinfo = root.getroottree().docinfo
    if docinfo.system_url or docinfo.public_id:
        raise _unsafe(path, "its DOCTYPE names an external DTD, which is never loaded")
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _unsafe(path, "its DOCTYPE declares entities (<!ENTITY>), which are refused")


def _unsafe(path: Path, why: str, line: int | None = None) -> InputError:
    return InputError("xml-unsafe", f"unsafe XML: {why}", path=path, line=line)


def _safe_events(
    path: Path, info: EncodingInfo, max_depth: int
) -> Generator[tuple[str, Any, int], None, None]:
    """``(event, element, depth)`` for start/end events, parsed defensively."""
    from lxml import etree  # type: ignore[import-untyped]

    _check_prolog(path, info)
    raw = open_binary(path)
    source: BinaryIO | _Utf8Transcoder = (
        raw if info.name == "utf-8" else _Utf8Transcoder(raw, info.codec)
    )
    depth = 0
    try:
        events = etree.iterparse(
            source,
            events=("start", "end"),
            encoding="UTF-8",  # the bytes lxml sees are UTF-8, whatever the declaration says
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            attribute_defaults=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
        for event, element in events:
            if event == "start":
                depth += 1
                if depth == 1:
                    _check_docinfo(element, path)
                if depth > max_depth:
                    raise _unsafe(
                        path,
                        f"elements are nested deeper than {max_depth} levels",
                        element.sourceline,
                    )
                yield event, element, depth
            else:
                yield event, element, depth
                depth -= 1
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    except UnicodeDecodeError as exc:  # only if the file changed since detection
        raise InputError(
            "encoding-error", f"not valid {info.name}: {exc.reason}", path=path
        ) from None
    except OSError as exc:
        raise InputError("read-error", f"cannot read the file: {exc}", path=path) from None
    finally:
        source.close()


def _syntax_error(exc: Any, path: Path) -> InputError:
    message = str(getattr(exc, "msg", "") or exc)
    line = getattr(exc, "lineno", None)
    lowered = message.lower()
    if "excessive depth" in lowered:
        return _unsafe(path, "elements are nested too deeply", line)
    if "entity" in lowered and ("loop" in lowered or "amplification" in lowered):
        return _unsafe(path, "entity expansion refused", line)
    where = f" on line {line:,}" if line else ""
    return InputError("xml-malformed", f"malformed XML{where}: {message}", path=path, line=line)


def _free(element: Any) -> None:
    """Drop a finished element and its already-processed siblings (flat memory)."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _check_size(path: Path, limit: int) -> None:
    size = check_file(path)
    if size > limit:
        raise InputError(
            "too-large",
            f"the XML file is {size:,} bytes, more than the limit of {limit:,}",
            path=path,
        )


# --------------------------------------------------------------------------- dataset form


class XmlTable(Table):
    """An XML file in the stdschema dataset form."""

    def __init__(
        self,
        path: Path,
        *,
        encoding: str | None = None,
        max_bytes: int = DEFAULT_MAX_XML_BYTES,
        max_depth: int = DEFAULT_MAX_XML_DEPTH,
    ) -> None:
        super().__init__(path, "xml")
        _check_size(path, max_bytes)
        info, stats = detect_xml_encoding(path, override=encoding)
        self.encoding = info
        if info.note:
            self.notes.append(info.note)
        self.line_endings = stats.line_endings
        self.line_ending_counts = stats.line_ending_counts
        self.trailing_newline = stats.trailing_newline
        self._max_depth = max_depth
        names: dict[str, None] = {}
        first_record = 0
        for line, _end, values in self._scan(collect_notes=True):
            first_record = first_record or line
            for name in values:
                names.setdefault(name, None)
        self.header = list(names)
        # No physical header line exists; the first <record> stands in for it. No
        # spreadsheet shows an XML file as rows: header_row and every Record.row stay 0,
        # and reports fall back to the line.
        self.header_line = first_record
        if not first_record:
            self.notes.append(Note("xml_no_records"))

    def _scan(self, *, collect_notes: bool) -> Iterator[tuple[int, int, dict[str, str]]]:
        ignored: dict[str, int] = {}
        duplicates = 0
        root_ns = ""
        for event, element, depth in _safe_events(self.path, self.encoding_info, self._max_depth):
            tag = element.tag
            if event == "start":
                if depth == 1:
                    root_ns = self._check_root(tag, dict(element.attrib))
                continue
            if depth != 2:
                continue
            if _local(tag) == "record" and _namespace(tag) == root_ns:
                values: dict[str, str] = {}
                end_line = element.sourceline or 0
                for child in element:
                    if not isinstance(child.tag, str):
                        continue
                    name = _local(child.tag)
                    end_line = max(end_line, child.sourceline or 0)
                    if name in values:
                        duplicates += 1
                        if collect_notes and duplicates <= _MAX_NOTES:
                            self.notes.append(
                                Note("xml_repeated_child", line=child.sourceline, name=name)
                            )
                        continue
                    text = (child.text or "") if len(child) == 0 else "".join(child.itertext())
                    values[name] = text
                yield element.sourceline or 0, end_line, values
            else:
                ignored[_local(tag)] = ignored.get(_local(tag), 0) + 1
            _free(element)
        if collect_notes and ignored:
            listing = ", ".join(f"<{n}> x{c}" for n, c in ignored.items())
            self.notes.append(Note("xml_ignored", listing=listing))

    @property
    def encoding_info(self) -> EncodingInfo:
        assert self.encoding is not None
        return self.encoding

    def _check_root(self, tag: str, attrs: dict[str, str]) -> str:
        ns = _namespace(tag)
        if _local(tag) != "dataset" or ns not in ("", DATASET_NS):
            shown = f"<{_local(tag)}>" + (f" in namespace {ns}" if ns else "")
            raise InputError(
                "xml-not-dataset",
                f"root element is {shown}, not <dataset> in the stdschema dataset form "
                f"(namespace {DATASET_NS} or none)",
                path=self.path,
            )
        dataset_id = attrs.get("id", "").strip()
        edition = attrs.get("edition", "").strip()
        if dataset_id:
            self.dataset_hint = f"{dataset_id}@{edition}" if edition else dataset_id
        return ns

    def _records(self) -> Generator[Record, None, None]:
        header = self.header
        for line, end_line, values in self._scan(collect_notes=False):
            yield Record(line, end_line, [values.get(name, "") for name in header])


# --------------------------------------------------------------------------- generic XML


Step = tuple[bool, str | None, str]  # (descendant axis?, namespace or None for any, local or '*')


def compile_record_path(xpath: str, namespaces: dict[str, str] | None = None) -> list[Step]:
    """Compile the supported XPath subset: ``/a/b``, ``//b``, ``.//b``, ``a/b``, ``p:b``, ``*``.

    Steps are element names, optionally prefixed (resolved through
    ``namespaces``); an unprefixed name matches that local name in any
    namespace.  Predicates and other axes are not supported (``ValueError``).
    """
    text = xpath.strip()
    steps: list[Step] = []
    if text.startswith("//"):
        rest, descendant = text[2:], True
    elif text.startswith("/"):
        rest, descendant = text[1:], False
    else:
        # Relative paths are evaluated from the root element, like root.xpath().
        steps.append((False, None, "*"))
        if text.startswith(".//"):
            rest, descendant = text[3:], True
        elif text.startswith("./"):
            rest, descendant = text[2:], False
        else:
            rest, descendant = text, False
    if not rest:
        raise ValueError(f"unsupported record path {xpath!r}: no element step")
    for token in rest.split("/"):
        if token == "":
            if descendant:
                raise ValueError(f"unsupported record path {xpath!r}")
            descendant = True
            continue
        match = _STEP.match(token)
        if match is None:
            raise ValueError(
                f"unsupported record path {xpath!r}: step {token!r} (only element names, "
                "prefix:name and * are supported)"
            )
        prefix, local = match.groups()
        ns: str | None = None
        if prefix is not None:
            if not namespaces or prefix not in namespaces:
                raise ValueError(f"record path {xpath!r}: unknown namespace prefix {prefix!r}")
            ns = namespaces[prefix]
        steps.append((descendant, ns, local))
        descendant = False
    if descendant:
        raise ValueError(f"unsupported record path {xpath!r}: ends with '//'")
    return steps


def _path_matches(steps: list[Step], stack: list[tuple[str, str]]) -> bool:
    states = {0}  # how many elements of ``stack`` have been consumed
    for descendant, ns, local in steps:
        following: set[int] = set()
        for j in states:
            candidates = range(j, len(stack)) if descendant else range(j, min(j + 1, len(stack)))
            for k in candidates:
                el_ns, el_local = stack[k]
                if (ns is None or ns == el_ns) and local in ("*", el_local):
                    following.add(k + 1)
        if not following:
            return False
        states = following
    return len(stack) in states


def _flatten(element: Any) -> dict[str, str]:
    """Attributes as ``@name``, leaf descendants as ``a/b``, repeats as ``a/b[2]``."""
    out: dict[str, str] = {}

    def put(key: str, value: str) -> None:
        if key in out:
            n = 2
            while f"{key}[{n}]" in out:
                n += 1
            key = f"{key}[{n}]"
        out[key] = value

    def walk(node: Any, prefix: str) -> None:
        for name, value in node.attrib.items():
            put(f"{prefix}@{_local(name)}", value)
        children = [c for c in node if isinstance(c.tag, str)]
        if not children:
            if prefix:
                put(prefix.rstrip("/"), node.text or "")
            else:
                put(".", node.text or "")
            return
        for child in children:
            walk(child, f"{prefix}{_local(child.tag)}/")

    walk(element, "")
    return out


class XmlRecordIterator:
    """Iterator of ``(line, fields)`` from ``iter_xml_records``; see ``encoding``/``notes``."""

    def __init__(
        self,
        path: str | Path,
        record_xpath: str,
        namespaces: dict[str, str] | None = None,
        *,
        encoding: str | None = None,
        max_bytes: int = DEFAULT_MAX_XML_BYTES,
        max_depth: int = DEFAULT_MAX_XML_DEPTH,
    ) -> None:
        self.path = Path(path)
        try:
            self._steps = compile_record_path(record_xpath, namespaces)
        except ValueError as exc:
            # The path comes from the user (a mapping or --record-xpath): bad input, not a bug.
            raise InputError.catalogued(
                "bad-record-path", "input.bad_record_path", path=self.path, reason=str(exc)
            ) from None
        _check_size(self.path, max_bytes)
        self.encoding, stats = detect_xml_encoding(self.path, override=encoding)
        self.line_endings = stats.line_endings
        self.notes: list[str] = [self.encoding.note] if self.encoding.note else []
        self._gen = self._run(max_depth)

    def _run(self, max_depth: int) -> Generator[tuple[int, dict[str, str]], None, None]:
        stack: list[tuple[str, str]] = []
        record_depth = 0
        for event, element, depth in _safe_events(self.path, self.encoding, max_depth):
            if event == "start":
                stack.append((_namespace(element.tag), _local(element.tag)))
                if not record_depth and _path_matches(self._steps, stack):
                    record_depth = depth
                continue
            stack.pop()
            if record_depth == depth:
                record_depth = 0
                yield element.sourceline or 0, _flatten(element)
            if not record_depth:
                _free(element)

    def __iter__(self) -> XmlRecordIterator:
        return self

    def __next__(self) -> tuple[int, dict[str, str]]:
        return next(self._gen)

    def close(self) -> None:
        self._gen.close()

    def __enter__(self) -> XmlRecordIterator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def iter_xml_records(
    path: str | Path,
    record_xpath: str,
    namespaces: dict[str, str] | None = None,
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_XML_BYTES,
    max_depth: int = DEFAULT_MAX_XML_DEPTH,
) -> XmlRecordIterator:
    """Stream records of any XML file, safely.

    ``record_xpath`` selects record elements (a small XPath subset, see
    ``compile_record_path``).  Each item is ``(line, fields)``: the source line
    of the record element and a dict of its attributes (``@id``), leaf
    descendants by relative path of local names (``Field/ColID``; repeats get
    ``[2]``, ``[3]``...), and ``.`` for the text of a leaf record.  Encoding
    problems and notes ("declares shift_jis but is UTF-8") are available as
    ``.encoding`` / ``.notes`` on the returned iterator before iterating.
    """
    return XmlRecordIterator(
        path, record_xpath, namespaces, encoding=encoding, max_bytes=max_bytes, max_depth=max_depth
    )
