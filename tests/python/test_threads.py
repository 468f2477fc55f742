"""One Extractor shared by many threads gives the serial results."""
import threading

import quoteex
from samples import LONG, NON_ASCII, SIMPLE


def test_threads_match_serial():
    ex = quoteex.Extractor()
    inputs = [LONG, NON_ASCII, SIMPLE, LONG.encode(), NON_ASCII.encode()]
    expected = [ex.extract(t) for t in inputs]
    failures = []

    def work(seed):
        for i in range(40):
            k = (seed + i) % len(inputs)
            if ex.extract(inputs[k]) != expected[k]:
                failures.append((seed, i))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
    assert any(expected)


def test_extract_and_extract_many_concurrently_match_serial():
    """Threads calling extract and extract_many (itself on 2 threads) at once
    on one Extractor, and the module-level extract_many, all give the serial
    records."""
    ex = quoteex.Extractor()
    inputs = [LONG, NON_ASCII, SIMPLE, "", LONG.encode(), NON_ASCII.encode()]
    expected = [ex.extract(t) for t in inputs]
    failures = []

    def single(seed):
        for i in range(20):
            k = (seed + i) % len(inputs)
            if ex.extract(inputs[k]) != expected[k]:
                failures.append(("extract", seed, i))

    def batch(seed):
        for i in range(5):
            if ex.extract_many(inputs, threads=2) != expected:
                failures.append(("Extractor.extract_many", seed, i))
            if quoteex.extract_many(inputs, threads=2) != expected:
                failures.append(("quoteex.extract_many", seed, i))

    threads = [threading.Thread(target=single if n % 2 else batch, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures
