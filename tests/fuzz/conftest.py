"""Hypothesis profiles: ``ci`` (default, minutes at most) and ``long`` (the documented run).

    HYPOTHESIS_PROFILE=long python -m pytest tests/fuzz -q -p no:randomly

``long`` multiplies every test's example count by ``LONG_FACTOR`` (test_fuzz.py). Hypothesis'
own deadline is off in both: each example's time is bounded by the tests themselves.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

COMMON = {
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "derandomize": False,
    "print_blob": True,
}
settings.register_profile("ci", max_examples=1, deadline=None, **COMMON)
settings.register_profile("long", max_examples=1, deadline=None, **COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
