"""``esm test-filter``'s logic: loading records, running, rendering, exit codes, bad input."""

from __future__ import annotations

import base64
import json
import subprocess
import sys

import pytest

from esm_cli.errors import ExitCode, ParamValidationError
from esm_cli.filters.dry_run import (
    TestFilterRequest,
    exit_code,
    load_records,
    normalize_source,
    patterns_from_filter_criteria,
    render_report,
    run,
    source_from_arn,
)
from esm_cli.filters.report import report_dict


def b64(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return base64.b64encode(text.encode()).decode()


SQS_EVENT = {
    "Records": [
        {"messageId": "1", "body": json.dumps({"RequestCode": "BBBB"}), "eventSource": "aws:sqs"},
        {"messageId": "2", "body": json.dumps({"RequestCode": "AAAA"}), "eventSource": "aws:sqs"},
    ]
}
PATTERN = '{"body": {"RequestCode": ["BBBB"]}}'


def _load(**kwargs):
    base = {"record_texts": [], "records_file_text": None, "message_bodies": [], "source": "sqs"}
    base.update(kwargs)
    return load_records(**base)


# --- load_records ---------------------------------------------------------------------------


def test_records_file_whole_event() -> None:
    records = _load(records_file_text=json.dumps(SQS_EVENT))
    assert [r["messageId"] for r in records] == ["1", "2"]


def test_records_file_json_list_and_ndjson() -> None:
    items = SQS_EVENT["Records"]
    assert len(_load(records_file_text=json.dumps(items))) == 2
    ndjson = "\n".join(json.dumps(item) for item in items) + "\n\n"
    assert [r["messageId"] for r in _load(records_file_text=ndjson)] == ["1", "2"]


def test_records_file_kafka_and_mq_events() -> None:
    kafka = {
        "eventSource": "aws:kafka",
        "records": {"t-0": [{"topic": "t", "partition": 0, "value": b64("a")}], "t-1": [{"topic": "t", "partition": 1, "value": b64("b")}]},
    }
    assert [r["partition"] for r in _load(records_file_text=json.dumps(kafka), source="kafka")] == [0, 1]
    active = {"eventSource": "aws:mq", "messages": [{"messageID": "m1", "data": b64("x")}]}
    assert _load(records_file_text=json.dumps(active), source="mq")[0]["messageID"] == "m1"
    rabbit = {"eventSource": "aws:rmq", "rmqMessagesByQueue": {"q::/": [{"basicProperties": {}, "data": b64("y")}]}}
    assert _load(records_file_text=json.dumps(rabbit), source="mq")[0]["data"] == b64("y")


def test_record_texts_and_message_bodies_keep_order() -> None:
    records = _load(record_texts=[json.dumps(SQS_EVENT["Records"][0])], message_bodies=["hello", "world"])
    assert [r["body"] for r in records] == [SQS_EVENT["Records"][0]["body"], "hello", "world"]
    assert records[1]["eventSource"] == "aws:sqs" and len(records[1]["md5OfBody"]) == 32
    assert records[1]["messageId"] != records[2]["messageId"]


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"record_texts": ["{nope"]}, "--record is not valid JSON"),
        ({"record_texts": ["{}", "[1]"]}, "--record #2 item 0 is a JSON number"),
        ({"records_file_text": ""}, "--records-file is empty"),
        ({"records_file_text": '{"a": 1}\n{broken'}, "--records-file line 2 is not valid JSON"),
        ({"records_file_text": "not json"}, "--records-file is not valid JSON"),
        ({"message_bodies": ["x"], "source": "kinesis"}, "--message-body builds SQS records"),
        ({}, "no records to test"),
    ],
)
def test_bad_record_input_is_a_param_validation_error(kwargs: dict, words: str) -> None:
    with pytest.raises(ParamValidationError) as raised:
        _load(**kwargs)
    assert words in raised.value.message
    assert raised.value.exit_code == ExitCode.PARAM_VALIDATION == 252


def test_numbers_keep_their_text_through_loading() -> None:
    (record,) = _load(record_texts=['{"body": "x", "n": 3.0e2}'])
    report = run(TestFilterRequest(patterns=['{"n": [300]}'], records=[record], source="sqs"))
    assert not report.results[0].kept
    assert "3.0e2" in report.results[0].reason.hint


# --- sources -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "arn, source",
    [
        ("arn:aws:sqs:us-east-1:123456789012:q", "sqs"),
        ("arn:aws:sqs:us-east-1:123456789012:q.fifo", "sqs"),
        ("arn:aws:kinesis:us-east-1:123456789012:stream/s", "kinesis"),
        ("arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1", "kinesis"),
        ("arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2024-01-01T00:00:00.000", "dynamodb"),
        ("arn:aws:kafka:us-east-1:123456789012:cluster/c/abc", "kafka"),
        ("arn:aws:mq:us-east-1:123456789012:broker:b:b-1", "mq"),
        ("arn:aws:rds:us-east-1:123456789012:cluster:docs", "docdb"),
        ("arn:aws:s3:::bucket", None),
        ("not an arn", None),
        ("", None),
    ],
)
def test_source_from_arn(arn: str, source: str | None) -> None:
    assert source_from_arn(arn) == source


def test_normalize_source_aliases_and_errors() -> None:
    assert normalize_source("DDB") == "dynamodb"
    assert normalize_source("msk") == "kafka"
    with pytest.raises(ParamValidationError, match="unknown source 'sns'"):
        normalize_source("sns")


def test_patterns_from_filter_criteria() -> None:
    criteria = {"Filters": [{"Pattern": PATTERN}, {"Pattern": '{"a": ["b"]}'}]}
    assert patterns_from_filter_criteria(criteria) == [PATTERN, '{"a": ["b"]}']
    assert patterns_from_filter_criteria(json.dumps(criteria)) == [PATTERN, '{"a": ["b"]}']
    assert patterns_from_filter_criteria({}) == []
    assert patterns_from_filter_criteria(None) == []
    with pytest.raises(ParamValidationError, match=r"Filters\[0\]\.Pattern must be a string"):
        patterns_from_filter_criteria({"Filters": [{"Pattern": {"a": ["b"]}}]})


# --- run -----------------------------------------------------------------------------------


def test_run_reports_kept_and_dropped_with_reasons() -> None:
    records = _load(records_file_text=json.dumps(SQS_EVENT))
    report = run(TestFilterRequest(patterns=[PATTERN], records=records, source="sqs"))
    kept, dropped = report.results
    assert kept.kept and kept.filter_index == 0 and kept.reason is None
    assert not dropped.kept
    assert (dropped.reason.path, dropped.reason.expected, dropped.reason.actual) == ("body.RequestCode", ["BBBB"], "AAAA")
    assert (report.kept, report.dropped) == (1, 1)


def test_second_filter_keeps_what_the_first_drops() -> None:
    records = _load(message_bodies=['{"RequestCode": "AAAA"}'])
    report = run(TestFilterRequest(patterns=[PATTERN, '{"body": {"RequestCode": ["AAAA"]}}'], records=records, source="sqs"))
    assert report.results[0].kept and report.results[0].filter_index == 1


def test_invalid_pattern_is_reported_like_aws_plus_hint() -> None:
    with pytest.raises(ParamValidationError) as raised:
        run(TestFilterRequest(patterns=['{"body": {"a": "x"}}'], records=[{}], source="sqs"))
    assert raised.value.message == (
        'Invalid filter pattern definition. at "body.a": a leaf must be a non-empty array (got string "x"; write ["x"])'
    )
    with pytest.raises(ParamValidationError, match=r"^Invalid filter pattern definition\. filter 1: "):
        run(TestFilterRequest(patterns=[PATTERN, "{"], records=[{}], source="sqs"))


def test_docdb_has_no_filtering() -> None:
    with pytest.raises(ParamValidationError, match="DocumentDB"):
        run(TestFilterRequest(patterns=['{"a": ["b"]}'], records=[{}], source="docdb"))
    report = run(TestFilterRequest(patterns=[], records=[{"a": 1}], source="docdb"))
    assert report.results[0].kept


def test_bad_expect_and_source() -> None:
    with pytest.raises(ParamValidationError, match="--expect must be keep or drop"):
        run(TestFilterRequest(patterns=[], records=[{}], source="sqs", expect="maybe"))
    with pytest.raises(ParamValidationError, match="unknown source"):
        run(TestFilterRequest(patterns=[], records=[{}], source="s3"))


def test_no_filters_keeps_everything_with_a_warning() -> None:
    report = run(TestFilterRequest(patterns=[], records=_load(message_bodies=["x"]), source="sqs"))
    assert report.results[0].kept
    assert any("no filters" in warning for warning in report.warnings)


def test_warnings_for_patterns_that_cannot_match() -> None:
    records = _load(message_bodies=["{}"])
    report = run(
        TestFilterRequest(
            patterns=['{"eventSourceARN": [{"prefix": "arn"}]}'] * 6 + ["{" + '"x": ["' + "y" * 4100 + '"]}'],
            records=records,
            source="sqs",
        )
    )
    text = "\n".join(report.warnings)
    assert "7 filters" in text and "added by Lambda after filtering" in text and "at most 4096" in text


def test_dynamodb_lint_warnings() -> None:
    pattern = '{"dynamodb": {"NewImage": {"age": {"N": [{"numeric": [">", 1]}]}, "name": ["x"]}, "NewImages": {"a": {"S": ["b"]}}}}'
    report = run(TestFilterRequest(patterns=[pattern], records=[{"dynamodb": {}}], source="dynamodb"))
    text = "\n".join(report.warnings)
    assert "N values are strings" in text
    assert '"dynamodb.NewImage.name": DynamoDB attribute values are typed' in text
    assert '"dynamodb.NewImages" is not a stream record field' in text


def test_record_from_another_source_gets_a_note() -> None:
    ddb = {"eventName": "INSERT", "eventSource": "aws:dynamodb", "dynamodb": {"Keys": {}}}
    report = run(TestFilterRequest(patterns=[PATTERN], records=[ddb], source="sqs"))
    assert any("--source dynamodb" in note for note in report.results[0].notes)


def test_kinesis_data_leniency_notes() -> None:
    raw_json = {"kinesis": {"partitionKey": "1", "data": '{"a": "b"}'}}
    decoded = {"kinesis": {"partitionKey": "1", "data": {"a": "b"}}}
    for record, note in ((raw_json, "not base64 but JSON"), (decoded, "given decoded")):
        report = run(TestFilterRequest(patterns=['{"data": {"a": ["b"]}}'], records=[record], source="kinesis"))
        assert report.results[0].kept
        assert any(note in n for n in report.results[0].notes)
    binary = {"kinesis": {"partitionKey": "1", "data": base64.b64encode(b"\xff\xfe").decode()}}
    report = run(TestFilterRequest(patterns=['{"data": {"a": ["b"]}}'], records=[binary], source="kinesis"))
    assert not report.results[0].kept and "not JSON" in report.results[0].reason.hint


# --- render and exit codes ------------------------------------------------------------------


def _report(expect=None):
    records = _load(records_file_text=json.dumps(SQS_EVENT))
    return run(TestFilterRequest(patterns=[PATTERN], records=records, source="sqs", expect=expect))


def test_render_json_is_machine_readable() -> None:
    document = report_dict(_report("keep"))  # what --output json prints
    assert document["Source"] == "sqs" and document["Expect"] == "keep"
    assert document["Summary"] == {"Records": 2, "Kept": 1, "Dropped": 1, "Unexpected": 1}
    first, second = document["Records"]
    assert first == {"Index": 0, "Result": "kept", "Filter": 0, "AsExpected": True}
    assert second["Result"] == "dropped" and second["AsExpected"] is False
    assert second["Reason"] == {"Path": "body.RequestCode", "Expected": ["BBBB"], "Actual": "AAAA", "Filter": 0}


def test_render_json_marks_missing_fields() -> None:
    records = _load(message_bodies=['{"Other": 1}'])
    report = run(TestFilterRequest(patterns=[PATTERN], records=records, source="sqs"))
    reason = report_dict(report)["Records"][0]["Reason"]
    assert reason["Missing"] is True and "Actual" not in reason


def test_render_table_for_people() -> None:
    table = render_report(_report("keep"))
    assert "DROPPED" in table and "body.RequestCode" in table and '"AAAA"' in table
    assert "UNEXPECTED (wanted keep)" in table
    assert "2 record(s), 1 filter(s), source sqs: 1 kept, 1 dropped, 1 not as expected (keep)" in table



def test_exit_codes() -> None:
    assert exit_code(_report(), None) == 0
    assert exit_code(_report("keep"), "keep") == 1
    assert exit_code(_report("drop"), "drop") == 1
    assert exit_code(_report(), "keep") == 1
    only_kept = run(TestFilterRequest(patterns=[PATTERN], records=_load(message_bodies=['{"RequestCode": "BBBB"}']), source="sqs"))
    assert exit_code(only_kept, "keep") == 0 and exit_code(only_kept, "drop") == 1
    assert exit_code(only_kept) == 0


def test_import_is_stdlib_only() -> None:
    code = (
        "import sys, esm_cli.filters.dry_run as t;"
        "heavy = {'tabulate', 'boto3', 'botocore', 'yaml', 'rich', 'click', 'jmespath'};"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_test_filter_prints_every_format_and_honours_query(esm) -> None:  # type: ignore[no-untyped-def]
    """test-filter's report is data for the output layer: yaml and table too, and --query alone."""
    line = ["test-filter", "--pattern", '{"body": {"a": [1]}}', "--message-body", '{"a": 1}']
    assert "Kept: 1" in esm(*line, "--output", "yaml").stdout
    assert "TestFilter" in esm(*line, "--output", "table").stdout
    assert esm(*line, "--query", "Summary.Kept").stdout == "1\n"
    assert "1 kept, 0 dropped" in esm(*line).stdout  # no --output, no --query: the report for people
