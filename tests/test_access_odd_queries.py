"""Every URL × every kind of user × odd values in each query parameter it reads, with no 500."""

import pytest

from tests.access_matrix import EXPECTED_ACCESS, ROLES
from tests.fixtures_access import log_in_as

pytestmark = pytest.mark.django_db

# What a user (or a scanner) may type after any address: the walk asks each URL once as the table has it,
# noting every query parameter the view reads (its filter forms, the scenario, the downloads, DRF's ?format=),
# then asks again with each odd value in each of those parameters alone, so no other bad value is refused
# first and hides it. No answer may be a 500.

ODD_VALUES = ["", "0", "-5", "10000", "9" * 20, "abc", "1e999", "NaN", "<script>", "x" * 10_000, "a\x00b"]
# More parameters than this are a scenario (the projection's levers and assumptions), each read on its own and a
# bad one dropped with a message, never refusing the rest: they get every value at once, in turn.
MANY_PARAMS = 10


# To keep the walk short, each signed-in role tries half of the values, paired so that every value meets every
# page both as a user who may edit Albertslund (editor, admin) and as one who may not (viewer, other editor).
VALUES_BY_ROLE = {"anonymous": ODD_VALUES, "viewer": ODD_VALUES[0::2], "editor": ODD_VALUES[1::2],
                  "other_editor": ODD_VALUES[1::2], "admin": ODD_VALUES[0::2]}


def _odd_queries(params: list[str], values: list[str]) -> list[dict[str, str]]:
    """Each parameter alone with each value; a scenario's: request k gives parameter i value (i + k) mod n."""
    if len(params) > MANY_PARAMS:
        return [{param: values[(index + turn) % len(values)] for index, param in enumerate(params)}
                for turn in range(len(values))]
    return [{param: value} for param in params for value in values]


def _reading(monkeypatch, read: set[str]) -> None:
    """Notes the name of every query parameter looked up (request.GET and DRF's query_params are QueryDicts)."""
    from django.http import QueryDict

    for method in ("get", "getlist", "__getitem__", "__contains__"):
        original = getattr(QueryDict, method)

        def noting(self, key, *args, _original=original, **kwargs):
            if isinstance(key, str):
                read.add(key)
            return _original(self, key, *args, **kwargs)

        monkeypatch.setattr(QueryDict, method, noting)


@pytest.mark.parametrize("role", ROLES)
def test_no_url_answers_odd_query_values_with_a_500(client, access_users, access_objects, settings, monkeypatch,
                                                     role):
    from urllib.parse import parse_qsl, urlencode

    import weasyprint

    settings.API_RATE_LIMIT = "100000/hour"
    # The brief's HTML is built from the query as always; only laying it out as a PDF (a second a time, the
    # same for any query) is left out here: tests/test_brief.py makes real PDFs.
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: b"%PDF-1.7")
    log_in_as(client, access_users[role])
    read: set[str] = set()
    values = VALUES_BY_ROLE[role]
    failed, tried = [], 0
    for name, (url, _by_role) in EXPECTED_ACCESS.items():
        if name == "logout":
            continue  # a GET is refused (405), and the walk must stay signed in
        path, _sep, query = url.format(**access_objects).partition("?")
        fixed = dict(parse_qsl(query))
        with monkeypatch.context() as patch:
            read.clear()
            _reading(patch, read)
            client.get(path, fixed)
            params = sorted(read) or ["q"]  # a refused request reads nothing: try one anyway
        for query in _odd_queries(params, values):
            response = client.get(path, {**fixed, **query})
            tried += 1
            if response.status_code >= 500:
                failed.append(f"{role} GET {path}?{urlencode(query)[:80]}: {response.status_code}")
    assert tried >= (400 if role == "anonymous" else 300)
    assert failed == []
