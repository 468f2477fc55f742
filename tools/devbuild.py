"""Import the quoteex of this checkout, freshly built, for the tools that
measure it (calibrate.py, verify_eval.py).

The lead changes rules and C code while those tools run, so they must never
measure a stale installed package: this regenerates builtin_data.c from
libquote/data, builds the extension into build/py-dev (incremental: only
changed sources recompile) and puts it first on sys.path.
"""
from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "py-dev"


def load_quoteex(use_installed: bool = False) -> ModuleType:
    """The quoteex package: this checkout's build, or the installed one when asked."""
    if not use_installed:
        subprocess.run([sys.executable, str(ROOT / "tools" / "embed_data.py")], check=True)
        subprocess.run([sys.executable, "setup.py", "-q", "build", "--build-base", str(BUILD)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        libs = sorted(BUILD.glob("lib*"), key=lambda p: p.stat().st_mtime)
        if not libs:
            raise SystemExit(f"no build output under {BUILD}")
        sys.path.insert(0, str(libs[-1]))
    module = importlib.import_module("quoteex")
    print(f"quoteex {module.__version__} from {Path(module.__file__).parent}", file=sys.stderr)
    return module
