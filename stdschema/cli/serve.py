"""``stdschema serve``: the local web workbench (needs the ``stdschema[web]`` extra)."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import typer

from stdschema.cli.common import LangName, LangOption, fail, h, resolve_lang
from stdschema.messages import t


def _loopback(host: str) -> bool:
    """Whether only this computer can reach ``host`` (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help=h("serve.host")),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help=h("serve.port")),
    open_browser: bool = typer.Option(False, "--open", help=h("serve.open")),
    max_upload_mb: float = typer.Option(100.0, "--max-upload-mb", help=h("serve.max_upload_mb")),
    idle_minutes: float = typer.Option(30.0, "--idle-minutes", help=h("serve.idle_minutes")),
    lang: LangName | None = LangOption,
) -> None:
    """Start the local web workbench; Ctrl+C stops it and removes every uploaded file."""
    language = resolve_lang(lang)
    for option, value in (("--max-upload-mb", max_upload_mb), ("--idle-minutes", idle_minutes)):
        if not value > 0:
            fail(t("web.serve.bad_number", language, option=option, value=value), lang=language)
    import socket

    import uvicorn

    from stdschema.web.app import WebSettings, create_app

    # The port is taken here, before the app is built, so that a busy port is one line
    # (uvicorn would log a traceback-like error and exit 1).
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        if sys.platform != "win32":  # on Windows it would let two servers share a port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        # Listening now: a browser opened by --open before uvicorn runs waits in the queue.
        sock.listen(128)
    except OSError as exc:
        fail(
            t("web.serve.port_busy", language, port=port, reason=exc.strerror or exc), lang=language
        )
    root = Path(tempfile.mkdtemp(prefix="stdschema-web-"))
    try:
        settings = WebSettings(
            root=root,
            max_upload=int(max_upload_mb * 1024 * 1024),
            idle_timeout=idle_minutes * 60,
            lang=language,
            host=host,
        )
        app = create_app(settings)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{sock.getsockname()[1]}/"
        if not _loopback(host):
            sys.stderr.write(f"stdschema: {t('web.serve.public_host', language, host=host)}\n")
        typer.echo(t("web.serve.url", language, url=url))
        sys.stdout.flush()
        if open_browser:
            import webbrowser

            webbrowser.open(url)
        config = uvicorn.Config(app, log_level="warning", access_log=False)
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
        shutil.rmtree(root, ignore_errors=True)
