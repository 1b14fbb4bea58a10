"""Issue 15 (IDS2): a check started ahead is run by whichever thread gets to it first.

The reader's second thread runs the checks on Arrow cells in order; the thread that asks for a result the
second thread has not begun runs that check itself instead of waiting behind the others. Either way the
job runs once, its result (or its exception) is what the asker gets, and a job whose queue was cancelled
is still answered."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.concentration.importer import _AheadJob


def test_a_job_not_begun_is_run_by_the_asker_once() -> None:
    runs: list[str] = []
    job = _AheadJob(lambda: runs.append(threading.current_thread().name) or 42)
    assert job.result() == 42
    job.run_queued()                    # the second thread's turn comes later: nothing to do
    assert job.result() == 42
    assert runs == [threading.current_thread().name]


def test_a_job_begun_by_the_second_thread_is_waited_for() -> None:
    started, release = threading.Event(), threading.Event()
    runs: list[str] = []

    def slow() -> str:
        runs.append(threading.current_thread().name)
        started.set()
        release.wait(5)
        return "done"

    job = _AheadJob(slow)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ahead") as pool:
        pool.submit(job.run_queued)
        assert started.wait(5)
        threading.Timer(0.05, release.set).start()
        assert job.result() == "done"
    assert len(runs) == 1 and runs[0].startswith("ahead")


def test_the_jobs_exception_reaches_the_asker_whichever_thread_ran_it() -> None:
    def fails() -> None:
        raise ValueError("bad cells")

    mine = _AheadJob(fails)
    with pytest.raises(ValueError, match="bad cells"):
        mine.result()
    theirs = _AheadJob(fails)
    theirs.run_queued()
    with pytest.raises(ValueError, match="bad cells"):
        theirs.result()


def test_a_cancelled_queue_still_answers() -> None:
    block = threading.Event()
    first, second = _AheadJob(lambda: block.wait(5) and 1), _AheadJob(lambda: 2)
    pool = ThreadPoolExecutor(max_workers=1)
    pool.submit(first.run_queued)
    pool.submit(second.run_queued)
    pool.shutdown(wait=False, cancel_futures=True)     # the second job's turn never comes
    assert second.result() == 2
    block.set()
    assert first.result() == 1


def test_while_the_second_thread_runs_a_job_the_asker_runs_the_next_ones_in_order() -> None:
    """The asker does not wait idle: it runs the queue's jobs not yet begun, in the order the checks ask for
    them, each once, and then gets the awaited job's own result."""
    started, release = threading.Event(), threading.Event()
    ran: dict[str, str] = {}
    me = threading.current_thread().name

    def first() -> str:
        ran["first"] = threading.current_thread().name
        started.set()
        release.wait(5)
        return "first"

    def job_named(name: str):
        def run() -> str:
            ran[name] = threading.current_thread().name
            if name == "third":
                release.set()            # the awaited job may finish now: nothing else is left to run here
            return name
        return run

    queue: list[_AheadJob] = []
    jobs = [_AheadJob(first, queue), _AheadJob(job_named("second"), queue), _AheadJob(job_named("third"), queue)]
    assert queue == jobs
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ahead") as pool:
        pool.submit(jobs[0].run_queued)
        assert started.wait(5)
        assert jobs[0].result() == "first"
        for job in jobs[1:]:
            pool.submit(job.run_queued)  # (their turn on the second thread comes after: already run)
    assert ran == {"first": ran["first"], "second": me, "third": me}
    assert ran["first"] != me
    assert [j.result() for j in jobs] == ["first", "second", "third"]


def test_a_job_outside_any_queue_is_only_waited_for() -> None:
    started, release = threading.Event(), threading.Event()
    queue: list[_AheadJob] = []
    other = _AheadJob(lambda: "other", queue)

    def slow() -> str:
        started.set()
        release.wait(5)
        return "slow"

    awaited = _AheadJob(slow)                # (like the engine's instrument codes: no queue)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(awaited.run_queued)
        assert started.wait(5)
        threading.Timer(0.05, release.set).start()
        assert awaited.result() == "slow"
    assert not other._claimed                # not taken by the asker of a job outside the queue
