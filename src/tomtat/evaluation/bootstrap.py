"""Bootstrap confidence intervals for a mean score."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def confidence_interval(
    values: Sequence[float], n_resamples: int = 1000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values``.

    Resamples ``values`` with replacement ``n_resamples`` times (seeded, so the result is
    reproducible) and returns the ``(1 - level) / 2`` and ``(1 + level) / 2`` quantiles of
    the resampled means. Raises ``ValueError`` for no values or a level outside (0, 1).
    """
    data = np.asarray(values, dtype=float)
    if data.size == 0:
        raise ValueError("no values to bootstrap")
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must lie in (0, 1), got {level}")
    if n_resamples < 1:
        raise ValueError(f"n_resamples must be positive, got {n_resamples}")
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, data.size, size=(n_resamples, data.size))
    means = data[idx].mean(axis=1)
    alpha = (1.0 - level) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return float(low), float(high)
