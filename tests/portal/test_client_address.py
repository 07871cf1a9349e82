"""The client's address: the X-Forwarded-For entry our own proxies appended, never the
left-most one the client writes."""

import logging

import pytest
from django.test import RequestFactory

from portal.client_address import (
    ClientAddressFilter,
    client_address,
    parse_address,
    ratelimit_client_address,
)

LOAD_BALANCER = "10.0.0.2"


def request_with(forwarded_for=None, remote_address=LOAD_BALANCER):
    headers = {"REMOTE_ADDR": remote_address}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def two_proxies(settings):
    settings.TRUSTED_PROXY_COUNT = 2


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request_with("203.0.113.5", remote_address="192.0.2.7")) == "192.0.2.7"


def test_behind_one_proxy_the_single_address_it_appended_is_the_client(one_proxy):
    assert client_address(request_with("203.0.113.66")) == "203.0.113.66"


def test_behind_one_proxy_what_the_client_wrote_on_the_left_is_ignored(one_proxy):
    assert client_address(request_with("198.51.100.1, 203.0.113.5")) == "203.0.113.5"


def test_behind_two_proxies_the_second_address_from_the_right_is_the_client(two_proxies):
    request = request_with("198.51.100.1, 203.0.113.5, 10.0.0.9")

    assert client_address(request) == "203.0.113.5"


def test_behind_two_proxies_a_shorter_header_gives_its_only_entry(two_proxies):
    assert client_address(request_with("203.0.113.5")) == "203.0.113.5"


def test_without_the_header_the_connection_address_is_the_client(one_proxy):
    assert client_address(request_with()) == LOAD_BALANCER


def test_an_entry_that_is_not_an_address_is_ignored(one_proxy):
    assert client_address(request_with("203.0.113.5, unknown")) == LOAD_BALANCER


def test_empty_entries_are_skipped(one_proxy):
    assert client_address(request_with("198.51.100.1, , 203.0.113.5")) == "203.0.113.5"


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("203.0.113.5", "203.0.113.5"),
        (" 203.0.113.5 ", "203.0.113.5"),
        ("203.0.113.5:4711", "203.0.113.5"),
        ("2001:DB8::1", "2001:db8::1"),
        ("[2001:db8::1]:4711", "2001:db8::1"),
        ("::ffff:203.0.113.5", "203.0.113.5"),
        ("unknown", None),
        ("", None),
        ("203.0.113.500", None),
    ],
)
def test_addresses_are_read_as_proxies_write_them(written, address):
    assert parse_address(written) == address


def test_rate_limits_file_an_unknown_client_under_one_address(one_proxy):
    request = request_with("unknown", remote_address="")

    assert client_address(request) is None
    assert ratelimit_client_address(request) == "0.0.0.0"


def log_record(**extra):
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Forbidden", (), None
    )
    record.__dict__.update(extra)
    return record


def test_log_lines_name_the_client_of_their_request(one_proxy):
    record = log_record(request=request_with("198.51.100.1, 203.0.113.5"))

    ClientAddressFilter().filter(record)

    assert record.client_address == "203.0.113.5"


def test_log_lines_without_a_request_name_no_client():
    record = log_record()

    ClientAddressFilter().filter(record)

    assert record.client_address == "-"
