"""Work in forked processes: results come back in order, and a failed worker fails the call."""

import os

import pytest

from sitegen.workers import run_forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def test_results_come_back_in_the_order_of_the_jobs():
    big = "x" * (1 << 20)  # more than a pipe holds: read while the worker writes
    assert run_forked([lambda: (1, big), lambda: (2, big[:10])]) == [(1, big), (2, "x" * 10)]


def test_a_job_that_raises_fails_the_call_with_its_traceback():
    def broken():
        raise ValueError("no such article")

    with pytest.raises(RuntimeError, match="no such article"):
        run_forked([lambda: 1, broken])


def test_a_worker_that_dies_without_a_word_fails_the_call():
    with pytest.raises(RuntimeError, match="died without a word"):
        run_forked([lambda: os._exit(3)])
