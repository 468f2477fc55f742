"""The stubs of the native module match it (mypy.stubtest), and the package,
the scale examples and the render tool type-check under mypy --strict
(configured in pyproject.toml)."""
import subprocess
import sys
from pathlib import Path

from optional import need_module

ROOT = Path(__file__).resolve().parents[2]


def test_stubtest_native_module(tmp_path):
    need_module("mypy")
    # from a neutral directory, so the installed package is what is checked
    res = subprocess.run([sys.executable, "-m", "mypy.stubtest", "quoteex._quoteex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Success" in res.stdout


def test_mypy_strict():
    need_module("mypy")
    res = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", "/dev/null"], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
