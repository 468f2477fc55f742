"""Dump every field of every extraction result over JSONL documents, so two
builds can be compared byte for byte (an optimisation must not change output).

    python bench/dump_outputs.py [--no-jit] OUT.txt FILE.jsonl [FILE.jsonl ...]
    diff -q before.txt after.txt

--no-jit runs PCRE2's interpreter, which must give the same output.

Each document is extracted twice, as str (str indices, the offset mapping)
and as UTF-8 bytes (the C core's byte offsets); diagnostics are included.
"""
from __future__ import annotations

import hashlib
import json
import sys

import quoteex


def dump(ex: quoteex.Extractor, text: str | bytes) -> str:
    quotes, diags = ex.extract_with_diagnostics(text)
    return json.dumps([[q.as_dict() for q in quotes], diags], ensure_ascii=False, sort_keys=True)


def main(argv: list[str]) -> int:
    jit = "--no-jit" not in argv
    argv = [a for a in argv if a != "--no-jit"]
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    ex = quoteex.Extractor(jit=jit)
    with open(argv[1], "w", encoding="utf-8") as out:
        for path in argv[2:]:
            h = hashlib.sha256()
            n = 0
            with open(path, encoding="utf-8") as f:
                for line in f:
                    if not line.strip():
                        continue
                    doc = json.loads(line)
                    text = doc["text"].encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                    for form in (text, text.encode("utf-8")):
                        row = f"{doc.get('id')}\t{type(form).__name__}\t{dump(ex, form)}\n"
                        out.write(row)
                        h.update(row.encode("utf-8"))
                    n += 1
            print(f"{path}: {n} documents, sha256 {h.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
