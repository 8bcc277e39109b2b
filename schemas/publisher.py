"""A publisher's datapackage.yaml -> validated package metadata (title, description, licences, ...).

The publisher writes the file once, outside the output folder; every run merges it into the
datapackage.json it writes, so edits survive reruns. Unknown keys and wrong shapes are errors that
name the file and the key: a typo must not silently drop a licence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# key -> the type its value must have (Frictionless Data Package properties a publisher sets)
PACKAGE_KEYS: dict[str, type] = {
    "name": str,
    "title": str,
    "description": str,
    "homepage": str,
    "version": str,
    "image": str,
    "keywords": list,
    "licenses": list,
    "sources": list,
    "contributors": list,
    "resources": dict,  # dataset name -> {"title": ..., "description": ...}
}
RESOURCE_KEYS = ("title", "description")
REQUIRES_ONE_OF = {"licenses": ("name", "path"), "sources": ("title",), "contributors": ("title",)}


class PublisherMetadataError(ValueError):
    """datapackage.yaml cannot be used; the message names the file and the key."""


def load_publisher_metadata(path: Path, datasets: tuple[str, ...] = ()) -> dict[str, Any]:
    """The file's metadata, checked. ``datasets``: the names a ``resources`` entry may use."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PublisherMetadataError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise PublisherMetadataError(f"{path}: not valid YAML: {str(exc).splitlines()[0]}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PublisherMetadataError(f"{path}: expected a mapping of package properties, got {type(data).__name__}")
    for key, value in data.items():
        if key not in PACKAGE_KEYS:
            raise PublisherMetadataError(f"{path}: unknown key {key!r}; allowed: {', '.join(PACKAGE_KEYS)}")
        if not isinstance(value, PACKAGE_KEYS[key]):
            want = PACKAGE_KEYS[key].__name__
            raise PublisherMetadataError(f"{path}: {key}: expected a {want}, got {type(value).__name__}")
    if any(not isinstance(k, str) for k in data.get("keywords", [])):
        raise PublisherMetadataError(f"{path}: keywords: every entry must be a string")
    for key, needed in REQUIRES_ONE_OF.items():
        for i, entry in enumerate(data.get(key, []), 1):
            if not isinstance(entry, dict) or not any(isinstance(entry.get(n), str) for n in needed):
                raise PublisherMetadataError(f"{path}: {key} entry {i}: a mapping with {' or '.join(needed)} is required")
    for name, res in data.get("resources", {}).items():
        if datasets and name not in datasets:
            raise PublisherMetadataError(f"{path}: resources: unknown dataset {name!r}; known: {', '.join(datasets)}")
        if not isinstance(res, dict) or set(res) - set(RESOURCE_KEYS):
            raise PublisherMetadataError(f"{path}: resources: {name}: only {', '.join(RESOURCE_KEYS)} may be set")
    return data
