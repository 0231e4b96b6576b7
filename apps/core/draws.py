"""Reproducible random draws: a recorded seed and the recorded candidates give the same result again.

Every draw the portal makes at random (an expert panel, the titles a check round samples) goes through
``sample_per_group`` with a seed from ``new_seed`` and stores both, so anyone can re-run it and see the same names.
"""

import random
import secrets
from collections.abc import Callable, Mapping


def new_seed() -> str:
    """A fresh seed to record with a draw (16 hex digits)."""
    return secrets.token_hex(8)


def sample_per_group(groups: Mapping[str, list[int]], seed: str,
                     size: int | Callable[[str, int], int]) -> dict[str, list[int]]:
    """Draw from each group (keys in sorted order, ids sorted) with one generator seeded by ``seed``.

    ``size``: how many to draw from every group, or a function of (group key, group size); never more than the
    group holds. A pure function of its arguments, so a stored draw re-runs to the same result.
    """
    rng = random.Random(seed)
    drawn = {}
    for key, ids in sorted(groups.items()):
        wanted = size(key, len(ids)) if callable(size) else size
        drawn[key] = rng.sample(sorted(ids), max(0, min(wanted, len(ids))))
    return drawn
