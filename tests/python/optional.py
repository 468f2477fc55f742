"""Optional heavy dependencies (pandas, PySpark, Dask, nbclient, Chromium).

On a dev machine a test that needs one which is absent is skipped, with the
reason. CI (.ci/run) installs them all and sets QX_REQUIRE_ALL=1, and then an
absent dependency fails the test instead: CI must never skip them silently.
"""
import importlib
import os
import shutil

import pytest

REQUIRE_ALL = os.environ.get("QX_REQUIRE_ALL") == "1"


def need_module(name):
    """Import and return module name, or skip (fail under QX_REQUIRE_ALL=1)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        if REQUIRE_ALL:
            pytest.fail(f"QX_REQUIRE_ALL=1 but {name} cannot be imported: {exc}")
        pytest.skip(f"{name} is not installed ({exc}); .ci/run installs it")


def need_program(*names):
    """The path of the first program of names on PATH, or skip (fail under
    QX_REQUIRE_ALL=1)."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    if REQUIRE_ALL:
        pytest.fail(f"QX_REQUIRE_ALL=1 but none of {names} is on PATH")
    pytest.skip(f"none of {names} is on PATH; .ci/run installs it")


def need_java():
    """Skip (or fail under QX_REQUIRE_ALL=1) unless a Java runtime for PySpark exists."""
    if os.environ.get("JAVA_HOME") and os.path.exists(os.path.join(os.environ["JAVA_HOME"], "bin", "java")):
        return
    need_program("java")
