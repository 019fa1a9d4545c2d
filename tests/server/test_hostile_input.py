"""Hostile input: nothing a stranger sends can crash the server or slip past its readers.

Two halves, both on SQLite and PostgreSQL:

- each class of input that once met an unhandled error (a lone surrogate in any JSON
  string, JSON nested 100,000 levels deep, integers of thousands of digits, a pull cursor
  of non-ASCII digits) is sent where it hurt, and must get a 4xx in the one JSON error
  shape, with a message naming the fault, and leave the database as it was;
- a property-based run (Hypothesis) throws generated hostile JSON at every operation of the
  OpenAPI document, signed in and not: valid request bodies with one part replaced by a
  surrogate, a NUL, a control character, a huge or non-finite number, a value of the wrong
  type or a deep nest, plus hostile path and query values. No answer may be a 5xx; every
  error has the JSON shape; an error writes nothing.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import tracemalloc
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from server.app import create_app
from server.models import metadata
from tests.conftest import form_version
from tests.server.conftest import PASSWORD, World, login, new_form

# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Raw:
    """A fragment of JSON text placed as is (what json.dumps cannot or will not write)."""

    text: str


def render(value: Any) -> str:
    """JSON text of `value`, with `Raw` fragments written verbatim."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(f"{render(key) if isinstance(key, Raw) else json.dumps(key)}:"
                              f"{render(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(render(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def fingerprint(engine: Engine) -> str:
    """A digest of every row of every table: equal before and after means nothing written."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            rows = connection.execute(select(table)).all()
            digest.update(table.name.encode())
            for row in sorted(repr(tuple(row)) for row in rows):
                digest.update(row.encode())
    return digest.hexdigest()


def assert_error_shape(response: Any) -> dict[str, Any]:
    # Read with the plain reader: an answer may quote what was refused (a NUL, say).
    try:
        body = json.loads(response.data)
    except ValueError:
        body = None
    assert isinstance(body, dict), response.data[:300]
    assert set(body) == {"status", "code", "message", "details"}, body
    assert body["status"] == response.status_code
    assert isinstance(body["code"], str) and body["code"]
    assert isinstance(body["message"], str) and body["message"]
    return body


def send(client: FlaskClient, method: str, url: str, text: str | None,
         headers: dict[str, str] | None = None) -> Any:
    return client.open(url, method=method, headers=headers or {},
                       data=None if text is None else text.encode("utf-8", "surrogatepass"),
                       content_type="application/json" if text is not None else None)


@pytest.fixture(scope="module")
def engine(app: Flask) -> Engine:
    return app.extensions["isaf_engine"]  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def ids(client: FlaskClient, world: World, headers: dict[str, dict[str, str]]
        ) -> dict[str, str]:
    """Ids of real things the requests can name: a form in scope, a device of the officer."""
    form = new_form(client, headers["dmk"], world.units["home"])
    device = str(uuid.uuid4())
    login(client, "dmk", device_id=device, device_name="officer laptop")
    return {"form": form["id"], "unit": world.units["home"], "user": world.users["focal"],
            "device": device}


# --------------------------------------------------------------------------- each class

SURROGATE = Raw('"\\ud800"')
SURROGATE_IN_TEXT = Raw('"Sok\\udfffDara"')


def _push(device: str, op: dict[str, Any]) -> dict[str, Any]:
    base = {"op_id": str(uuid.uuid4()), "device_id": device, "device_seq": 1,
            "entity": "form", "record_id": str(uuid.uuid4()),
            "definition_version": form_version("health_center"),
            "fields": {"anc1": [5, 0]}}
    return {"protocol": 1, "device_id": device, "ops": [{**base, **op}]}


#: (name, method, url, body, signed in as): every string a person or a client types.
SURROGATE_CASES: list[tuple[str, str, str, Any, str | None]] = [
    ("login name", "POST", "/api/v1/auth/login",
     {"username": SURROGATE, "password": "x"}, None),
    ("login password", "POST", "/api/v1/auth/login",
     {"username": "dmk", "password": SURROGATE_IN_TEXT}, None),
    ("device name", "POST", "/api/v1/auth/login",
     {"username": "dmk", "password": PASSWORD, "device_id": "{device}",
      "device_name": SURROGATE_IN_TEXT}, None),
    ("full name of a new account", "POST", "/api/v1/users",
     {"username": "new.one", "full_name": SURROGATE_IN_TEXT, "password": PASSWORD * 2,
      "role": "national_admin"}, "admin"),
    ("full name of an account", "PATCH", "/api/v1/users/{user}",
     {"full_name": SURROGATE_IN_TEXT}, "admin"),
    ("comment of a workflow step", "POST", "/api/v1/forms/{form}/submit",
     {"comment": SURROGATE_IN_TEXT}, "dmk"),
    ("a saved text value", "PATCH", "/api/v1/forms/{form}/values",
     {"values": {"remarks": SURROGATE_IN_TEXT}}, "dmk"),
    ("a saved field key", "PATCH", "/api/v1/forms/{form}/values",
     {"values": {SURROGATE: 1}}, "dmk"),
    ("a confirmation reason", "PATCH", "/api/v1/forms/{form}/values",
     {"values": {}, "confirmations": {"anc1": SURROGATE_IN_TEXT}}, "dmk"),
    ("a dismissal reason", "POST", "/api/v1/sync/quarantine/{form}/dismiss",
     {"reason": SURROGATE_IN_TEXT}, "dmk"),
    ("a pushed text value", "POST", "/api/v1/sync/push",
     _push("{device}", {"fields": {"remarks": [SURROGATE_IN_TEXT, 0]}}), "dmk"),
    ("a pushed field key", "POST", "/api/v1/sync/push",
     _push("{device}", {"fields": {SURROGATE: [1, 0]}}), "dmk"),
    ("a pushed confirmation", "POST", "/api/v1/sync/push",
     _push("{device}", {"confirmations": {"anc1": SURROGATE_IN_TEXT}}), "dmk"),
    ("a new password", "POST", "/api/v1/auth/password",
     {"old_password": "not it", "new_password": Raw("\"a long new password\\ud800\"")}, "dmk"),
]


def _fill(value: Any, ids: dict[str, str]) -> Any:
    if isinstance(value, str):
        return value.format(**ids)
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, ids) for item in value]
    return value


def _check_refused(client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
                   method: str, url: str, text: str, who: str | None) -> dict[str, Any]:
    before = fingerprint(engine)
    response = send(client, method, url, text, headers[who] if who else None)
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    body = assert_error_shape(response)
    assert fingerprint(engine) == before, "a refused request changed the database"
    return body


@pytest.mark.parametrize(("name", "method", "url", "body", "who"), SURROGATE_CASES,
                         ids=[case[0] for case in SURROGATE_CASES])
def test_a_lone_surrogate_is_refused_with_a_reason(
        client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
        ids: dict[str, str], name: str, method: str, url: str, body: Any,
        who: str | None) -> None:
    answer = _check_refused(client, engine, headers, method, url.format(**ids),
                            render(_fill(body, ids)), who)
    assert "surrogate" in answer["message"], answer


@pytest.mark.parametrize("depth", [33, 1_000, 100_000])
@pytest.mark.parametrize(("method", "url", "who"), [
    ("POST", "/api/v1/auth/login", None),
    ("PATCH", "/api/v1/forms/{form}/values", "dmk"),
    ("POST", "/api/v1/sync/push", "dmk"),
], ids=["login", "save", "push"])
def test_json_nested_too_deep_is_refused(
        client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
        ids: dict[str, str], method: str, url: str, who: str | None, depth: int) -> None:
    nest = "[" * depth + "]" * depth
    text = '{"username": "dmk", "password": "x", "values": {"anc1": ' + nest + "}}"
    answer = _check_refused(client, engine, headers, method, url.format(**ids), text, who)
    # 100,000 brackets are refused by their count before the parser meets their depth.
    assert "nested too deeply" in answer["message"] or (
        depth > 20_000 and "objects and arrays" in answer["message"]), answer


@pytest.mark.parametrize("number", ["1" * 5000, "9" * 400, "-" + "9" * 25,
                                    "9223372036854775808", "1e999", "NaN", "-Infinity"],
                         ids=["5000-digits", "400-digits", "negative-26-digits",
                              "2**63", "1e999", "NaN", "-Infinity"])
@pytest.mark.parametrize(("method", "url", "template", "who"), [
    ("POST", "/api/v1/auth/login",
     '{"username": "dmk", "password": "x", "device_id": %s}', None),
    ("POST", "/api/v1/forms",
     '{"id": "%(id)s", "unit_id": "%(unit)s", "year": %%s, "form_code": "health_center"}',
     "dmk"),
    ("PATCH", "/api/v1/forms/{form}/values", '{"values": {"anc1": %s}}', "dmk"),
    ("POST", "/api/v1/sync/push", None, "dmk"),
], ids=["login", "create", "save", "push"])
def test_numbers_no_database_holds_are_refused(
        client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
        ids: dict[str, str], method: str, url: str, template: str | None, who: str | None,
        number: str) -> None:
    if template is None:
        text = render(_fill(_push("{device}", {"device_seq": Raw(number)}), ids))
    elif "%(id)s" in template:
        text = (template % {"id": uuid.uuid4(), "unit": ids["unit"]}) % number
    else:
        text = template % number
    answer = _check_refused(client, engine, headers, method, url.format(**ids), text, who)
    assert "number" in answer["message"], answer


@pytest.mark.parametrize("cursor", ["²", "²:a:b", "١٢:x:y", "១២", "１２", "9" * 30,
                                    "12:a\x00:b", "-1:a:b"],
                         ids=["superscript", "superscript-full", "arabic", "khmer",
                              "fullwidth", "30-digits", "nul", "negative"])
def test_a_pull_cursor_of_anything_but_ascii_digits_is_refused(
        client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
        cursor: str) -> None:
    before = fingerprint(engine)
    response = client.get(f"/api/v1/sync/pull?protocol=1&cursor={quote(cursor)}",
                          headers=headers["dmk"])
    assert response.status_code == 400, response.data[:300]
    assert "not a cursor" in assert_error_shape(response)["message"]
    assert fingerprint(engine) == before


@pytest.mark.parametrize("query", ["year=99999999999999999999999", "year=1" + "0" * 5000,
                                   "limit=99999999999999999999999", "area=%00",
                                   "unit_id=%ED%A0%80", "year=%C2%B2"],
                         ids=["year-23-digits", "year-5001-digits", "limit-23-digits",
                              "area-nul", "unit-not-utf8", "year-superscript"])
def test_query_values_no_database_holds_are_refused(
        client: FlaskClient, headers: dict[str, dict[str, str]], query: str) -> None:
    response = client.get(f"/api/v1/forms?{query}", headers=headers["dmk"])
    assert response.status_code < 500, response.data[:300]
    if response.status_code >= 400:
        assert_error_shape(response)


# --------------------------------------------------------------------------- generated


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every operation the OpenAPI document lists."""
    app = create_app({"DATABASE_URL": "sqlite://", "ISAF_ENV": "testing"})
    document = app.test_client().get("/api/v1/openapi.json").get_json()
    app.extensions["isaf_engine"].dispose()
    return [(method.upper(), path) for path, item in document["paths"].items()
            for method in item if method in ("get", "post", "put", "patch", "delete")]


OPERATIONS = _operations()

#: A valid body for each operation that takes one: one of its parts is then made hostile.
VALID_BODIES: dict[str, Any] = {
    "/api/v1/auth/login": {"username": "dmk", "password": "wrong password",
                           "device_id": "{device}", "device_name": "laptop"},
    "/api/v1/auth/password": {"old_password": "not the password",
                              "new_password": "a new long password"},
    "/api/v1/users": {"username": "someone.new", "full_name": "Someone", "password": "x" * 12,
                      "role": "unit_editor", "unit_id": "{unit}", "language": "km",
                      "delegated_approval": False},
    "/api/v1/users/{user_id}": {"full_name": "Renamed", "language": "en", "active": True},
    "/api/v1/forms": {"id": "{new}", "unit_id": "{unit}", "year": 2026,
                      "form_code": "health_center"},
    "/api/v1/forms/{form_id}/values": {"values": {"anc1": 3, "remarks": "ok"},
                                       "confirmations": {"anc1": "checked"}},
    "/api/v1/forms/{form_id}/{action}": {"comment": "done"},
    "/api/v1/sync/push": _push("{device}", {"fields": {"anc1": [3, 0], "remarks": ["a", 0]},
                                            "natural_key": {"unit_id": "{unit}",
                                                            "year": 2026,
                                                            "form_code": "health_center"}}),
    "/api/v1/sync/quarantine/{quarantine_id}/reapply": {"device_id": "{device}"},
    "/api/v1/sync/quarantine/{quarantine_id}/dismiss": {"reason": "not needed"},
    "/api/v1/sync/device-key": {"device_id": "{device}",
                                "public_key": "MCowBQYDK2VwAyEA" + "A" * 28},
}

HOSTILE_TEXT = [Raw('"\\ud800"'), Raw('"ok\\udc00"'), Raw('"\\u0000"'), Raw('"a\\u0000b"'),
                Raw('"\\u0001\\u001f\\u007f"'), Raw('"\\ud83d"'), Raw('"' + "ក" * 5000 + '"')]
HOSTILE_NUMBERS = [Raw("1" * 5000), Raw("9" * 30), Raw("-9223372036854775809"),
                   Raw("1e999"), Raw("-1e999"), Raw("NaN"), Raw("Infinity"), Raw("1.5e308"),
                   Raw("-0"), Raw("0.0000000000000000000001")]
HOSTILE_NESTS = [Raw("[" * n + "]" * n) for n in (33, 900, 20_000)] + [
    Raw('{"a":' * 40 + "1" + "}" * 40)]
WRONG_TYPES = [Raw("null"), Raw("true"), Raw("[]"), Raw("{}"), Raw("[1, 2]"),
               Raw('{"x": 1}'), Raw("0"), Raw('""'), Raw("-1")]
hostile_values = st.sampled_from(HOSTILE_TEXT + HOSTILE_NUMBERS + HOSTILE_NESTS + WRONG_TYPES)
hostile_keys = st.sampled_from([Raw('"\\ud800"'), Raw('"\\u0000"'), Raw('"\\udfff"'),
                                Raw('"' + "k" * 300 + '"'), Raw('""')])
#: Path and query values, as they stand in a URL (percent-encoded bytes, some not UTF-8).
HOSTILE_URL_PARTS = ["%ED%A0%80", "%00", "%C2%B2", "%E1%9F%A1", "9" * 30, "-1", "%FF%FE",
                     "..%2F..%2F", "%25", "a" * 2000, "null", "1e999"]


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a body (dict keys, list indexes) where a part can be replaced."""
    found = [here]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*here, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {key: _replace(item, rest, new) if key == head else item
                for key, item in value.items()}
    return [_replace(item, rest, new) if index == head else item
            for index, item in enumerate(value)]


@st.composite
def hostile_body(draw: st.DrawFn, valid: Any) -> str:
    """A valid body with one part replaced by a hostile value, or a hostile key added."""
    if draw(st.integers(0, 5)) == 0:
        return render(draw(hostile_values))  # the whole body
    place = draw(st.sampled_from(_paths(valid)))
    if draw(st.booleans()) and isinstance(_at(valid, place), dict):
        inner = dict(_at(valid, place))
        inner[draw(hostile_keys)] = draw(hostile_values | st.just(Raw("1")))
        return render(_replace(valid, place, inner))
    return render(_replace(valid, place, draw(hostile_values)))


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


PATH_IDS = {"form_id": "form", "unit_id": "unit", "user_id": "user", "quarantine_id": "form"}
CALLERS = [None, "dmk", "admin", "caf"]


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path"), OPERATIONS,
                         ids=[f"{m} {p}" for m, p in OPERATIONS])
@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_generated_hostile_requests_never_meet_a_server_error(
        client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
        ids: dict[str, str], method: str, path: str, data: st.DataObject) -> None:
    if path in ("/api/v1/auth/logout",):
        who = None  # signing the test's accounts out would leave later requests at 401
    else:
        who = data.draw(st.sampled_from(CALLERS), label="caller")
    url = path
    for name in [part[1:-1] for part in path.split("/") if part.startswith("{")]:
        if name == "action":
            choice = data.draw(st.sampled_from(["submit", "return", "approve", "unlock",
                                                "publish"]), label=name)
        elif name in PATH_IDS and data.draw(st.booleans(), label=f"{name} real"):
            choice = ids[PATH_IDS[name]]
        else:
            choice = data.draw(st.sampled_from([str(uuid.uuid4()), *HOSTILE_URL_PARTS]),
                               label=name)
        url = url.replace("{" + name + "}", choice)
    if method == "GET" or path not in VALID_BODIES:
        query = data.draw(st.lists(st.tuples(
            st.sampled_from(["year", "area", "cursor", "protocol", "limit", "offset",
                             "unit_id", "kind", "status", "scope", "only", "max_bytes",
                             "level", "parent", "role"]),
            st.sampled_from(HOSTILE_URL_PARTS)), max_size=3), label="query")
        if query:
            url += "?" + "&".join(f"{key}={value}" for key, value in query)
    text = None
    if path in VALID_BODIES:
        ids_now = {**ids, "new": str(uuid.uuid4())}
        text = data.draw(hostile_body(_fill(VALID_BODIES[path], ids_now)), label="body")
    elif method != "GET":
        text = data.draw(st.one_of(hostile_values.map(render), st.just("")), label="body")
    before = fingerprint(engine)
    response = send(client, method, url, text, headers[who] if who else None)
    assert response.status_code < 500, (method, url, text and text[:200],
                                        response.data[:300])
    if response.status_code >= 400:
        assert_error_shape(response)
        if path == "/api/v1/sync/bundles" and response.status_code == 422:
            return  # a refused bundle leaves a small record for an operator, by design
        assert fingerprint(engine) == before, ("an error answer changed the database",
                                               method, url, text and text[:200])


@pytest.mark.parametrize("unit", ["{},", "[],", "1,", '"",'],
                         ids=["objects", "arrays", "numbers", "strings"])
def test_a_body_of_millions_of_values_is_refused_before_it_is_parsed(
        client: FlaskClient, engine: Engine, unit: str) -> None:
    # 7 MB (under the 8 MB body limit) of tiny values, before sign-in: parsed whole, they
    # would take hundreds of MB of the worker's memory and seconds of its time.
    text = "[" + unit * (7 * 1024 * 1024 // len(unit)) + "0]"
    tracemalloc.start()
    try:
        answer = _check_refused(client, engine, {}, "POST", "/api/v1/auth/login", text, None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "send less at a time" in answer["message"], answer
    # The body itself, as bytes and as text, and copies the test client makes: a bound of
    # 8 times its size, where parsing it would take 40 to 50 times (measured: 374 MB).
    assert peak < 8 * len(text), f"peak {peak / 2**20:.0f} MB for a {len(text) / 2**20:.0f} MB body"


# --------------------------------------------------------------------------- costs


def test_an_object_of_thousands_of_unknown_keys_is_refused_by_its_size(
        client: FlaskClient, engine: Engine) -> None:
    # A schema lists every unknown key in its error, in time growing as the square of
    # their number: 99,000 keys held a worker two minutes, before sign-in.
    text = "{" + ",".join(f'"k{number:07d}": 1' for number in range(20_000)) + "}"
    answer = _check_refused(client, engine, {}, "POST", "/api/v1/auth/login", text, None)
    assert "more than 1,000 keys" in answer["message"], answer
    # At the bound, the schema's own answer, naming the unknown fields.
    text = "{" + ",".join(f'"k{number:07d}": 1' for number in range(1000)) + "}"
    response = send(client, "POST", "/api/v1/auth/login", text)
    assert response.status_code == 422 and assert_error_shape(response)


@pytest.mark.parametrize("spaces", [99, 999, 30_000])
def test_a_number_padded_with_spaces_is_refused_without_reading_it_twice(
        client: FlaskClient, headers: dict[str, dict[str, str]], ids: dict[str, str],
        spaces: int) -> None:
    # The spaces around a number were stripped by a pattern that took time growing as the
    # square of a run of spaces not at the end (30,000: seconds of a worker).
    response = send(client, "PATCH", f"/api/v1/forms/{ids['form']}/values",
                    json.dumps({"values": {"anc1": "1" + " " * spaces + "x"}}),
                    headers["dmk"])
    assert response.status_code == 422, response.data[:300]
    assert assert_error_shape(response)["code"] == "invalid_values"


@pytest.mark.parametrize(("field", "size"), [("remarks", 4001), ("zz_unknown", 3_000_000)])
def test_a_pushed_text_longer_than_any_field_takes_is_refused_whole(
        client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
        ids: dict[str, str], field: str, size: int) -> None:
    # A field the form does not have is held with its value, for later: a 3 MB text sent
    # compressed in 15 KB grew the database by 3 MB and every officer's list of holds.
    text = render(_fill(_push("{device}", {"fields": {field: ["a" * size, 0]}}), ids))
    before = fingerprint(engine)
    response = client.post("/api/v1/sync/push", data=gzip.compress(text.encode()),
                           headers={**headers["dmk"], "Content-Type": "application/json"})
    assert response.status_code == 400, response.data[:300]
    assert "at most 4,000 characters" in assert_error_shape(response)["message"]
    assert fingerprint(engine) == before


@pytest.mark.parametrize(("method", "url", "body"), [
    ("POST", "/api/v1/forms", {"id": "{new}\n", "unit_id": "{unit}", "year": 2030,
                               "form_code": "health_center"}),
    ("POST", "/api/v1/forms", {"id": "{upper}", "unit_id": "{unit}", "year": 2030,
                               "form_code": "health_center"}),
    ("POST", "/api/v1/auth/login", {"username": "dmk", "password": PASSWORD,
                                    "device_id": "{new}\n"}),
    ("GET", "/api/v1/completeness?area=0102%0A&year=2026", None),
    ("GET", "/api/v1/completeness?area=%E1%9F%A0%E1%9F%A1&year=2026", None),
    ("GET", "/api/v1/exports/national?year=2026&scope=0102%0A", None),
    ("GET", "/api/v1/forms?unit_id={unit}%0A", None),
], ids=["form-id-newline", "form-id-upper-case", "device-id-newline", "area-newline",
        "area-khmer-digits", "export-scope-newline", "unit-query-newline"])
def test_an_id_or_code_with_a_final_newline_or_foreign_digits_is_refused(
        client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
        ids: dict[str, str], method: str, url: str, body: Any) -> None:
    # `$` in a pattern also matches before a final newline: "<uuid>\n" was stored as a
    # form id on SQLite (PostgreSQL refused it as too long, a different answer).
    new = str(uuid.uuid4())
    values = {**ids, "new": new, "upper": new.upper()}
    text = None if body is None else json.dumps(_fill(body, values))
    before = fingerprint(engine)
    response = send(client, method, url.format(**values), text, headers["admin"])
    assert response.status_code == 422, response.data[:300]
    assert assert_error_shape(response)["code"] == "invalid_request"
    assert fingerprint(engine) == before


@pytest.mark.parametrize("claims", [{"fam": {"a": 1}}, {"fam": ["x"]}, {"iat_ms": "abc"},
                                    {"iat_ms": True}, {"jti": "j" * 5000}, {"sub": 5}],
                         ids=["fam-object", "fam-list", "iat_ms-text", "iat_ms-bool",
                              "jti-5000", "sub-number"])
def test_a_token_signed_with_the_key_but_of_a_foreign_shape_is_refused(
        app: Flask, client: FlaskClient, world: World, claims: dict[str, Any]) -> None:
    # Only the holder of the signing key can make one (in development, the public key):
    # it must get a 401, not a type error.
    import jwt as pyjwt

    payload = {"sub": world.users["admin"], "jti": str(uuid.uuid4()), "type": "access",
               "fresh": False, "iat": 1_700_000_000, "nbf": 1_700_000_000,
               "exp": 4_000_000_000, "fam": str(uuid.uuid4()), **claims}
    token = pyjwt.encode(payload, app.config["JWT_SECRET_KEY"], algorithm="HS256")
    response = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, response.data[:300]
    assert_error_shape(response)


def test_unknown_keys_of_a_push_are_named_a_few_at_a_time(
        client: FlaskClient, engine: Engine, headers: dict[str, dict[str, str]],
        ids: dict[str, str]) -> None:
    extra = {f"k{number:03d}": 1 for number in range(900)}
    for body in (_push("{device}", extra), {**_push("{device}", {}), **extra}):
        answer = _check_refused(client, engine, headers, "POST", "/api/v1/sync/push",
                                render(_fill(body, ids)), "dmk")
        assert "unknown keys ('k000', 'k001', 'k002', 'k003', 'k004', ...)" in \
            answer["message"], answer
        assert len(answer["message"]) < 300
