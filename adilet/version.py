"""The installed tool's version (the CLI's --version and every run's metadata)."""

from __future__ import annotations

from importlib import metadata


def tool_version() -> str:
    try:
        return metadata.version("adilet-tables")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout that was never installed
        return "unknown"
