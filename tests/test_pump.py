"""The reading process of the fast engine (stdschema.io.pump): the same frames as reading
here, every byte once even when the process stops early, and reading here when it cannot
start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.io import InputError, pump
from stdschema.io._pump_child import LEADS

REAL = Path(__file__).parent / "data" / "real"


def _file(tmp_path: Path, encoding: str) -> Path:
    """Records with quotes, a lone CR, rare spaces and half-width kana, a few MB long."""
    rows = []
    for i in range(40_000):
        name = f"駅前トイレ{i}"
        if i % 997 == 0:
            name = f'"引用, {i}"'
        if i % 1499 == 0 and encoding == "utf-8":
            name += "\u00a0"  # NO-BREAK SPACE (first byte 0xC2; not in CP932)
        if i % 2003 == 0:
            name += "ｴｷ"  # half-width katakana
        rows.append(f"222127,{i:08d},{name},34.86,138.32")
    text = "コード,ID,名称,緯度,経度\r\n" + "\r\n".join(rows) + "\r\nlast,\rline"
    path = tmp_path / f"f-{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    return path


def _here(path: Path, codec: str, size: int) -> list[pump.Frame]:
    saved = pump.PUMP_MIN_BYTES
    pump.PUMP_MIN_BYTES = 1 << 62
    try:
        return list(pump.frames(path, 0, codec, size))
    finally:
        pump.PUMP_MIN_BYTES = saved


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_the_process_gives_the_frames_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    path = _file(tmp_path, encoding)
    started = []
    real_start = pump._start

    def start(*args: object) -> subprocess.Popen[bytes] | None:
        started.append(args)
        return real_start(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pump, "PUMP_MIN_BYTES", 0)
    monkeypatch.setattr(pump, "_start", start)
    piped = list(pump.frames(path, 0, encoding, 100_000))
    assert len(started) == 1
    here = _here(path, encoding, 100_000)
    assert piped == here
    assert len(here) > 10
    text = path.read_bytes().decode(encoding)
    assert b"".join(f.data for f in here) == text.encode("utf-8")
    assert here[-1].eof and not any(f.eof for f in here[:-1])
    assert all(f.data.endswith(b"\n") for f in here[:-1])
    assert [f.newlines for f in here] == [f.data.count(b"\n") for f in here]
    assert any(f.quote for f in here) and not all(f.quote for f in here)
    assert here[-1].lone_cr and not any(f.lone_cr for f in here[:-1])
    leads = {0xC2, 0xEF} if encoding == "utf-8" else {0xEF}
    assert any(pump.rare_leads(f.leads) == leads for f in here)
    assert all(pump.rare_leads(f.leads) <= set(LEADS) for f in here)


@pytest.mark.parametrize("encoding", ["utf-8", "cp932"])
def test_records_longer_than_a_read_come_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    """A record several reads long is read on until its line feed (the read buffer
    grows), every frame ends a record, and the frames are the file's bytes in order."""
    rows = [f"{i},{'駅' * (3000 if i % 7 == 0 else i % 40)},z" for i in range(400)]
    path = tmp_path / f"long-{encoding}.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    monkeypatch.setattr(pump, "PUMP_MIN_BYTES", 0)
    for size in (1_000, 4_096):
        piped = list(pump.frames(path, 0, encoding, size))
        here = _here(path, encoding, size)
        assert piped == here
        text = path.read_bytes().decode(encoding)
        assert b"".join(f.data for f in here) == text.encode("utf-8")
        assert all(f.data.endswith(b"\r\n") for f in here if f.data)
        assert sum(f.newlines for f in here) == len(rows)
        assert any(len(f.data) > size for f in here)  # read on past one read


def test_a_process_that_stops_early_is_read_on_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process's output cut mid-frame (a crash): the frames after the last whole one
    are read here, from where it ended, so every byte comes once."""
    path = _file(tmp_path, "cp932")
    real_start = pump._start

    def cut(*args: object) -> subprocess.Popen[bytes] | None:
        proc = real_start(*args)  # type: ignore[arg-type]
        assert proc is not None and proc.stdout is not None
        # A real process whose output ends after 250,000 bytes: head -c in Python.
        head = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sys; sys.stdout.buffer.write(sys.stdin.buffer.read(250000))",
            ],
            stdin=proc.stdout,
            stdout=subprocess.PIPE,
        )
        proc.stdout.close()
        return head

    monkeypatch.setattr(pump, "PUMP_MIN_BYTES", 0)
    monkeypatch.setattr(pump, "_start", cut)
    piped = list(pump.frames(path, 0, "cp932", 100_000))
    here = _here(path, "cp932", 100_000)
    assert b"".join(f.data for f in piped) == b"".join(f.data for f in here)
    ends = [f.end for f in piped]
    assert ends == sorted(set(ends)) and ends[-1] == path.stat().st_size
    assert len(piped) != len(here) or ends != [f.end for f in here]  # it did read on here


def test_a_process_that_cannot_start_means_reading_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "utf-8")
    monkeypatch.setattr(pump, "PUMP_MIN_BYTES", 0)
    monkeypatch.setattr(pump.sys, "executable", str(tmp_path / "no-such-python"))
    assert list(pump.frames(path, 0, "utf-8", 100_000)) == _here(path, "utf-8", 100_000)


def test_an_undecodable_byte_ends_the_frames_where_reading_here_ends_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, "cp932")
    data = bytearray(path.read_bytes())
    mid = data.index(b"222127", len(data) // 2)
    data[mid : mid + 2] = b"\x81\x7f"  # a lead byte and a byte no character continues with
    path.write_bytes(bytes(data))
    monkeypatch.setattr(pump, "PUMP_MIN_BYTES", 0)
    piped = list(pump.frames(path, 0, "cp932", 100_000))
    assert piped == _here(path, "cp932", 100_000)
    assert piped[-1].bad and len(piped) > 3


def _children() -> list[int]:
    """This process's live child processes (Linux /proc)."""
    me = str(__import__("os").getpid())
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("bad", [b"\x81\x7f", b"\x00\x00"], ids=["undecodable", "nul"])
def test_no_reading_process_outlives_a_validation_that_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: bytes
) -> None:
    """A bad byte deep in a large CP932 file ends the validation with the scan's error
    (a NUL while the process reads on); the reading process ends with it."""
    from stdschema.checks import fast
    from stdschema.validation import Options, validate_file

    monkeypatch.setattr(pump, "PUMP_MIN_BYTES", 0)
    monkeypatch.setattr(fast, "BLOCK_BYTES", 64 * 1024)
    header = "全国地方公共団体コード,ID,地方公共団体名,名称,緯度,経度\r\n"
    rows = "".join(f"222127,{i},静岡県焼津市,トイレ{i},34.86,138.32\r\n" for i in range(60_000))
    data = bytearray((header + rows).encode("cp932"))
    mid = data.index(b"222127", len(data) // 2)
    data[mid : mid + 2] = bad
    path = tmp_path / "222127_public_toilet.csv"
    path.write_bytes(bytes(data))
    before = set(_children())
    with pytest.raises(InputError, match=r"line 30,|offset 1,"):
        validate_file(path, Options(lang="en", engine="fast", dataset="public_toilets@v2"))
    assert set(_children()) <= before
