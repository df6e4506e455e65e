"""What the benchmark scripts record of the machine a run was measured on."""

from __future__ import annotations

import os
import platform
from typing import Any


def package_version(name: str) -> str | None:
    """The installed version of ``name``, None when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def machine_facts(load: tuple[Any, Any], packages: tuple[str, ...]) -> dict[str, Any]:
    """CPUs, Python, platform, the versions of ``packages`` and the load average before
    and after the run (``load``: two ``os.getloadavg()`` results or None)."""
    return {
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        **{name: package_version(name) for name in packages},
        "load_average_before": list(load[0]) if load[0] else None,
        "load_average_after": list(load[1]) if load[1] else None,
    }
