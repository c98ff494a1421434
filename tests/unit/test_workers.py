"""Work in forked processes: results come back in order, and a failed worker fails the call."""

import os

import pytest

from sitegen.workers import run_forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def test_results_come_back_in_the_order_of_the_jobs():
    big = "x" * (1 << 20)  # more than a pipe holds: read while the worker writes
    assert run_forked([lambda: (1, big), lambda: (2, big[:10])]) == [(1, big), (2, "x" * 10)]


def test_a_job_that_raises_fails_the_call_with_its_exception_and_traceback():
    def broken():
        raise ValueError("no such article")

    with pytest.raises(ValueError, match="no such article") as raised:
        run_forked([lambda: 1, broken])
    assert "in broken" in raised.value.__notes__[0]


def test_a_build_error_in_a_worker_is_the_build_s():
    from sitegen.errors import BuildError, SiteError

    def changed():
        raise BuildError([SiteError("content/articles/a.md", None, "changed while the site was being built")])

    with pytest.raises(BuildError) as raised:
        run_forked([changed])
    assert [e.path for e in raised.value.errors] == ["content/articles/a.md"]


def test_what_cannot_be_pickled_fails_the_call_with_its_traceback():
    class Unpicklable(Exception):
        def __reduce__(self):
            raise TypeError("no")

    def broken():
        raise Unpicklable("a lock inside")

    with pytest.raises(RuntimeError, match="a lock inside"):
        run_forked([broken])


def test_a_worker_that_dies_without_a_word_fails_the_call():
    with pytest.raises(RuntimeError, match="died without a word"):
        run_forked([lambda: os._exit(3)])


def test_shared_work_comes_back_in_the_order_of_its_chunks_whoever_took_them():
    from sitegen.workers import run_shared

    assert run_shared(lambda chunk: [i * i for i in chunk], 1000, 3, 7) == \
        [[i * i for i in range(start, min(start + 7, 1000))] for start in range(0, 1000, 7)]


def test_a_worker_held_up_takes_fewer_chunks():
    import time

    from sitegen.workers import run_shared

    def work(chunk):
        time.sleep(1.0 if chunk.start == 0 else 0.01)  # whoever takes the first chunk is held up
        return os.getpid()

    pids = run_shared(work, 20, 2, 1)
    assert pids.count(pids[0]) == 1  # the other worker took every other chunk meanwhile


def test_shared_work_makes_its_chunks_bigger_rather_than_overfill_the_pipe():
    from sitegen.workers import run_shared

    results = run_shared(lambda chunk: len(chunk), 100_000, 2, 1)
    assert sum(results) == 100_000 and len(results) <= 4096


def test_a_chunk_that_fails_fails_the_shared_call():
    from sitegen.workers import run_shared

    def work(chunk):
        if 13 in chunk:
            raise ValueError("chunk with 13")
        return len(chunk)

    for count in (1, 2, 3):  # this process took it, or a worker did: the same exception
        with pytest.raises(ValueError, match="chunk with 13"):
            run_shared(work, 40, count, 5)


def test_shared_workers_can_run_at_a_lower_priority():
    from sitegen.workers import run_shared

    mine = os.getpriority(os.PRIO_PROCESS, 0)
    assert set(run_shared(lambda chunk: os.getpriority(os.PRIO_PROCESS, 0), 4, 2, 1, nice=5)) == {min(mine + 5, 19)}
    assert set(run_shared(lambda chunk: os.getpriority(os.PRIO_PROCESS, 0), 4, 2, 1)) == {mine}


def test_this_process_takes_chunks_beside_its_workers_unless_they_run_lower():
    import time

    from sitegen.workers import run_shared

    def work(chunk):
        time.sleep(0.01)
        return os.getpid()

    mine = os.getpid()
    together = run_shared(work, 20, 2, 1)
    assert mine in together and len(set(together)) == 2  # one forked worker, and this process
    assert mine not in run_shared(work, 20, 2, 1, nice=1)  # (it could not raise its priority again)


def test_a_worker_s_results_come_back_as_it_makes_them(tmp_path):
    import time

    from sitegen.workers import _Workers

    go = tmp_path / "go"

    def job():
        yield "first"
        for _ in range(500):  # until the first has come back (at most 5 s)
            if go.exists():
                break
            time.sleep(0.01)
        yield "second" if go.exists() else "the first never came back"

    workers = _Workers([job])
    for _ in range(500):
        if workers.found[0]:
            break
        time.sleep(0.01)
    assert workers.found[0] == ["first"]
    go.touch()
    assert workers.results() == [["first", "second"]]
