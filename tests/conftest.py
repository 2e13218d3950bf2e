import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

# tests/ holds shared modules (strategies, harness) that the tests import by name.
sys.path.insert(0, str(Path(__file__).parent))

# Property tests draw the same examples on every run, so CI is deterministic. No time limits:
# a busy machine makes drawing examples slow, which says nothing about the code under test.
settings.register_profile(
    "deterministic",
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("deterministic")
