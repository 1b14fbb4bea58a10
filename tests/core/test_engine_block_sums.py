"""aggregate._block_sums, rewritten to allocate less at a million rows (issue 15), gives what the earlier
version gave on random blocks: the same scopes, keys, totals and countable amounts in the same order."""
from __future__ import annotations

import numpy as np

from core.concentration import lookthrough as _lt
from core.concentration.aggregate import _block_sums


def _earlier(key, vocab, weight, member, nmembers, countable, eliminated):
    K = max(len(vocab), 1)
    idx = member * K + key
    m_tot = _lt.exact_sum_by(idx, weight, nmembers * K)
    g_tot = m_tot.reshape(nmembers, K).sum(axis=0)
    if eliminated.any():
        g_tot = g_tot - _lt.exact_sum_by(key[eliminated], weight[eliminated], K)
    exempt = ~countable
    if exempt.any():
        m_cnt = m_tot - _lt.exact_sum_by(idx[exempt], weight[exempt], nmembers * K)
        ge = exempt & ~eliminated
        g_cnt = g_tot - _lt.exact_sum_by(key[ge], weight[ge], K) if ge.any() else g_tot
    else:
        m_cnt, g_cnt = m_tot, g_tot
    tot = np.concatenate([g_tot, m_tot])
    cnt = tot if (m_cnt is m_tot and g_cnt is g_tot) else np.concatenate([g_cnt, m_cnt])
    nz = np.flatnonzero((tot != 0) | (cnt != 0))
    return nz // K, nz % K, tot[nz], cnt[nz]


def test_block_sums_as_before_on_random_blocks():
    rng = np.random.default_rng(15)
    for trial in range(400):
        n = int(rng.integers(0, 60))
        k = int(rng.integers(0, 12))
        nmembers = int(rng.integers(1, 5))
        vocab = np.array([f"K{i}" for i in range(k)], dtype=object)
        key = rng.integers(0, max(k, 1), n).astype(np.int64)
        member = rng.integers(0, nmembers, n).astype(np.int64)
        # amounts that cancel (zero totals with non-zero countable parts), and now and then beyond 2**52
        big = 2**60 if trial % 9 == 0 else 10**6
        weight = rng.integers(-big, big, n).astype(np.int64) // max(n, 1)
        weight[rng.random(n) < 0.2] = 0
        countable = rng.random(n) < [1.0, 0.7, 0.0][trial % 3]
        eliminated = rng.random(n) < [0.0, 0.3, 1.0][(trial // 3) % 3]
        got = _block_sums(key, vocab, weight, member, nmembers, countable, eliminated)
        want = _earlier(key, vocab, weight, member, nmembers, countable, eliminated)
        for g, w in zip(got, want):
            assert g.dtype == w.dtype and g.tolist() == w.tolist()


def test_exact_sums_equal_python_integer_sums():
    rng = np.random.default_rng(16)
    for trial in range(300):
        n, size = int(rng.integers(0, 80)), int(rng.integers(1, 9))
        big = [10**6, 2**40, 2**62][trial % 3]
        weight = rng.integers(-big, big, n).astype(np.int64) // max(n, 1)
        codes = rng.integers(0, size, n).astype(np.int64)
        want = [0] * size
        for c, w in zip(codes.tolist(), weight.tolist()):
            want[c] += w
        assert _lt.exact_sum_by(codes, weight, size).tolist() == want


def test_few_exempt_rows_among_many_keys_as_before():
    # few exempt rows among many member × key cells take the sparse way (the exempt cells summed alone)
    rng = np.random.default_rng(17)
    for trial in range(200):
        n, k, nmembers = int(rng.integers(1, 400)), int(rng.integers(50, 700)), int(rng.integers(1, 6))
        vocab = np.array([f"K{i}" for i in range(k)], dtype=object)
        key = rng.integers(0, k, n).astype(np.int64)
        member = rng.integers(0, nmembers, n).astype(np.int64)
        big = 2**60 if trial % 7 == 0 else 10**6
        weight = rng.integers(-big, big, n).astype(np.int64) // n
        countable = np.ones(n, dtype=bool)
        countable[rng.integers(0, n, int(rng.integers(1, 12)))] = False
        if trial % 5 == 0:     # an exempt row alone in its cell, its amount cancelling a countable one's
            key[:2], member[:2], weight[1], countable[:2] = key[0], member[0], -weight[0], (True, False)
        eliminated = rng.random(n) < [0.0, 0.2, 1.0][trial % 3]
        got = _block_sums(key, vocab, weight, member, nmembers, countable, eliminated)
        want = _earlier(key, vocab, weight, member, nmembers, countable, eliminated)
        for g, w in zip(got, want):
            assert g.dtype == w.dtype and g.tolist() == w.tolist()
