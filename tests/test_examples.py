"""The worked example of the README ("Testing your integration against market-api") runs as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "integration"


def test_the_integration_example_passes(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLE),
                           "--rootdir", str(EXAMPLE), "--basetemp", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, cwd=EXAMPLE)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "2 passed" in done.stdout
