"""Every function of the public C header carries its own doc comment, and
the header states its ownership, threads and error conventions."""
import re
from pathlib import Path

HEADER = Path(__file__).resolve().parents[2] / "libquote" / "include" / "quoteex.h"


def declarations(text):
    """(name, comment before it) for each QX_API function declaration."""
    out = []
    for m in re.finditer(r"^QX_API [^;(]*?\b(qx_\w+)\s*\(", text, re.M):
        before = text[:m.start()].rstrip()
        comment = ""
        if before.endswith("*/"):
            comment = before[before.rfind("/*"):]
        out.append((m.group(1), comment))
    return out


def test_every_function_is_documented():
    text = HEADER.read_text(encoding="utf-8")
    decls = declarations(text)
    assert len(decls) >= 30
    missing = [name for name, comment in decls if len(comment) < 30]
    assert not missing, f"functions without a doc comment right before them: {missing}"


def test_conventions_are_stated():
    text = HEADER.read_text(encoding="utf-8")
    for word in ("Ownership", "Threads", "Errors", "Owns", "*_free(NULL) is a no-op"):
        assert word in text, word
    # allocating functions say who frees the result
    for name, comment in declarations(text):
        if name.endswith("_new") or name == "qx_extract":
            assert "Owns" in comment and "free" in comment, name
            assert "Threads" in comment and "Errors" in comment, name
