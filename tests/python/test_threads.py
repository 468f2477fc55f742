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
