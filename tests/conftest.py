import sys
from pathlib import Path

# tests/ holds shared modules (strategies, harness) that the tests import by name.
sys.path.insert(0, str(Path(__file__).parent))
