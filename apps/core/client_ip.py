"""The address of the person at the other end: one function for lockout, rate limits, audit and records.

Behind the TLS proxy every request's ``REMOTE_ADDR`` is the proxy's. ``X-Forwarded-For`` names the real
client, but anybody can send that header: it is read only when the request came from a proxy listed in
``TRUSTED_PROXIES``, and then from the right (the hop our own proxy appended) leftwards, skipping further
trusted proxies. The first address not in the list is the client; what lies left of it is the client's
own claim and is ignored.
"""

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str], *, setting: str = "TRUSTED_PROXIES") -> tuple[Network, ...]:
    """CIDRs (or single addresses) as networks; a typo stops the process rather than trusting the wrong peer."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=True))
        except ValueError as error:
            raise ImproperlyConfigured(f"{setting}: {value!r} is not an address or network in CIDR form "
                                       f"({error}).") from None
    return tuple(networks)


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _trusted(address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def is_trusted_proxy(request: HttpRequest) -> bool:
    peer = _address(request.META.get("REMOTE_ADDR") or "")
    return peer is not None and _trusted(peer, settings.TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or the nearest untrusted hop of X-Forwarded-For from a trusted proxy."""
    peer = request.META.get("REMOTE_ADDR") or None
    networks: tuple[Network, ...] = settings.TRUSTED_PROXIES
    peer_address = _address(peer or "")
    if peer_address is None or not _trusted(peer_address, networks):
        return peer
    client = peer_address
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        hop_address = _address(hop)
        if hop_address is None:
            break  # garbage from the client's side: the last proxy that spoke is as far as we can see
        client = hop_address
        if not _trusted(hop_address, networks):
            break
    return str(client)
