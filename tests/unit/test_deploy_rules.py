import pytest

from sitegen.deploy import _trailers, check_cname, deploy_message


@pytest.mark.parametrize("name", ["briefing.example.org", "Briefing.Example.ORG", "xn--brfing-cua.example.org",
                                  "a-b.c.example", "example.org."])
def test_host_names_are_accepted(name):
    assert check_cname(name) == ""


@pytest.mark.parametrize("name", ["a.org\nb.org", "a.org/x", "http://a.org", "a org", "a.org:80", "-a.org",
                                  "a-.org", "a..org", "org", "", "a" * 64 + ".org", "a.org\x1b[31m", " a.org", "a.org\r"])
def test_anything_but_a_host_name_is_refused(name):
    assert "is not a host name" in check_cname(name)


def test_a_deploy_message_ends_with_its_trailers():
    message = deploy_message("Publish the update", over="abc123")
    assert _trailers(message) == {"Deployed-by": "sitegen 0.1.0", "Deployed-over": "abc123"}
    assert message.startswith("Publish the update\n\n")


def test_trailer_lookalikes_inside_a_message_are_not_trailers():
    assert _trailers("Deployed-by: sitegen 0.1.0") == {}  # a subject, not a trailer block
    assert _trailers("Subject\n\nA sentence: with a colon\nDeployed-by: sitegen 0.1.0") == {}
