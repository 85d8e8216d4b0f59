"""The shorthand parser: a case table, the AWS CLI's own parser as an oracle, and properties.

The oracle is ``awscli.shorthand`` (awscli 1.46.3, a test dependency) run in a subprocess: the
runtime must not import awscli, and importing it here would alias ``botocore`` for every other
test in the process. v1 and v2 share the grammar; v2's syntax errors put one extra space before
the echoed input, which ``_as_v2`` adds to the oracle's text.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esm_cli.errors import ParamValidationError
from esm_cli.params import parse_shorthand
from esm_cli.params.shorthand_tokens import DuplicateKeyError, ShorthandError, ShorthandSyntaxError, error_location

DUP_HINT = 'This is often because there is a preceding "," instead of a space.'

# (input, parsed value)
PARSES: list[tuple[str, Any]] = [
    ("foo=bar", {"foo": "bar"}),
    ("foo=bar,baz=qux", {"foo": "bar", "baz": "qux"}),
    ("a=b,c=d,e=f", {"a": "b", "c": "d", "e": "f"}),
    ("foo=", {"foo": ""}),
    ("foo=,bar=", {"foo": "", "bar": ""}),
    ("=5", {"": "5"}),
    ("foo=\u2713", {"foo": "\u2713"}),
    ("foo=\u2713,\u2713", {"foo": ["\u2713", "\u2713"]}),
    ("foo=a,b", {"foo": ["a", "b"]}),
    ("foo=a,b,c", {"foo": ["a", "b", "c"]}),
    ("foo=a,b,bar=c,d", {"foo": ["a", "b"], "bar": ["c", "d"]}),
    ("A=x,y=z,w", {"A": "x", "y": ["z", "w"]}),
    ("foo=a,b=with space", {"foo": "a", "b": "with space"}),
    ("foo=a,b=with trailing space  ", {"foo": "a", "b": "with trailing space"}),
    ("A = b c ,B=d", {"A": "b c", "B": "d"}),
    ("A=b=c", {"A": "b=c"}),
    ("a=b c=d", {"a": "b c=d"}),
    ("with-dash=bar", {"with-dash": "bar"}),
    ("with_underscore=bar", {"with_underscore": "bar"}),
    ("with.dot=bar", {"with.dot": "bar"}),
    ("#key=value", {"#key": "value"}),
    ("some/thing=value", {"some/thing": "value"}),
    ("A:b=1", {"A:b": "1"}),
    ("aws:service:region:124:foo/bar=baz", {"aws:service:region:124:foo/bar": "baz"}),
    ("foo=[]", {"foo": []}),
    ("foo=[a]", {"foo": ["a"]}),
    ("foo=[a,b,c]", {"foo": ["a", "b", "c"]}),
    ("foo=[a,b],bar=c,d", {"foo": ["a", "b"], "bar": ["c", "d"]}),
    ("foo=[a=b,c=d]", {"foo": ["a=b", "c=d"]}),
    ("foo=[ a , b  , c  ]", {"foo": ["a", "b", "c"]}),
    ("foo  =  [ a , b  , c  ]", {"foo": ["a", "b", "c"]}),
    ("foo=[,,]", {"foo": ["", ""]}),
    ("foo='bar'", {"foo": "bar"}),
    ("foo='bar,baz'", {"foo": "bar,baz"}),
    ("foo='bar','baz'", {"foo": ["bar", "baz"]}),
    ("foo=bar,'baz=qux'", {"foo": ["bar", "baz=qux"]}),
    ("foo='bar\\'baz'", {"foo": "bar'baz"}),
    ("foo='bar\\\\baz'", {"foo": "bar\\baz"}),
    ('foo="bar"', {"foo": "bar"}),
    ('foo="bar,baz"', {"foo": "bar,baz"}),
    ('foo="bar\\"baz"', {"foo": 'bar"baz'}),
    ('a="x\\\\"y",b=2', {"a": 'x\\"y', "b": "2"}),
    ("foo='  padded  '", {"foo": "  padded  "}),
    ("foo=a\\,b", {"foo": "a,b"}),
    ("foo=\\,", {"foo": ","}),
    ("foo=a,b\\,c", {"foo": ["a", "b,c"]}),
    ("foo=a,\\,bc", {"foo": ["a", ",bc"]}),
    ("foo = bar,baz = qux", {"foo": "bar", "baz": "qux"}),
    ("a=b,c=  d,  e,  f", {"a": "b", "c": ["d", "e", "f"]}),
    ("Name=foo,\nValues=a,b,c", {"Name": "foo", "Values": ["a", "b", "c"]}),
    ("A=b,\nC=d,\nE=f\n", {"A": "b", "C": "d", "E": "f"}),
    ("A=1\nB=2", {"A": "1\nB=2"}),
    ("Name={foo=bar,baz=qux}", {"Name": {"foo": "bar", "baz": "qux"}}),
    ("a={b={c=d,e=f},g=h}", {"a": {"b": {"c": "d", "e": "f"}, "g": "h"}}),
    ("A={B=[1,2],C={D=e}}", {"A": {"B": ["1", "2"], "C": {"D": "e"}}}),
    ("a={}", {"a": {}}),
    ("a={k=1,k=2}", {"a": {"k": "2"}}),
    ("Name=[{foo=[a,b]}, {bar=[c,d]}]", {"Name": [{"foo": ["a", "b"]}, {"bar": ["c", "d"]}]}),
    ("foo@=bar", {"foo": "bar"}),
    ("foo  @=  [ a , b  , c  ]", {"foo": ["a", "b", "c"]}),
    ("Bar@=baz,Name={foo@=bar}", {"Bar": "baz", "Name": {"foo": "bar"}}),
    ("Foo@=http://example.com", {"Foo": "http://example.com"}),
    ("k=\u00a0", {"k": ""}),
    ("Filters=[{Pattern='{\"body\":{\"a\":[\"x\"]}}'},{Pattern=plain}]",
     {"Filters": [{"Pattern": '{"body":{"a":["x"]}}'}, {"Pattern": "plain"}]}),
    ("Endpoints={KAFKA_BOOTSTRAP_SERVERS=[b1:9092,b2:9092]}",
     {"Endpoints": {"KAFKA_BOOTSTRAP_SERVERS": ["b1:9092", "b2:9092"]}}),
    ("OnFailure={Destination=arn:aws:sqs:us-east-1:123456789012:dlq}",
     {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:dlq"}}),
    ("k1=a,b,k2=c", {"k1": ["a", "b"], "k2": "c"}),
]


def _syntax(expected: str, received: str, location: str) -> str:
    return f"Expected: '{expected}', received: '{received}' for input:\n {location}"


def _duplicate(key: str, location: str) -> str:
    return f'Second instance of key "{key}" encountered for input:\n{location}\n{DUP_HINT}'


# (input, exact message without the "Error parsing parameter" prefix) — AWS CLI v2 layout.
ERRORS: list[tuple[str, str]] = [
    ("foo", _syntax("=", "EOF", "foo\n   ^")),
    ("", _syntax("=", "EOF", "\n^")),
    ("   ", _syntax("=", "EOF", "   \n   ^")),
    ('foo="bar', _syntax("<double quoted>", "<none>", 'foo="bar\n    ^')),
    ('"foo=bar', _syntax("=", '"', '"foo=bar\n^')),
    ("foo='bar", _syntax("<singled quoted>", "<none>", "foo='bar\n    ^")),
    ("foo=[bar", _syntax(",", "EOF", "foo=[bar\n        ^")),
    ("foo={bar", _syntax("=", "EOF", "foo={bar\n        ^")),
    ("foo={bar}", _syntax("=", "}", "foo={bar}\n        ^")),
    ("foo={bar=bar", _syntax(",", "EOF", "foo={bar=bar\n            ^")),
    ("foo=bar,", _syntax("<second>", "<none>", "foo=bar,\n        ^")),
    ("foo==bar,\nbar=baz", _syntax(",", "=", "foo==bar,\n    ^\nbar=baz")),
    ("a=b,\nb==c", _syntax(",", "=", "a=b,\nb==c\n  ^")),
    ('Filters=[{Pattern={"data":[1]}}]', _syntax("=", '"', 'Filters=[{Pattern={"data":[1]}}]\n                   ^')),
    ("OnFailure={Destination=}", _syntax(",", "EOF", "OnFailure={Destination=}\n                        ^")),
    ("a=[b] ", _syntax(",", "EOF", "a=[b] \n      ^")),
    ('a=b,"c', _syntax("=", '"', 'a=b,"c\n    ^')),
    ("a=b,'c", _syntax("=", "'", "a=b,'c\n    ^")),
    ("k=\U0001f600", _syntax(",", "\U0001f600", "k=\U0001f600\n  ^")),
    ("a=[b,c", _syntax(",", "EOF", "a=[b,c\n      ^")),
    ("a={b=[c}", _syntax(",", "}", "a={b=[c}\n       ^")),
    ('{"a":1}', _syntax("=", "{", '{"a":1}\n^')),
    ("a=x,'y,z' w=1", _syntax("=", "'", "a=x,'y,z' w=1\n        ^")),
    ("foo=bar,foo=qux", _duplicate("foo", "foo=bar,foo=qux\n        ^")),
    ("MaximumConcurrency=5,MaximumConcurrency=6",
     _duplicate("MaximumConcurrency", "MaximumConcurrency=5,MaximumConcurrency=6\n                     ^")),
    ("a=1, a=2", _duplicate("a", "a=1, a=2\n    ^")),
    ("a=b,=c,=d", _duplicate("", "a=b,=c,=d\n       ^")),
]


def test_table_sizes() -> None:
    assert len(PARSES) + len(ERRORS) >= 60


@pytest.mark.parametrize(("text", "expected"), PARSES)
def test_parses(text: str, expected: Any) -> None:
    assert parse_shorthand(text) == expected


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_error_texts(text: str, message: str) -> None:
    with pytest.raises(ShorthandError) as caught:
        parse_shorthand(text)
    assert caught.value.message == message
    assert isinstance(caught.value, ParamValidationError)  # exit 252 at the boundary


def test_duplicate_key_error_is_only_top_level() -> None:
    assert isinstance(_error("a=1,a=2"), DuplicateKeyError)
    assert parse_shorthand("a={b=1,b=2}") == {"a": {"b": "2"}}


def test_backslash_runs_do_not_backtrack_exponentially() -> None:
    # The AWS test suite guards its regex against this; our scan is linear anyway.
    for quote in "'\"":
        assert isinstance(_error("foo=" + quote + "\\" * 5000), ShorthandSyntaxError)


def test_deep_nesting_is_a_clean_error() -> None:
    err = _error("a=" + "[" * 5000)
    assert isinstance(err, ShorthandError)


# ---- key@=file:// ------------------------------------------------------------------------------


def test_at_equals_loads_files(tmp_path: Any) -> None:
    text_file = tmp_path / "pattern.json"
    text_file.write_text('{"body": {"a": ["x"]}}\n')
    blob = tmp_path / "blob.bin"
    blob.write_bytes(b"\x00\xff")
    parsed = parse_shorthand(f"Filters=[{{Pattern@=file://{text_file}}}],B@=fileb://{blob}")
    assert parsed == {"Filters": [{"Pattern": '{"body": {"a": ["x"]}}\n'}], "B": b"\x00\xff"}


def test_at_equals_applies_to_that_key_only(tmp_path: Any) -> None:
    target = tmp_path / "f.txt"
    target.write_text("contents")
    assert parse_shorthand(f"A=file://{target}") == {"A": f"file://{target}"}
    assert parse_shorthand(f"Bar@={{Baz=file://{target}}}") == {"Bar": {"Baz": f"file://{target}"}}
    assert parse_shorthand(f"Foo@=[a, file://{target}, '{'file://' + str(target)}']") == {
        "Foo": ["a", "contents", "contents"]
    }
    # The AWS parser keeps the flag set after a nested "@=" until the next key: reproduced.
    assert parse_shorthand(f"A=[{{B@=x}}, file://{target}]") == {"A": [{"B": "x"}, "contents"]}


def test_at_equals_missing_file_is_a_bare_paramfile_error(tmp_path: Any) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(ParamValidationError) as caught:
        parse_shorthand(f"Pattern@=file://{missing}")
    assert caught.value.message == (
        f"Unable to load paramfile file://{missing}: [Errno 2] No such file or directory: '{missing}'"
    )


# ---- the AWS CLI as an oracle ------------------------------------------------------------------

_ORACLE = r"""
import json, sys
from awscli.shorthand import ShorthandParser, ShorthandParseError
out = []
for text in json.load(sys.stdin):
    try:
        out.append({"ok": ShorthandParser().parse(text)})
    except ShorthandParseError as error:
        out.append({"error": str(error)})
    except Exception as error:  # the AWS CLI would print a traceback-free generic error
        out.append({"crash": type(error).__name__})
json.dump(out, sys.stdout)
"""


def _as_v2(result: dict[str, Any]) -> dict[str, Any]:
    message = result.get("error")
    if message is not None and message.startswith("Expected: "):
        return {"error": message.replace(" for input:\n", " for input:\n ", 1)}
    return result


def _oracle(texts: list[str]) -> list[dict[str, Any]]:
    pytest.importorskip("awscli")
    proc = subprocess.run(
        [sys.executable, "-c", _ORACLE],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    return [_as_v2(r) for r in json.loads(proc.stdout)]


def _ours(text: str) -> dict[str, Any]:
    try:
        return {"ok": parse_shorthand(text)}
    except ShorthandError as error:
        return {"error": error.message}


def test_case_table_matches_the_aws_cli() -> None:
    texts = [t for t, _ in PARSES] + [t for t, _ in ERRORS]
    for text, theirs in zip(texts, _oracle(texts)):
        assert _ours(text) == theirs, text


def _random_inputs(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["a=", "k", "b", ",", "[", "]", "{", "}", "'", '"', "\\", " ", "@=", "=", "\\,", "x=y", "\n", "\t",
              "\u00a0", "\u00e9", "\U0001f600", "\x01", ":", "#", "-", ".", "/"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 24))) for _ in range(count)]


def test_random_inputs_match_the_aws_cli() -> None:
    # Differential fuzzing: 5000 strings biased towards the grammar's punctuation. Every parse
    # result and every error text (caret position included) must be the AWS CLI's.
    texts = _random_inputs(seed=20240102, count=5000)
    mismatches = [
        (text, mine, theirs)
        for text, theirs in zip(texts, _oracle(texts))
        if (mine := _ours(text)) != theirs
    ]
    assert mismatches == []


# ---- properties --------------------------------------------------------------------------------

_KEY = st.text(alphabet="abcXYZ019-_.#/:", min_size=1, max_size=6)
# Any BMP text except surrogates; a trailing backslash cannot be written in quotes in this grammar
# (its closing quote would read as escaped), so those strings are left out of the round trip.
_STRING = st.text(
    alphabet=st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",)), max_size=12
).filter(lambda s: not s.endswith("\\"))
_VALUE = st.recursive(
    _STRING,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEY, inner, max_size=4),
    max_leaves=12,
)


def _render(value: Any) -> str:
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ",".join(_render(v) for v in value) + "]"
    return "{" + ",".join(f"{k}={_render(v)}" for k, v in value.items()) + "}"


def render_shorthand(params: dict[str, Any]) -> str:
    return ",".join(f"{key}={_render(value)}" for key, value in params.items())


@given(st.dictionaries(_KEY, _VALUE, min_size=1, max_size=5))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_render_then_parse_round_trips(params: dict[str, Any]) -> None:
    assert parse_shorthand(render_shorthand(params)) == params


@given(st.dictionaries(_KEY, st.text(alphabet="abc -_/:.", min_size=1, max_size=8).map(str.strip)
                       .filter(bool), min_size=1, max_size=5))
def test_plain_values_need_no_quotes(params: dict[str, str]) -> None:
    text = ",".join(f"{k}={v}" for k, v in params.items())
    assert parse_shorthand(text) == params


def _error(text: str) -> ParamValidationError:
    with pytest.raises(ParamValidationError) as caught:
        parse_shorthand(text)
    return caught.value


@given(st.text(alphabet=st.sampled_from(list("ab=,[]{}'\"\\ @\n:é\u00a0") + ["\U0001f600"]), max_size=30)
       | st.text(max_size=30))
@settings(max_examples=500)
def test_any_text_parses_or_fails_with_a_caret_inside_the_input(text: str) -> None:
    try:
        result = parse_shorthand(text)
    except ShorthandError as error:
        assert isinstance(error, (ShorthandSyntaxError, DuplicateKeyError))
        assert 0 <= error.index <= len(text)
        location = error_location(text, error.index)
        assert location in error.message
        line_start = text.rfind("\n", 0, error.index) + 1
        caret_line = location.split("\n")[text.count("\n", 0, max(error.index, 0)) + 1]
        assert caret_line == " " * (error.index - line_start) + "^"
        return
    except ParamValidationError:
        return  # e.g. "k@=file://…" naming a missing file: a clean error too
    assert isinstance(result, dict)
