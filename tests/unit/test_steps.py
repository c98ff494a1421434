"""steps.PageStep: values and errors made page by page, only the moved pages made again, and
always in the order a clean build gives."""

from __future__ import annotations

from sitegen.steps import PageStep


def made(pages):
    calls = []

    def make(key):
        calls.append(key)
        value, errors = pages[key]
        return value, tuple(errors)

    return make, calls


def test_only_moved_pages_are_made_again_and_the_rest_is_kept():
    pages = {"a": ("A", []), "b": (None, []), "c": ("C", ["c is wrong"])}
    step = PageStep()
    make, calls = made(pages)
    assert step.update(tuple(pages), None, "sig", make) == ({"a": "A", "c": "C"}, ["c is wrong"])
    pages["a"] = ("A2", [])
    make, calls = made(pages)
    assert step.update(tuple(pages), {"a"}, "sig", make) == ({"a": "A2", "c": "C"}, ["c is wrong"])
    assert calls == ["a"]


def test_a_page_that_gains_a_value_or_an_error_takes_its_place_in_page_order():
    pages = {"a": ("A", []), "b": (None, []), "c": ("C", ["c is wrong"])}
    step = PageStep()
    step.update(tuple(pages), None, "sig", made(pages)[0])
    pages["b"] = ("B", ["b is wrong"])
    values, errors = step.update(tuple(pages), {"b"}, "sig", made(pages)[0])
    assert list(values) == ["a", "b", "c"] and errors == ["b is wrong", "c is wrong"]
    pages["b"] = (None, [])
    values, errors = step.update(tuple(pages), {"b"}, "sig", made(pages)[0])
    assert list(values) == ["a", "c"] and errors == ["c is wrong"]


def test_another_signature_or_other_pages_make_every_page_again():
    pages = {"a": ("A", []), "b": ("B", [])}
    step = PageStep()
    step.update(tuple(pages), None, "sig", made(pages)[0])
    make, calls = made(pages)
    step.update(tuple(pages), set(), "other", make)
    assert calls == ["a", "b"]
    pages["c"] = ("C", [])
    make, calls = made(pages)
    step.update(tuple(pages), set(), "other", make)
    assert calls == ["a", "b", "c"]


def test_the_last_result_is_never_changed_in_place():
    pages = {"a": ("A", []), "b": ("B", [])}
    step = PageStep()
    first, _ = step.update(tuple(pages), None, "sig", made(pages)[0])
    pages["a"] = ("A2", [])
    step.update(tuple(pages), {"a"}, "sig", made(pages)[0])
    assert first == {"a": "A", "b": "B"}  # the last build's site still holds it
