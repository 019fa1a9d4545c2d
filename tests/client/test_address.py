"""The server address as people type, paste and mistype it: normalised to the base the
client's link expects, or refused with the reason the sign-in screen says."""

from __future__ import annotations

import pytest

from client.address import AddressError, AddressProblem, normalise_server_address


@pytest.mark.parametrize(("typed", "base"), [
    ("192.168.1.10:5000", "http://192.168.1.10:5000"),
    ("192.168.1.10", "http://192.168.1.10"),
    ("  http://127.0.0.1:5000  ", "http://127.0.0.1:5000"),
    ("http://127.0.0.1:5000/", "http://127.0.0.1:5000"),
    ("http://127.0.0.1:5000///", "http://127.0.0.1:5000"),
    ("HTTP://ISAF.Example.ORG", "http://isaf.example.org"),
    ("https://isaf.example.org", "https://isaf.example.org"),
    ("https://isaf.example.org:8443/", "https://isaf.example.org:8443"),
    ("isaf-server", "http://isaf-server"),
    ("localhost:5000", "http://localhost:5000"),
    # The root's trailing dot upsets the Host header and certificate checks.
    ("isaf.example.org.", "http://isaf.example.org"),
    # Leading zeros: the system would read "010" as octal 8, another computer.
    ("192.168.1.010:5000", "http://192.168.1.10:5000"),
    ("010.000.000.001", "http://10.0.0.1"),
    # Typed on a Khmer keyboard.
    ("១៩២.១៦៨.១.១០:៥០០០", "http://192.168.1.10:5000"),
    ("[::1]:5000", "http://[::1]:5000"),
    ("http://[fe80::1]", "http://[fe80::1]"),
    ("http://127.0.0.1:05000", "http://127.0.0.1:5000"),
    # The API, its version or one of its pages, pasted from the browser.
    ("http://127.0.0.1:5000/api", "http://127.0.0.1:5000"),
    ("http://127.0.0.1:5000/api/", "http://127.0.0.1:5000"),
    ("http://127.0.0.1:5000/api/v1", "http://127.0.0.1:5000"),
    ("http://127.0.0.1:5000/API/V1/", "http://127.0.0.1:5000"),
    ("https://isaf.example.org/api/v1/docs", "https://isaf.example.org"),
    ("https://isaf.example.org/api/v1/docs/", "https://isaf.example.org"),
    ("https://isaf.example.org/api/v1/docs#/auth/post_api_v1_auth_login",
     "https://isaf.example.org"),
    ("127.0.0.1:5000/api/v1/auth/login", "http://127.0.0.1:5000"),
])
def test_addresses_people_type_name_the_server_base(typed: str, base: str) -> None:
    assert normalise_server_address(typed) == base


@pytest.mark.parametrize(("typed", "problem", "part"), [
    ("", AddressProblem.EMPTY, ""),
    ("   ", AddressProblem.EMPTY, ""),
    # Typed after the address that was already in the field.
    ("http://127.0.0.1:5000127.0.0.1:5702", AddressProblem.PORT, "5000127.0.0.1:5702"),
    ("http://127.0.0.1:5000http://10.0.0.5:5000", AddressProblem.PORT,
     "5000http:"),
    ("http://127.0.0.1:500o", AddressProblem.PORT, "500o"),
    ("http://127.0.0.1:70000", AddressProblem.PORT, "70000"),
    ("http://127.0.0.1:0", AddressProblem.PORT, "0"),
    ("http://127.0.0.1:", AddressProblem.PORT, ""),
    ("http://127.0.0.1:-5", AddressProblem.PORT, "-5"),
    ("http://127.0.0.1:٥٠٠٠", AddressProblem.PORT, "٥٠٠٠"),
    ("http://192.168.1 .10:5000", AddressProblem.SPACES, "http://192.168.1 .10:5000"),
    ("http://isaf server", AddressProblem.SPACES, "http://isaf server"),
    ("ftp://isaf.example.org", AddressProblem.SCHEME, "ftp://"),
    ("file:///home/focal/isaf", AddressProblem.SCHEME, "file://"),
    ("htp://127.0.0.1:5000", AddressProblem.SCHEME, "htp://"),
    ("http://admin:secret@isaf.example.org", AddressProblem.CREDENTIALS, ""),
    ("http://focal@127.0.0.1:5000", AddressProblem.CREDENTIALS, ""),
    ("http://", AddressProblem.HOST, ""),
    ("http://:5000", AddressProblem.HOST, ""),
    ("5000", AddressProblem.HOST, "5000"),
    ("http://10.0.0.256:5000", AddressProblem.HOST, "10.0.0.256"),
    ("http://192.168.1:5000", AddressProblem.HOST, "192.168.1"),
    ("http://isaf_server", AddressProblem.HOST, "isaf_server"),
    ("http://-isaf.org", AddressProblem.HOST, "-isaf.org"),
    ("http://isaf..org", AddressProblem.HOST, "isaf..org"),
    ("http://ខេត្ត.org", AddressProblem.HOST, "ខេត្ត.org"),
    ("http://[::1", AddressProblem.HOST, "[::1"),
    ("http://[nothost]:5000", AddressProblem.HOST, "[nothost]"),
    ("http://[::1]5000", AddressProblem.HOST, "[::1]5000"),
    ("http://192.168.1.10/5000", AddressProblem.PATH, "/5000"),
    ("http://isaf.example.org/isaf", AddressProblem.PATH, "/isaf"),
    ("http://isaf.example.org/?server=1", AddressProblem.PATH, "/?server=1"),
    ("http://isaf.example.org/apis", AddressProblem.PATH, "/apis"),
    ("http://isaf.example.org/api/v2", AddressProblem.PATH, "/api/v2"),
])
def test_addresses_that_name_no_server_are_refused_with_the_reason(
        typed: str, problem: AddressProblem, part: str) -> None:
    with pytest.raises(AddressError) as refused:
        normalise_server_address(typed)
    assert refused.value.problem is problem
    assert refused.value.part == part
    # The English reason (the command line's) names the part at fault, and never repeats
    # a password.
    if problem in (AddressProblem.SCHEME, AddressProblem.HOST, AddressProblem.PORT,
                   AddressProblem.PATH):
        assert f"{part}" in str(refused.value)
    assert "secret" not in str(refused.value)


def test_a_normalised_address_is_normalised_again_unchanged() -> None:
    for typed in ("192.168.1.10:5000", "HTTPS://Isaf.Example.org/api/v1/docs", "[::1]"):
        once = normalise_server_address(typed)
        assert normalise_server_address(once) == once
