"""Fetch an article page by URL, from public addresses only (no requests into private networks).

The host is resolved once, every address is checked with :mod:`ipaddress`, and the connection
is pinned to the checked address (the ``Host`` header and TLS SNI keep the real name), so a
DNS answer that changes between the check and the connection cannot reach a private address.
Redirects are followed by hand, each hop checked the same way.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from tomtat.errors import InputError

MAX_REDIRECTS = 3
_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    content: str
    is_html: bool


NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: the IPv4 address is the last 32 bits
NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: local use, never public


def embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries, and that a relay or gateway would reach:
    IPv4-mapped (``::ffff:0:0/96``), 6to4 (``2002::/16``), Teredo (``2001::/32``: server and
    client) and NAT64 (``64:ff9b::/96``)."""
    found = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if ip in NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _global_unicast(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def is_public(address: str) -> bool:
    """True for a globally routable unicast address (not private, loopback, link-local, ...).

    An IPv6 address that embeds an IPv4 one (IPv4-mapped, 6to4, Teredo, NAT64) is public
    only if that IPv4 address is: ``2002:a9fe:a9fe::1`` reaches 169.254.169.254 through a
    6to4 relay. IPv4-mapped and NAT64 addresses are judged by their IPv4 address alone.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv4Address):
        return _global_unicast(ip)
    if ip in NAT64_LOCAL:
        return False
    inner = embedded_ipv4(ip)
    if not all(_global_unicast(v4) for v4 in inner):
        return False
    if ip.ipv4_mapped is not None or ip in NAT64:
        return True  # the IPv4 address is where the connection goes
    return _global_unicast(ip)


def resolve_public(host: str, port: int, where: str) -> str:
    """The first address ``host`` resolves to; InputError unless every address is public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise InputError(f"cannot resolve host {host!r}", where=where) from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses or not all(is_public(a) for a in addresses):
        raise InputError(f"refusing to fetch from {host!r}: not a public address", where=where)
    return addresses[0]


def fetch_url(
    url: str,
    *,
    where: str,
    timeout: float = 10.0,
    max_bytes: int = 2_000_000,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """GET an http(s) page from a public host; InputError on anything else."""
    for _ in range(MAX_REDIRECTS + 1):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(f"only http(s) URLs can be fetched, got {url!r}", where=where)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = resolve_public(parts.hostname, port, where)
        host = f"[{address}]" if ":" in address else address
        pinned = parts._replace(netloc=f"{host}:{port}").geturl()
        extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
        headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": "tomtat"}
        try:
            with httpx.Client(
                transport=transport, timeout=timeout, follow_redirects=False, trust_env=False
            ) as client:
                with client.stream("GET", pinned, headers=headers, extensions=extensions) as resp:
                    if resp.is_redirect and "location" in resp.headers:
                        url = urljoin(url, resp.headers["location"])
                        continue
                    return _read(resp, url, where, max_bytes)
        except httpx.HTTPError as err:
            raise InputError(f"cannot fetch {url}: {type(err).__name__}", where=where) from None
    raise InputError(f"too many redirects fetching {url}", where=where)


def _read(resp: httpx.Response, url: str, where: str, max_bytes: int) -> Fetched:
    if resp.status_code >= 400:
        raise InputError(f"fetching {url} gave HTTP {resp.status_code}", where=where)
    ctype = resp.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if ctype not in _TYPES:
        raise InputError(f"{url} is {ctype}, not an HTML or text page", where=where)
    body = bytearray()
    for chunk in resp.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise InputError(f"{url} is larger than {max_bytes} bytes", where=where)
    try:
        text = bytes(body).decode(resp.encoding or "utf-8", errors="replace")
    except LookupError:  # an unknown charset name
        text = bytes(body).decode("utf-8", errors="replace")
    return Fetched(url=url, content=text, is_html=ctype != "text/plain")
