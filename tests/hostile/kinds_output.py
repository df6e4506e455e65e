"""Hostile-corpus kinds, round 2: output (registered in :data:`tests.hostile.corpus.KINDS`).

Outputs are renamed over their targets, so anything at the target that is not a regular
file (a symlink, a device, a FIFO, a socket) would be replaced by one: ``-o /dev/null`` as
root would replace the real device. Such targets, missing folders and two outputs that
are one file (however spelt) are refused with one line, exit 2, before any work.
"""

from __future__ import annotations

import os
import socket
import stat

from tests.hostile.corpus import GOOD_CSV, Case, Ctx, Expect, kind, output_case

REFUSED = r"^stdschema: error: cannot write {name}: "


@kind("output-symlink-to-stdout")
def output_symlink_to_stdout(ctx: Ctx) -> Case:
    os.symlink("/proc/self/fd/1", ctx.dir / "fd1")
    return output_case("fd1", REFUSED.format(name="fd1") + r"it is a symbolic link")


@kind("output-symlink-to-file")
def output_symlink_to_file(ctx: Ctx) -> Case:
    # The file the link points to is an input of the case: its fingerprint must not change.
    (ctx.dir / "precious.txt").write_bytes(b"keep me\n")
    os.symlink("precious.txt", ctx.dir / "link.out")
    return output_case("link.out", REFUSED.format(name=r"link\.out") + r"it is a symbolic link")


@kind("output-dangling-symlink")
def output_dangling_symlink(ctx: Ctx) -> Case:
    os.symlink("created-through-link.txt", ctx.dir / "dangling.out")
    return output_case(
        "dangling.out", REFUSED.format(name=r"dangling\.out") + r"it is a symbolic link"
    )


@kind("output-fifo")
def output_fifo(ctx: Ctx) -> Case:
    os.mkfifo(ctx.dir / "out.pipe")
    return output_case(
        "out.pipe", REFUSED.format(name=r"out\.pipe") + r"it is not a regular file \(a FIFO\)"
    )


@kind("output-socket")
def output_socket(ctx: Ctx) -> Case:
    case = output_case(
        "out.sock", REFUSED.format(name=r"out\.sock") + r"it is not a regular file \(a socket\)"
    )
    path = str(ctx.dir / "out.sock")
    if len(path) >= 100:  # sun_path holds about 108 bytes
        case.skip = "temporary directory path too long for a UNIX socket"
        return case
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(path)
    sock.close()  # the socket file stays
    return case


@kind("output-device")
def output_device(ctx: Ctx) -> Case:
    # A twin of /dev/null (char 1:3), made here: the real one must never be the target.
    case = output_case(
        "null.out", REFUSED.format(name=r"null\.out") + r"it is not a regular file \(a device\)"
    )
    try:
        os.mknod(ctx.dir / "null.out", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        case.skip = "creating a device node needs CAP_MKNOD"
    return case


@kind("output-folder-missing")
def output_folder_missing(ctx: Ctx) -> Case:
    # validate -o used to create missing folders while convert refused them.
    return output_case(
        "nowhere/out.json", REFUSED.format(name="nowhere/out\\.json") + r"no directory nowhere$"
    )


def same_file(extra: list[str], message: str) -> Case:
    return Case(
        "good.csv",
        {"good.csv": GOOD_CSV.encode()},
        convert=Expect(2, r"^stdschema: error: " + message + r" are the same file"),
        extra=extra,
    )


@kind("rejects-is-changes")
def rejects_is_changes(ctx: Ctx) -> Case:
    return same_file(
        ["--rejects", "r.csv", "--changes", "./r.csv"], r"--rejects r\.csv and --changes r\.csv"
    )


@kind("rejects-is-output")
def rejects_is_output(ctx: Ctx) -> Case:
    # The output is OUT/out.csv beside the case directory: another spelling of it.
    return same_file(
        ["--rejects", "../out/./out.csv"], r"-o .*out\.csv and --rejects \.\./out/out\.csv"
    )


@kind("changes-is-output-absolute")
def changes_is_output(ctx: Ctx) -> Case:
    absolute = str(ctx.dir.parent / "out" / "out.csv")
    return same_file(["--changes", absolute], r"-o .*out\.csv and --changes /.*out\.csv")


@kind("changes-is-default-rejects")
def changes_is_default_rejects(ctx: Ctx) -> Case:
    return same_file(
        ["--changes", "../out/out.csv.rejects.csv"],
        r"--rejects .*out\.csv\.rejects\.csv and --changes \.\./out/out\.csv\.rejects\.csv",
    )
