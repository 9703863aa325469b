"""The word tables shipped in `reconcile/data/`, read once per process."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML was built with it


@cache
def load_data(name: str) -> Any:
    """One table file of `reconcile/data/`, parsed with the safe loader (libyaml: read on every run)."""
    with resources.files("reconcile.data").joinpath(name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)
