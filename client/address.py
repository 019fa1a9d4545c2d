"""The server address a person types, checked and put in the one form the client uses.

A focal point copies the address from a note, an SMS or the browser, so it comes as
`192.168.1.10:5000`, `http://isaf.example.org/`, or the documentation page
`https://isaf.example.org/api/v1/docs`. All of these name the same server: its base
address, `scheme://host[:port]`, to which `client/sync/transport.py` adds `/api/v1/...`.
Anything else (spaces, a port that is not a number, another scheme, a user name and
password in the address, a path that is not the API's) is refused with the reason, so the
sign-in screen can say what to correct instead of showing an error of the network library.

No Qt here: the command line and the sign-in screen share it, and tests call it directly.
"""

from __future__ import annotations

import ipaddress
import re
from enum import StrEnum

from common.khmer.digits import to_arabic_digits

#: What may follow the host in an address a person pasted: the API itself, its version,
#: or any page under it (the documentation). Only the base before it is kept.
_API_TAIL = re.compile(r"^/api(/v1(/.*)?)?/?$", re.IGNORECASE)
#: One label of a computer name (letters, digits and hyphens, not at either end).
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_SCHEMES = ("http", "https")


class AddressProblem(StrEnum):
    """Why an address was refused, for the screen to say in the person's language."""

    EMPTY = "empty"
    SPACES = "spaces"
    SCHEME = "scheme"
    CREDENTIALS = "credentials"
    HOST = "host"
    PORT = "port"
    PATH = "path"


class AddressError(ValueError):
    """An address the client cannot use; `problem` says why and `part` shows the part of
    the address at fault (as typed)."""

    def __init__(self, problem: AddressProblem, part: str = "") -> None:
        self.problem = problem
        self.part = part
        super().__init__(_ENGLISH[problem].format(part))


#: The reasons in English, for the command line and the logs (screens translate their own).
_ENGLISH = {
    AddressProblem.EMPTY: "no server address was given",
    AddressProblem.SPACES: "a server address cannot contain spaces",
    AddressProblem.SCHEME: "a server address starts with http:// or https://, not {0}",
    AddressProblem.CREDENTIALS: "a server address cannot contain a user name or password",
    AddressProblem.HOST: "'{0}' is not a computer name or an IP address",
    AddressProblem.PORT: "the port '{0}' is not a number from 1 to 65535",
    AddressProblem.PATH: "a server address ends after the computer name and port "
                         "(remove '{0}')",
}


def normalise_server_address(text: str) -> str:
    """The server's base address (`http://host:port`, lower case, no trailing slash) for
    an address as typed; AddressError with the reason when it is not one."""
    # A Khmer keyboard types Khmer digits: "១៩២.១៦៨.១.១០:៥០០០" is the same address.
    address = to_arabic_digits(text.strip())
    if not address:
        raise AddressError(AddressProblem.EMPTY)
    if any(character.isspace() for character in address):
        raise AddressError(AddressProblem.SPACES, address)
    scheme, separator, rest = address.partition("://")
    if not separator:
        scheme, rest = "http", address  # a local server without https, most often
    scheme = scheme.lower()
    if scheme not in _SCHEMES:
        raise AddressError(AddressProblem.SCHEME, f"{scheme}://")
    # The authority ends at the first slash, question mark or hash.
    match = re.match(r"^([^/?#]*)(.*)$", rest)
    assert match is not None  # the pattern matches any text
    authority, tail = match.groups()
    if "@" in authority:
        # Not repeated back: it may hold a password.
        raise AddressError(AddressProblem.CREDENTIALS)
    host, port = _split_authority(authority)
    base = f"{scheme}://{host}" + (f":{port}" if port else "")
    path = re.split(r"[?#]", tail, maxsplit=1)[0]
    extra = tail[len(path):]
    if not path.strip("/") and not extra:
        return base
    if _API_TAIL.match(path) and (not extra or path.lower().startswith("/api/v1/")):
        # The API or one of its pages (a pasted documentation address may carry a
        # "#/auth" or a query): the server is the base before it.
        return base
    raise AddressError(AddressProblem.PATH, tail)


def _split_authority(authority: str) -> tuple[str, str]:
    """The host (lower case; an IPv6 address in brackets) and the port ("" when none) of
    `host[:port]`, or AddressError."""
    if authority.startswith("["):
        closing = authority.find("]")
        if closing < 0:
            raise AddressError(AddressProblem.HOST, authority)
        host, after = authority[:closing + 1], authority[closing + 1:]
        if not _is_ipv6(host[1:-1]):
            raise AddressError(AddressProblem.HOST, host)
        if after and not after.startswith(":"):
            raise AddressError(AddressProblem.HOST, authority)
        port = after[1:] if after else ""
        if after and not port:
            raise AddressError(AddressProblem.PORT, port)
    else:
        host, colon, port = authority.partition(":")
        if colon and not port:
            raise AddressError(AddressProblem.PORT, port)
        if not _is_host(host):
            raise AddressError(AddressProblem.HOST, host)
        host = _plain_host(host)
    if port and not (port.isascii() and port.isdigit() and 1 <= int(port) <= 65535):
        # "5000127.0.0.1:5702" (typed after the address that was there) lands here.
        raise AddressError(AddressProblem.PORT, port)
    return host.lower(), str(int(port)) if port else ""


def _plain_host(host: str) -> str:
    """The host in the one form the network understands the same everywhere: an IPv4
    address without leading zeros (the system reads "010" as octal, 8: another computer),
    a name without the root's trailing dot."""
    labels = host.removesuffix(".").split(".")
    if all(label.isdigit() for label in labels):
        return ".".join(str(int(label)) for label in labels)
    return ".".join(labels)


def _is_host(host: str) -> bool:
    """A computer name (`isaf-server`, `isaf.example.org`) or an IPv4 address."""
    if not host or not host.isascii() or len(host) > 253:
        return False
    labels = host.lower().removesuffix(".").split(".")
    if all(label.isdigit() for label in labels):
        # Digits only: an IPv4 address, or nothing (a lone "5000" is not a computer).
        return len(labels) == 4 and all(int(label) <= 255 for label in labels)
    # A name: its last label is never all digits ("10.0.0.256" is a mistyped address).
    return all(_LABEL.match(label) for label in labels) and not labels[-1].isdigit()


def _is_ipv6(text: str) -> bool:
    """An IPv6 address (as inside the brackets of a URL)."""
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True
