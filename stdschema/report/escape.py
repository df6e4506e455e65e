"""Untrusted text (cells, headers, file names) made safe for each place it is shown.

Every string that comes from an input file or its name passes through one function of this
module before it reaches a terminal, a CI log, a report or a generated mapping:

- :func:`path_text`: a file name as valid Unicode (each byte that was not UTF-8 as ``\\xff``);
- :func:`terminal` / :func:`one_line`: text for a terminal or a log (controls, bidi
  overrides, zero-width and line-separator characters as visible escapes);
- :func:`log_line`: a finished output line that no CI runner reads as a workflow command;
- :func:`shorten`: a long value cut for human formats, saying how long it was;
- :func:`markdown`: GitHub-flavoured Markdown (no HTML, links, images, autolinks or tables);
- :func:`html` / :func:`html_visible` / :func:`html_json`: an HTML page's text, attributes
  and the JSON data block its script reads;
- :func:`github_data` / :func:`github_property`: GitHub Actions workflow commands;
- :func:`json_document` / :func:`xml_text` / :func:`xml_document`: JSON and XML that are
  valid, valid UTF-8, and safe to print;
- :func:`yaml_scalar` / :func:`yaml_comment`: YAML that loads back to the exact string.

Escapes look like Python's: ``\\x1b``, ``\\u202e``, ``\\U000e0041``. A backslash that was in
the text is shown as it is, so an escape can be ambiguous to a reader, never to a terminal.
"""

from __future__ import annotations

import os
import re

from stdschema.lazyre import lazy
from stdschema.messages import Lang, t

__all__ = [
    "UNSAFE",
    "csv_text",
    "github_data",
    "github_property",
    "has_surrogate",
    "html",
    "html_json",
    "html_visible",
    "json_document",
    "log_line",
    "markdown",
    "neutralise_formula",
    "one_line",
    "path_text",
    "shorten",
    "terminal",
    "xml_document",
    "xml_text",
    "yaml_comment",
    "yaml_scalar",
]

# Characters never shown as they are: Unicode categories Cc (controls, C1 included), Cf
# (format: bidi overrides and isolates, zero-width space/joiners, word joiner, BOM, tags),
# Cs (surrogates: bytes of a file name that were not UTF-8), Zl and Zp (line and paragraph
# separators, which some viewers break lines at), and the noncharacters U+FFFE/U+FFFF.
# Written out rather than built from unicodedata at import time (which takes ~0.3 s);
# tests/test_render.py checks it against unicodedata.
_UNSAFE_BMP_PAST_C0 = (
    "\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\ufffe\uffff"
)
_UNSAFE_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE_PAST_C0 = _UNSAFE_BMP_PAST_C0 + _UNSAFE_ASTRAL
UNSAFE = lazy(f"[\x00-\x1f{_UNSAFE_PAST_C0}]")
# UNSAFE without tabs and line breaks (\x09, \x0a, \x0d): those of a document's layout stay.
# One class, not a lookahead before UNSAFE: the lookahead at every position made a 1.3 MB
# JSON report's escaping take twice as long.
_LAYOUT_KEPT = lazy(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_UNSAFE_PAST_C0}]")
# Its characters up to U+FFFF: re tests a character against the class's ranges past U+FFFF
# one by one, which made searching a 1.3 MB report three times as slow; most documents have
# no character past U+FFFF at all (see _layout_kept).
_LAYOUT_KEPT_BMP = lazy(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_UNSAFE_BMP_PAST_C0}]")
_ASTRAL_LEADS = (b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")  # UTF-8 of U+10000 and up
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Surrogate escapes (PEP 383) stand for the bytes 0x80-0xff of a name that was not UTF-8.
_BYTE_SURROGATES = range(0xDC80, 0xDD00)

# Values longer than this are cut in human formats (text, Markdown, GitHub, JUnit).
SHORT_LIMIT = 100
# A message quotes values and headers; past this it is cut too, whatever it quotes.
MESSAGE_LIMIT = 4 * SHORT_LIMIT
# Machine formats (JSON, SARIF, CSV) keep values whole up to this many characters.
MACHINE_LIMIT = 10_000


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code in _BYTE_SURROGATES:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


_SURROGATES = lazy("[\ud800-\udfff]")


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a surrogate, which no UTF-8 output can carry."""
    return _SURROGATES.search(text) is not None


def path_text(path: str | os.PathLike[str]) -> str:
    """``path`` as valid Unicode: each byte that was not UTF-8 (a surrogate escape) as ``\\xff``.

    Only surrogates change: the format the path is written in escapes the rest.
    """
    return _SURROGATES.sub(_escape, os.fspath(path))


def terminal(text: object) -> str:
    """``text`` safe for a terminal or a log: every character of :data:`UNSAFE` as an escape."""
    return UNSAFE.sub(_escape, str(text))


def one_line(text: object) -> str:
    """``text`` as one safe line: whitespace runs become one space, then :func:`terminal`."""
    return terminal(" ".join(str(text).split()))


# GitHub Actions runs a log line as a workflow command when, after leading blanks, it starts
# with "::"; Azure Pipelines when it starts with "##vso[". A file name, or a cell that a
# terminal wraps onto the start of a line, must not.
_COMMAND_START = lazy(r"^(\s*)(::|##)")


def _defuse(match: re.Match[str]) -> str:
    blanks, start = match.groups()
    return blanks + ("\\x3a:" if start == "::" else "\\x23#")


def log_line(line: str) -> str:
    """``line`` (already :func:`terminal`-safe) that no CI runner reads as a command: a
    leading '::' or '##' has its first character escaped."""
    return _COMMAND_START.sub(_defuse, line)


def shorten(text: str, lang: Lang, limit: int = SHORT_LIMIT) -> str:
    """``text`` cut to its first ``limit`` characters and a note of its length, when longer."""
    if len(text) <= limit:
        return text
    return text[:limit] + t("text.shortened", lang, n=f"{len(text):,}")


# --- Markdown -----------------------------------------------------------------------------

# What GitHub turns into a link without any Markdown syntax (extended autolinks), preceded by
# anything but a letter or digit. Such a run is shown as code, where nothing is a link.
_AUTOLINK = lazy(r"(?<![0-9A-Za-z])(?:(?:https?|ftp)://|www\.)[^\s`|\\<>]*", re.IGNORECASE)
# Backslash escapes for every ASCII punctuation character that Markdown, GitHub's tables,
# strikethrough and math give a meaning; '&', '<' and '>' become entities (no HTML at all).
# Parentheses stay: with every bracket escaped they cannot end a link or an image.
# An underscore between two letters or digits cannot start emphasis: it stays as it is, so
# names like komae_132195_aed.csv read as they are in the Markdown source too.
_MD_SPECIAL = lazy(r"[\\`*\[\]#!|~$]|(?<![^\W_])_|_(?![^\W_])")
_MD_BREAK = lazy(r"\r\n|\r|\n")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_HTML = lazy("[&<>]")


def _md_plain(text: str) -> str:
    text = _MD_SPECIAL.sub(lambda m: "\\" + m.group(), text)
    return _MD_HTML.sub(lambda m: _MD_ENTITIES[m.group()], text)


def markdown(text: object) -> str:
    """``text`` for GitHub-flavoured Markdown, in a table cell or in prose, shown literally.

    Controls and invisible characters are escaped (:func:`terminal`), so the cell stays on
    one line (line breaks become ``<br>``); HTML is shown as text; link, image, emphasis,
    table and math syntax is escaped; and what GitHub would autolink (``https://…``,
    ``www.…``) is shown as code.
    """
    return "<br>".join(_md_line(line) for line in _MD_BREAK.split(str(text)))


def _md_line(text: str) -> str:
    safe = terminal(text)
    out: list[str] = []
    last = 0
    for match in _AUTOLINK.finditer(safe):
        out.append(_md_plain(safe[last : match.start()]))
        out.append(f"`{match.group()}`")
        last = match.end()
    out.append(_md_plain(safe[last:]))
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------

_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_HTML_SPECIAL = lazy("[&<>\"']")
# Inside <script type="application/json"> only "</script" (or "<!--") could end the block;
# with every '<', '>' and '&' as a JSON escape nothing in the data is markup.
_SCRIPT_SPECIAL = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}
_SCRIPT_PATTERN = lazy("[<>&]")


def html_visible(text: object) -> str:
    """``text`` as a page shows it: like :func:`terminal`, but tabs and line breaks (which a
    cell shows as it has them) stay. No markup is escaped: see :func:`html`."""
    return _LAYOUT_KEPT.sub(_escape, str(text))


def html(text: object) -> str:
    """``text`` for HTML element content or a quoted attribute value: :func:`html_visible`,
    then ``& < > " '`` as character references, so it is never markup."""
    return _HTML_SPECIAL.sub(lambda m: _HTML_ENTITIES[m.group()], html_visible(text))


def html_json(document: str) -> str:
    """A JSON document (``json.dumps(..., ensure_ascii=False)``) safe as the content of a
    ``<script type="application/json">`` block: :func:`json_document`, and ``< > &`` as
    ``\\u003c``-style escapes, so no value can close the block or open a comment. The data
    reads back the same with ``JSON.parse``."""
    return _SCRIPT_PATTERN.sub(lambda m: _SCRIPT_SPECIAL[m.group()], json_document(document))


# --- CSV --------------------------------------------------------------------------------


def csv_text(text: str) -> str:
    """A CSV report cell: like :func:`terminal`, but tabs and line feeds, which CSV quoting
    carries and spreadsheets show, stay (formula neutralisation is the writer's). A carriage
    return is escaped: raw, it would move a terminal's cursor over the line printed so far,
    and the report's own line ends are CRLF."""
    return _CSV_UNSAFE.sub(_escape, text)


_CSV_UNSAFE = lazy(f"[\x00-\x08\x0b-\x1f{_UNSAFE_PAST_C0}]")  # tabs, line feeds kept

# A spreadsheet runs a cell starting with one of these as a formula (some also after a
# leading TAB or CR): OWASP "CSV injection".
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A number a spreadsheet reads as such (it runs nothing); [0-9], not \d: \d also matches
# full-width digits, which spreadsheets do not read as numbers.
PLAIN_NUMBER = lazy(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def neutralise_formula(cell: str) -> str:
    """``cell`` prefixed with ``'`` when a spreadsheet would run it as a formula, so that it
    shows as text; a plain number such as ``-12.5``, ``+81`` or ``1e5`` runs nothing and stays
    a number. This is the CSV report's rule, for a file people open: stricter than
    ``convert --excel-safe`` (:mod:`stdschema.conversion.excel_safe`), it also prefixes the
    placeholder ``-`` and a cell starting with TAB or CR."""
    if cell.startswith(_FORMULA_START) and not PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


# --- GitHub workflow commands -------------------------------------------------------------


def github_data(text: object) -> str:
    """The message of a workflow command: '%', CR and LF percent-encoded as the runner expects,
    every other unsafe character as an escape, so one command stays one line."""
    encoded = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(encoded)


def github_property(text: object) -> str:
    """A property value (``file=``, ``title=``): :func:`github_data` plus ':' and ','."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- JSON and XML documents ---------------------------------------------------------------


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON spells characters past the BMP
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_document(text: str) -> str:
    """A JSON document (from ``json.dumps(..., ensure_ascii=False)``) with every unsafe
    character as a ``\\uXXXX`` escape: the same data, valid UTF-8 (a lone surrogate becomes
    ``\\udcff``), and nothing a terminal obeys when it is printed. Outside strings JSON is
    ASCII, so every such character is inside a string (json.dumps escaped the line breaks and
    tabs inside strings; those outside are layout)."""
    return _layout_kept(text).sub(_json_escape, text)


def _layout_kept(text: str) -> re.Pattern[str]:
    """:data:`_LAYOUT_KEPT`, or the same class without the characters ``text`` cannot hold
    (a long text without characters past U+FFFF: a byte search of its UTF-8 tells)."""
    if len(text) < 4096:
        return _LAYOUT_KEPT
    data = text.encode("utf-8", "surrogatepass")
    return _LAYOUT_KEPT if any(lead in data for lead in _ASTRAL_LEADS) else _LAYOUT_KEPT_BMP


# Characters XML 1.0 cannot carry at all, not even as character references.
_XML_ILLEGAL = lazy("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_reference(match: re.Match[str]) -> str:
    return f"&#x{ord(match.group()):X};"


def xml_document(text: str) -> str:
    """A serialised XML document with every unsafe character that XML can carry as a
    character reference (``&#x202E;``): the same data, nothing a terminal obeys. Run after
    :func:`xml_text`, which replaced what XML cannot carry; tabs and line breaks stay."""
    return _layout_kept(text).sub(_xml_reference, text)


def xml_text(text: object) -> str:
    """``text`` that XML 1.0 can carry (the serializer escapes markup); the rest as escapes."""
    return _XML_ILLEGAL.sub(_escape, str(text))


# --- YAML ---------------------------------------------------------------------------------

_YAML_PLAIN = lazy(r"[^\W_][\w()（）・、。ー\-.@]*")
_YAML_QUOTED = lazy('["\\\\\x00-\x1f' + _UNSAFE_PAST_C0 + "]")  # a quote, a backslash, UNSAFE


def _yaml_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in ('"', "\\"):
        return "\\" + char
    code = ord(char)
    # YAML has \xNN, \uNNNN and \UNNNNNNNN; a surrogate is written as \u, which PyYAML reads
    # back as the same lone surrogate (the exact header of a file read with surrogateescape).
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back the same, else double-quoted with
    escapes for every unsafe character, so the file loads and names the exact string."""
    import yaml

    if _YAML_PLAIN.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    return '"' + _YAML_QUOTED.sub(_yaml_escape, text) + '"'


def yaml_comment(text: object) -> str:
    """``text`` for a YAML comment: one line (:func:`one_line`), so nothing in it is data."""
    return one_line(text)
