"""Issue 15 (IDS2): the instruments' codes the import does not wait for.

The reader's second thread encodes the instrument cells for the engine; the frame is handed that job's
future (keys.remember_codes_later) instead of waiting for it while the frame is built, so the import's last
checks run beside the job; the import waits for it when it shuts the thread down (not beside the
evaluation). The engine then gets the very codes it would work out itself; a failed job, codes of another
length or an edited column make the memo miss and the engine encodes the column itself (the same results)."""
from __future__ import annotations

import threading
from concurrent.futures import Future

import numpy as np
import pandas as pd

from core.concentration import aggregate, keys
from core.concentration.engine import evaluate, result_to_json
from tests.core.test_ids_columns import _load, _write


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"instrument_id": pd.Series(["a", "b", "a"], dtype=object)})


def test_the_codes_are_waited_for_when_recalled() -> None:
    frame = _frame()
    future: Future = Future()
    keys.remember_codes_later("instrument_codes", future, ((frame, ("instrument_id",)),))
    # the job finishes in another thread while the engine is already waiting for it
    threading.Timer(0.05, future.set_result, ((np.array([0, 1, 0]), np.array(["a", "b"], dtype=object)),)).start()
    codes, vocab = keys.recall_codes("instrument_codes", (frame,))
    assert codes.tolist() == [0, 1, 0] and vocab.tolist() == ["a", "b"]
    assert not codes.flags.writeable
    assert keys.recall_codes("instrument_codes", (frame,))[0] is codes      # resolved once, then kept


def test_a_failed_job_or_codes_of_another_length_miss() -> None:
    frame = _frame()
    failed: Future = Future()
    failed.set_exception(RuntimeError("the job failed"))
    keys.remember_codes_later("instrument_codes", failed, ((frame, ("instrument_id",)),))
    assert keys.recall_codes("instrument_codes", (frame,)) is None
    short: Future = Future()
    short.set_result((np.array([0, 1]), np.array(["a", "b"], dtype=object)))
    keys.remember_codes_later("instrument_codes", short, ((frame, ("instrument_id",)),))
    assert keys.recall_codes("instrument_codes", (frame,)) is None
    cancelled: Future = Future()
    cancelled.cancel()
    keys.remember_codes_later("instrument_codes", cancelled, ((frame, ("instrument_id",)),))
    assert keys.recall_codes("instrument_codes", (frame,)) is None


def test_an_edited_column_misses_before_waiting() -> None:
    frame = _frame()
    never: Future = Future()        # never finished: recalling it for an edited column must not wait
    keys.remember_codes_later("instrument_codes", never, ((frame, ("instrument_id",)),))
    frame.loc[0, "instrument_id"] = "c"
    assert keys.recall_codes("instrument_codes", (frame,)) is None


def test_the_import_hands_over_the_codes_and_the_engine_gives_the_same_result(tmp_path, monkeypatch) -> None:
    _write(tmp_path)
    data = _load(tmp_path, monkeypatch).data
    exp = data.exposures
    entry = keys._MEMO[id(exp)]["instrument_codes"]
    assert entry[1] is keys._LATER                      # handed over as the job
    assert entry[2]._done.is_set()                      # and finished before the import returned
    codes, vocab = keys.recall_codes("instrument_codes", (exp,))
    expected_codes, expected_vocab = pd.factorize(exp["instrument_id"])
    assert np.array_equal(codes, expected_codes) and list(vocab) == list(expected_vocab)
    with_memo = result_to_json(evaluate(data))
    keys._MEMO.pop(id(exp), None)                       # the engine encodes every column itself
    assert aggregate.recall_positions("instrument_codes", (exp,)) is None
    assert result_to_json(evaluate(data)) == with_memo
