"""`esm validate PATH`: each format and source type on its fixture, findings and positions as expected.

The fixtures (tests/data/iac/<format>/) are small templates written for these tests; each folder's
expected report (tests/data/iac/expected/<format>.txt) is the compiler-style report, reviewed
line by line: rule, severity, resource, property, line and column.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Esm

DATA = Path(__file__).parent / "data" / "iac"
ROOT = DATA.parent.parent.parent


@pytest.fixture(autouse=True)
def _at_the_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the expected reports name files as a user in the repository would


FORMATS = ("cloudformation", "sam", "serverless", "terraform", "plan", "mappings", "broken")


@pytest.mark.parametrize("folder", FORMATS)
def test_each_format_reports_its_findings_at_their_places(esm: Esm, folder: str) -> None:
    result = esm("validate", f"tests/data/iac/{folder}")
    assert result.stdout == (DATA / "expected" / f"{folder}.txt").read_text()
    assert result.rc == 1 and result.stderr == ""


def test_short_form_intrinsics_parameters_and_mappings_resolve(esm: Esm) -> None:
    report = esm("validate", "tests/data/iac/cloudformation/kafka-mq-docdb.yaml", "--output", "json").json()
    by_rule = {(f["Resource"], f["RuleId"]): f for f in report["Findings"]}
    # !FindInMap [Sizes, prod, Batch] is "20000": converted to a number, then over the model's maximum.
    assert (
        by_rule[("MskMapping", "M-BatchSize-max")]["Line"],
        by_rule[("MskMapping", "M-BatchSize-max")]["Column"],
    ) == (26, 7)
    # !Ref Secret has no default: not checked, never guessed.
    unknown = by_rule[("GoodKafkaMapping", "IAC-UNKNOWN")]
    assert (
        unknown["Severity"] == "info" and unknown["Message"] == "not checked: !Ref Secret is known only at deploy time"
    )
    assert ("SelfManagedMapping", "IAC-CFN") in by_rule
    assert ("SkippedMapping", "M-EventSourceArn-pattern") in by_rule  # a resource under a Condition is still checked


def test_sam_defaults_and_policies(esm: Esm) -> None:
    report = esm("validate", "tests/data/iac/sam/template.yaml", "--output", "json").json()
    rules = {(f["Resource"], f["RuleId"]) for f in report["Findings"]}
    # Globals Timeout 45 < VisibilityTimeout 270: fine; the role SAM creates has the SQS, Kinesis and
    # DynamoDB managed policies and the destination's sqs:SendMessage, so no role finding for Handler.
    assert not {r for r in rules if r[0].startswith("Handler.") and r[1] in ("R-EXIST-4", "IAC-ROLE", "R-EXIST-5")}
    assert ("Brokers.Events.FromMq", "IAC-ROLE") in rules  # a role of the template's own, without MQ's actions


def test_terraform_provider_handling(esm: Esm) -> None:
    report = esm("validate", "tests/data/iac/terraform", "--output", "json").json()
    found = {(f["Resource"], f["Property"], f["RuleId"]) for f in report["Findings"]}
    # "0" for maximum_batching_window_in_seconds and "" for starting_position are not sent (no R-SP-4);
    # batch_size = var.batch (20) against the fifo queue of local.fifo: R-BS-3.
    assert ("aws_lambda_event_source_mapping.m", "BatchSize", "R-BS-3") in found
    assert not any(rule == "R-SP-4" for _, _, rule in found)
    assert ("aws_lambda_event_source_mapping.stream", "EventSourceArn", "IAC-UNKNOWN") in found
    # parallelization_factor = 0 is not sent: no model error for it.
    assert not any(prop == "ParallelizationFactor" for _, prop, _ in found)


def test_a_clean_template_exits_0(esm: Esm, tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n"
        "    Properties:\n      EventSourceArn: !GetAtt Q.Arn\n      FunctionName: f\n      BatchSize: 10\n"
    )
    result = esm("validate", str(tmp_path))
    assert (result.rc, result.stdout) == (0, "0 errors, 0 warnings, 0 info in 1 mapping from 1 file\n")


def test_folders_skip_build_and_vendor_folders(esm: Esm, tmp_path: Path) -> None:
    bad = "- FunctionName: f\n  EventSourceArn: arn:aws:sqs:us-east-1:123456789012:q\n  BatchSize: 0\n"
    for folder in (".git", ".terraform", "node_modules"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "mappings.yaml").write_text(bad)
    (tmp_path / "notes.yaml").write_text("title: not a template\n")  # walked, not ours: silently skipped
    result = esm("validate", str(tmp_path))
    assert (result.rc, result.stdout) == (0, "0 errors, 0 warnings, 0 info in 0 mappings from 1 file\n")


def test_output_formats_and_exit_codes(esm: Esm, tmp_path: Path) -> None:
    as_json = esm("validate", "tests/data/iac/mappings", "--output", "json")
    assert as_json.rc == 1
    assert as_json.json()["Summary"] == {"error": 2, "warning": 0, "info": 0, "Mappings": 3, "Files": 1}
    assert esm("validate", "tests/data/iac/mappings", "--output", "yaml").stdout.startswith("Findings:")
    text = esm("validate", "tests/data/iac/mappings", "--output", "text").stdout
    assert "client-validation" in text
    # info only: exit 0; warnings only: 0, but 1 under --strict.
    (tmp_path / "t.yaml").write_text(
        "Parameters:\n  Arn:\n    Type: String\nResources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n"
        "    Properties:\n      EventSourceArn: !Ref Arn\n      FunctionName: f\n"
    )
    assert esm("validate", str(tmp_path / "t.yaml")).rc == 0
    assert esm("validate", str(tmp_path / "t.yaml"), "--strict").rc == 0


def test_bad_command_lines_are_252(esm: Esm, tmp_path: Path) -> None:
    assert esm("validate", str(tmp_path / "missing.yaml")).rc == 252
    assert esm("validate", str(tmp_path), "--batch-size", "3").rc == 252
    assert esm("validate", str(tmp_path), "--file", str(tmp_path / "x.yaml")).rc == 252
    assert esm("validate", "--function-name", "f", "--output", "sarif").rc == 252
    assert esm("validate", str(tmp_path), "--output", "bogus").rc == 252
    assert esm("get-event-source-mapping", "--uuid", "x", "--output", "sarif").rc == 252  # validate's choice only


def test_input_caps_keep_their_252(esm: Esm, tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6)
    )
    (tmp_path / "bomb.yaml").write_text(bomb)
    assert esm("validate", str(tmp_path / "bomb.yaml")).rc == 252
    (tmp_path / "deep.json").write_text("[" * 500 + "]" * 500)
    assert esm("validate", str(tmp_path / "deep.json")).rc == 252


def test_json_records_carry_every_field(esm: Esm) -> None:
    report = esm("validate", "tests/data/iac/plan", "--output", "json").json()
    assert set(report["Findings"][0]) == {
        "File",
        "Line",
        "Column",
        "Resource",
        "Property",
        "RuleId",
        "Severity",
        "Message",
        "Hint",
    }
    json.dumps(report)


def test_without_python_hcl2_a_tf_file_says_what_to_install(esm: Esm, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "hcl2", None)  # import hcl2 now raises ImportError
    result = esm("validate", "tests/data/iac/terraform/main.tf")
    assert result.rc == 1
    assert "error IAC-PARSE reading Terraform needs python-hcl2: pip install 'esm-cli[iac]'" in result.stdout


def test_todays_ways_still_work_beside_paths(esm: Esm) -> None:
    arn = "arn:aws:sqs:us-east-1:123456789012:q"
    given = json.dumps({"FunctionName": "f", "EventSourceArn": arn, "BatchSize": 5})
    assert esm("validate", "--cli-input-json", given).stdout == "mapping: ok\n"
    assert esm("validate", "--file", "tests/data/iac/mappings/mappings.yaml").stdout.startswith("mapping 1 (a): ok\n")


def test_a_folder_with_other_templating_does_not_fail(esm: Esm, tmp_path: Path) -> None:
    (tmp_path / "chart.yaml").write_text("replicas: {{ .Values.replicas }\n")  # Helm: not YAML until rendered
    (tmp_path / "broken.yaml").write_text("Resources: [AWS::SQS::Queue\n")
    result = esm("validate", str(tmp_path))
    assert result.rc == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines()[:-1]] == [f"{tmp_path}/broken.yaml:2:1"]


def test_a_named_file_of_another_kind_is_skipped_with_a_note(esm: Esm) -> None:
    result = esm("validate", "pyproject.toml", "--strict")  # pre-commit names every YAML file: never a failure
    assert result.rc == 0
    assert result.stdout.startswith("pyproject.toml:1:1: info IAC-FORMAT skipped: not a CloudFormation or SAM template")


def test_a_named_tf_file_is_read_with_its_module(esm: Esm, tmp_path: Path) -> None:
    (tmp_path / "variables.tf").write_text('variable "size" {\n  default = 50\n}\n')
    (tmp_path / "broken.tf").write_text("broken = \n")
    (tmp_path / "main.tf").write_text(
        'resource "aws_lambda_event_source_mapping" "m" {\n  function_name = "f"\n'
        '  event_source_arn = "arn:aws:sqs:us-east-1:123456789012:q.fifo"\n  batch_size = var.size\n}\n'
    )
    result = esm("validate", str(tmp_path / "main.tf"))
    # var.size comes from the sibling file; the broken sibling is not this run's to report
    assert "error R-BS-3 [aws_lambda_event_source_mapping.m.BatchSize]" in result.stdout
    assert "broken.tf" not in result.stdout and result.rc == 1
