"""Completion for the aws backend against a real HTTP endpoint (moto's server on 127.0.0.1).

A TAB press reads the cache and never calls AWS, unless ESM_COMPLETE_REMOTE=1: then it lists
the mappings through the aws backend, offers them and refreshes the cache.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any


from conftest import clean_env
from support import motoserver


server = motoserver.server_fixture()


def tab(text: str, env: dict[str, str]) -> list[str]:
    request = {"_ESM_COMPLETE": "fish", "_ESM_COMP_WORDS": "\n".join(text.split(" ")[:-1]), "_ESM_COMP_CURRENT": ""}
    done = subprocess.run([sys.executable, "-m", "esm_cli"], env={**env, **request}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return [row.split("\t")[0] for row in done.stdout.splitlines()[1:]]


def test_remote_completion_lists_from_aws_and_refreshes_the_cache(server: Any, tmp_path: Path) -> None:
    lam = server.client("lambda")
    uuid = lam.create_event_source_mapping(FunctionName="fn2", EventSourceArn=server.resources["queues"]["q2"])["UUID"]
    env = clean_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), AWS_DEFAULT_REGION=motoserver.REGION,
                    **motoserver.DUMMY_CREDENTIALS)
    line = f"esm --endpoint-url {server.url} get-event-source-mapping --uuid "
    assert tab(line, env) == []  # no network on TAB by default, and nothing cached yet
    assert uuid in tab(line, {**env, "ESM_COMPLETE_REMOTE": "1"})
    assert uuid in tab(line, env)  # from the refreshed cache
    assert "fn2" in tab(f"esm --endpoint-url {server.url} list-event-source-mappings --function-name ", env)


def test_an_unreachable_endpoint_falls_back_to_the_cache_quickly(server: Any, tmp_path: Path) -> None:
    env = clean_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), AWS_DEFAULT_REGION=motoserver.REGION,
                    ESM_COMPLETE_REMOTE="1", **motoserver.DUMMY_CREDENTIALS)
    port = motoserver.free_port()  # nothing listens there
    assert tab(f"esm --endpoint-url http://127.0.0.1:{port} get-event-source-mapping --uuid ", env) == []


def test_list_get_create_and_delete_on_the_aws_backend_keep_the_cache_current(server: Any, tmp_path: Path) -> None:
    from conftest import Esm

    env = clean_env(tmp_path, XDG_CACHE_HOME=str(tmp_path / "cache"), AWS_DEFAULT_REGION=motoserver.REGION,
                    **motoserver.DUMMY_CREDENTIALS)
    esm = Esm(env)
    line = f"esm --endpoint-url {server.url} get-event-source-mapping --uuid "
    made = esm.ok("create-event-source-mapping", "--endpoint-url", server.url, "--function-name", "fn3",
                  "--event-source-arn", server.resources["queues"]["q1"])
    assert made["UUID"] in tab(line, env)  # create fed the cache: no network on this TAB
    other = server.client("lambda").create_event_source_mapping(
        FunctionName="fn3", EventSourceArn=server.resources["queues"]["q2"])["UUID"]
    assert other not in tab(line, env)
    esm.ok("list-event-source-mappings", "--endpoint-url", server.url)
    assert other in tab(line, env)  # list fed it too
    esm.ok("delete-event-source-mapping", "--endpoint-url", server.url, "--uuid", other)
    assert other not in tab(line, env)  # a deleted mapping is forgotten
