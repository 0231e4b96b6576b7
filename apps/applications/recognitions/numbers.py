"""Certificate numbers as people type them (``141000-2025-0001``)."""

import re

from apps.core.text import hyphens_normalise


def certificate_number_normalise(raw: str) -> str:
    """Full-width characters and any hyphen-like dash (－ — – ‐) made plain, spaces removed, upper case."""
    return re.sub(r"\s+", "", hyphens_normalise(raw or "")).upper()
