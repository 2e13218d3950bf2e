import sys
from pathlib import Path

from hypothesis import settings

# tests/ holds shared modules (strategies, harness) that the tests import by name.
sys.path.insert(0, str(Path(__file__).parent))

# Property tests draw the same examples on every run, so CI is deterministic.
settings.register_profile("deterministic", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("deterministic")
