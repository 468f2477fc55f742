"""Build quoteex: the Python package with libquote compiled into its extension.

    pip install .                       # needs a C compiler, pkg-config and PCRE2 (libpcre2-dev)
    python setup.py build_ext --inplace

libquote is compiled into quoteex._quoteex, so no installed libquote is needed.
PCRE2 is found with pkg-config at build time, not at import of this file, so
sdist and metadata steps work on machines without PCRE2.
"""
import re
import shlex
import subprocess
from glob import glob
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HEADER = Path("libquote/include/quoteex.h")
PCRE2_PC = "libpcre2-8"
PCRE2_HINT = (
    "quoteex needs PCRE2 (8-bit, >= 10.36) and pkg-config to build. Install them with\n"
    "  Debian/Ubuntu: sudo apt-get install pkg-config libpcre2-dev\n"
    "  Fedora/RHEL:   sudo dnf install pkgconf-pkg-config pcre2-devel\n"
    "  macOS:         brew install pkg-config pcre2\n"
    "or set PKG_CONFIG_PATH to the directory holding libpcre2-8.pc."
)


def read_version():
    m = re.search(r'^#define\s+QX_VERSION_STRING\s+"([^"]+)"', HEADER.read_text(encoding="utf-8"), re.M)
    if not m:
        raise SystemExit(f"setup.py: no QX_VERSION_STRING in {HEADER}")
    return m.group(1)


def pkgconfig(package):
    """Compiler and linker settings for package, as Extension attributes."""
    try:
        out = subprocess.run(["pkg-config", "--cflags", "--libs", package],
                             check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        raise SystemExit(f"setup.py: pkg-config was not found.\n{PCRE2_HINT}") from None
    except subprocess.CalledProcessError as exc:
        detail = exc.stderr.strip() or f"pkg-config could not find {package}"
        raise SystemExit(f"setup.py: {detail}\n{PCRE2_HINT}") from None
    found = {"include_dirs": [], "library_dirs": [], "libraries": [], "define_macros": [],
             "extra_compile_args": [], "extra_link_args": []}
    for flag in shlex.split(out):
        kind, value = flag[:2], flag[2:]
        if kind == "-I":
            found["include_dirs"].append(value)
        elif kind == "-L":
            found["library_dirs"].append(value)
        elif kind == "-l":
            found["libraries"].append(value)
        elif kind == "-D":
            name, _, val = value.partition("=")
            found["define_macros"].append((name, val or None))
        else:
            found["extra_link_args" if flag.startswith("-Wl") else "extra_compile_args"].append(flag)
    return found


class BuildExt(build_ext):
    """Adds PCRE2 (via pkg-config) and the compiler flags only when compiling."""

    def build_extensions(self):
        pcre2 = pkgconfig(PCRE2_PC)
        unix = self.compiler.compiler_type == "unix"
        for ext in self.extensions:
            for key, values in pcre2.items():
                getattr(ext, key).extend(values)
            if unix:
                # hidden: the qx_* symbols compiled in must not leak out of the .so
                ext.extra_compile_args += ["-std=c11", "-fvisibility=hidden", "-Wall"]
        super().build_extensions()


sources = sorted(glob("libquote/src/*.c"))
if not sources:
    raise SystemExit("setup.py: libquote/src/*.c not found; run setup.py from the repository root")

setup(
    name="quoteex",
    version=read_version(),
    description="Extract quotes and their speakers from news text (libquote + PCRE2)",
    long_description=(Path("README.md").read_text(encoding="utf-8")
                      if Path("README.md").exists() else ""),
    long_description_content_type="text/markdown",
    python_requires=">=3.10",
    packages=["quoteex"],
    package_dir={"quoteex": "bindings/python/quoteex"},
    package_data={"quoteex": ["py.typed", "*.pyi"]},
    ext_modules=[
        Extension(
            "quoteex._quoteex",
            sources=["bindings/python/_quoteex.c", *sources],
            depends=[str(HEADER), *sorted(glob("libquote/src/*.h")), *sorted(glob("libquote/data/*"))],
            include_dirs=["libquote/include", "libquote/src"],
            define_macros=[("QX_STATIC", "1")],
        )
    ],
    cmdclass={"build_ext": BuildExt},
    extras_require={
        "pandas": ["pandas>=1.3"],
        "spark": ["pyspark>=3.5", "pandas>=2.0", "pyarrow>=14"],
        "dask": ["dask[dataframe]>=2024.1", "pyarrow>=14"],
        "notebook": ["pandas>=1.3", "ipykernel", "nbclient", "nbformat"],
        "test": ["pytest"],
    },
    entry_points={"console_scripts": ["quoteex = quoteex.cli:main"]},
    classifiers=[
        "Programming Language :: C",
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: Implementation :: CPython",
        "Topic :: Text Processing :: Linguistic",
        "Typing :: Typed",
    ],
    zip_safe=False,
)
