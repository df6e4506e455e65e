"""Patterns compiled on first use (stdschema.lazyre): the same answers as re.compile, no
compile before the first use, and a clean 10-row run compiles none of the repairs' patterns."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from stdschema.lazyre import lazy

GENERATE = Path(__file__).parents[1] / "benchmarks" / "generate.py"


def test_a_pattern_is_compiled_on_first_use_only() -> None:
    broken = lazy("[unclosed")  # a compile error would surface here if compiled now
    with pytest.raises(re.error):
        broken.search("x")
    pattern = lazy(r"(?P<y>[0-9]{4})年", re.ASCII)
    assert "search" not in vars(pattern)
    assert pattern.search("令和2020年").group("y") == "2020"  # type: ignore[union-attr]
    assert "search" in vars(pattern)  # later calls go straight to the compiled method
    assert pattern.flags & re.ASCII and pattern.groupindex == {"y": 1}


@pytest.mark.parametrize("text", ["", "a1b22c333", "１２３", "x\ny", "２０２０年1月"])
def test_every_method_answers_as_the_compiled_pattern(text: str) -> None:
    source = r"[0-9０-９]+|\n"
    ours, real = lazy(source), re.compile(source)
    assert ours.findall(text) == real.findall(text)
    assert ours.sub("#", text) == real.sub("#", text)
    assert ours.subn("#", text) == real.subn("#", text)
    assert ours.split(text) == real.split(text)
    assert [m.span() for m in ours.finditer(text)] == [m.span() for m in real.finditer(text)]
    for method in ("match", "fullmatch", "search"):
        got, want = getattr(ours, method)(text), getattr(real, method)(text)
        assert (got and got.span()) == (want and want.span())
    assert ours.pattern == real.pattern and ours.groups == real.groups


def test_copies_and_pickles_work_before_and_after_first_use() -> None:
    for used in (False, True):
        pattern = lazy("[ァ-ヶ]+")
        if used:
            pattern.match("ア")
        for twin in (copy.deepcopy(pattern), pickle.loads(pickle.dumps(pattern))):
            assert twin.findall("アイ う エ") == ["アイ", "エ"]
    assert repr(lazy("x")) == "lazy('x')"


def test_a_clean_file_compiles_none_of_the_repairs_patterns(tmp_path: Path) -> None:
    """The repairs (stdschema.normalize) run only for problems: a file without any leaves
    their patterns uncompiled."""
    clean = tmp_path / "clean.csv"
    options = ["--dataset", "public_toilets@v2", "--rows", "20", "--faults", "0"]
    made = subprocess.run(
        [sys.executable, str(GENERATE), *options, "--out", str(clean)],
        capture_output=True,
        timeout=120,
    )
    assert made.returncode == 0
    code = (
        "import sys\n"
        "sys.argv = ['stdschema', 'validate', '-q', sys.argv[1]]\n"
        "from stdschema.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    from stdschema import normalize\n"
        "    from stdschema.lazyre import _Deferred\n"
        "    deferred = [v for v in vars(normalize).values() if isinstance(v, _Deferred)]\n"
        "    print(done.code, len(deferred), sum('match' in vars(v) for v in deferred))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(clean)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    status, patterns, compiled = done.stdout.split()
    assert status == "0", done.stdout  # no problem at all
    assert int(patterns) >= 20 and int(compiled) == 0, done.stdout
