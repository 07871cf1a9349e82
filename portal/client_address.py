"""The client's address, computed in one place for the lockout, the rate limits and the logs.

Behind a load balancer, REMOTE_ADDR is the balancer's address and the client's is in
`X-Forwarded-For`. That header is a list which the client starts (it can send any value)
and to which each proxy appends the address it received the request from. Only the
entries appended by our own proxies can be trusted: with `TRUSTED_PROXY_COUNT` proxies in
front of the application, the client is the entry that many positions from the right.
The left-most entry, the one most libraries read, is whatever the client wrote.

- `TRUSTED_PROXY_COUNT = 0` (development, tests): REMOTE_ADDR, the header is ignored.
- No `X-Forwarded-For` at all (a health check on the app server itself): REMOTE_ADDR.
- Fewer entries than trusted proxies (the request skipped an outer proxy): the left-most
  entry, which one of our proxies wrote since there is no room for a client's own.
- An entry that is not an IP address: ignored, REMOTE_ADDR instead.
"""

import ipaddress
import logging

from django.conf import settings

# Where rate limits file requests whose address cannot be known (misconfigured proxy).
UNKNOWN_CLIENT = "0.0.0.0"


def client_address(request):
    """The client's IP address as a normalised string, or None when there is none."""
    remote_address = parse_address(request.META.get("REMOTE_ADDR", ""))
    proxy_count = settings.TRUSTED_PROXY_COUNT
    if proxy_count <= 0:
        return remote_address
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not forwarded:
        return remote_address
    appended_by_our_proxy = (
        forwarded[-proxy_count] if len(forwarded) >= proxy_count else forwarded[0]
    )
    return parse_address(appended_by_our_proxy) or remote_address


def parse_address(value):
    """`value` as a normalised IP address string, or None if it is not one.

    Accepts what proxies write: `203.0.113.5`, `203.0.113.5:4711`, `2001:db8::1`,
    `[2001:db8::1]:4711`; an IPv4 address mapped into IPv6 comes back as IPv4.
    """
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return str(address)


def ratelimit_client_address(request):
    """For django-ratelimit's RATELIMIT_IP_META_KEY, which needs an address string."""
    return client_address(request) or UNKNOWN_CLIENT


class ClientAddressFilter(logging.Filter):
    """Adds `client_address` to every log record, from the request the record carries.

    Django's `django.request` and `django.security` records carry the request; others
    get "-".
    """

    def filter(self, record):
        request = getattr(record, "request", None)
        address = None
        if request is not None and hasattr(request, "META"):
            address = client_address(request)
        record.client_address = address or "-"
        return True
