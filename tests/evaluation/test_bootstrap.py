"""Bootstrap confidence interval of a mean."""

from __future__ import annotations

import numpy as np
import pytest

from tomtat.evaluation import confidence_interval

VALUES = [0.31, 0.42, 0.28, 0.55, 0.36, 0.40, 0.33, 0.47, 0.29, 0.38]


def test_interval_brackets_the_mean() -> None:
    low, high = confidence_interval(VALUES)
    assert low < float(np.mean(VALUES)) < high
    assert min(VALUES) < low and high < max(VALUES)


def test_same_seed_same_interval_other_seed_differs() -> None:
    assert confidence_interval(VALUES, seed=7) == confidence_interval(VALUES, seed=7)
    assert confidence_interval(VALUES, seed=7) != confidence_interval(VALUES, seed=8)


def test_higher_level_gives_wider_interval() -> None:
    low90, high90 = confidence_interval(VALUES, level=0.90)
    low99, high99 = confidence_interval(VALUES, level=0.99)
    assert low99 <= low90 and high90 <= high99
    assert high99 - low99 > high90 - low90


def test_constant_values_give_a_point() -> None:
    assert confidence_interval([0.25] * 20) == pytest.approx((0.25, 0.25))


def test_width_shrinks_with_more_data() -> None:
    rng = np.random.default_rng(1)
    small = rng.normal(0.35, 0.1, size=20)
    large = rng.normal(0.35, 0.1, size=2000)
    low_s, high_s = confidence_interval(small)
    low_l, high_l = confidence_interval(large)
    assert high_l - low_l < (high_s - low_s) / 3


@pytest.mark.parametrize("kwargs", [{"level": 0.0}, {"level": 1.0}, {"n_resamples": 0}])
def test_bad_arguments_raise(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        confidence_interval(VALUES, **kwargs)


def test_no_values_raise() -> None:
    with pytest.raises(ValueError):
        confidence_interval([])
