"""docs/deploy.md "Two replicas with Docker Compose" (Dockerfile, compose.yaml, nginx.conf) agrees with what
tests/test_replicas.py proves: two replicas of one image started like ``AppServer`` (streamlit run
app.py), one shared ``SCORECARD_DB_URL`` on the compose PostgreSQL of the tested major version, and a
proxy with websocket upgrade headers and a sticky upstream that names exactly those replicas.

The files are read from the fenced blocks of that section, identified by their first-line comment.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import make_url

from tests.pg import find_pg_bin

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "deploy.md"
SECTION = "## Two replicas with Docker Compose"


def _blocks() -> dict[str, str]:
    """{file name from the first-line comment: block text} for the fenced blocks of that section."""
    text = DOC.read_text(encoding="utf-8")
    assert SECTION in text
    section = text[text.index(SECTION):]
    nxt = re.search(r"^## ", section[3:], flags=re.M)
    section = section[: nxt.start() + 3] if nxt else section
    out = {}
    for body in re.findall(r"^```[a-z]*\n(.*?)^```", section, flags=re.M | re.S):
        first = body.splitlines()[0]
        m = re.match(r"#\s*([\w.]+)\s*:?", first)
        if m:
            out[m.group(1)] = body
    return out


@pytest.fixture(scope="module")
def blocks() -> dict[str, str]:
    found = _blocks()
    assert {"Dockerfile", ".dockerignore", "compose.yaml", "nginx.conf"} <= set(found), sorted(found)
    return found


def test_compose_runs_two_replicas_of_one_image_on_one_postgres(blocks: dict[str, str]) -> None:
    compose = yaml.safe_load(blocks["compose.yaml"])
    services = compose["services"]
    apps = {name: s for name, s in services.items() if "SCORECARD_DB_URL" in (s.get("environment") or {})}
    assert sorted(apps) == ["app-a", "app-b"]
    a, b = apps.values()
    assert a == b  # same image, build, environment, dependencies
    assert a["build"] == "." and a["image"]
    env = a["environment"]
    url = make_url(env["SCORECARD_DB_URL"].replace("${POSTGRES_PASSWORD:?set it in .env}", "x"))
    assert url.drivername == "postgresql+psycopg"  # the driver the tests use
    db = services[url.host]
    assert db["image"].startswith("postgres:")
    assert db["environment"]["POSTGRES_DB"] == url.database and db["environment"]["POSTGRES_USER"] == url.username
    assert a["depends_on"][url.host]["condition"] == "service_healthy"
    assert env["STREAMLIT_SERVER_COOKIE_SECRET"].startswith("${")  # one secret for all replicas, from .env
    bindir = find_pg_bin()
    if bindir is not None:  # the major version the test suite runs on
        assert db["image"] == f"postgres:{bindir.parent.name.split('.')[0]}"

    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert set(proxy["depends_on"]) == set(apps)


def test_image_is_built_and_started_like_the_tested_servers(blocks: dict[str, str]) -> None:
    docker = blocks["Dockerfile"]
    assert re.search(r"^FROM python:3\.11", docker, flags=re.M)  # requires-python >= 3.11, like the venv
    assert "pip install -r requirements.txt" in docker
    assert "useradd" in docker and re.search(r"^USER \w+", docker, flags=re.M)
    cmd = re.search(r"^CMD (\[.*?\])\s*$", docker.replace("\\\n", ""), flags=re.M | re.S)
    assert cmd is not None
    args = yaml.safe_load(cmd.group(1))  # a JSON array is YAML too
    assert args[:3] == [".venv/bin/streamlit", "run", "app.py"]
    opts = dict(zip(args[3::2], args[4::2], strict=True))
    assert opts["--server.port"] == "8501" and opts["--server.address"] == "0.0.0.0"
    assert opts["--server.headless"] == "true" and opts["--server.fileWatcherType"] == "none"
    assert re.search(r"^EXPOSE 8501$", docker, flags=re.M)
    ignored = blocks[".dockerignore"].splitlines()
    assert {".venv", ".env", "data/*.sqlite"} <= set(ignored) and "data" not in ignored  # demo.xlsx is needed


def test_proxy_is_sticky_and_passes_websockets_to_both_replicas(blocks: dict[str, str]) -> None:
    conf = blocks["nginx.conf"]
    upstream = re.search(r"upstream (\w+) \{(.*?)\}", conf, flags=re.S)
    assert upstream is not None
    name, body = upstream.groups()
    assert re.search(r"^\s*(hash \$\w+ consistent|ip_hash|sticky [^;]+);", body, flags=re.M)
    assert re.findall(r"server ([\w-]+):(\d+)", body) == [("app-a", "8501"), ("app-b", "8501")]
    assert f"proxy_pass http://{name};" in conf
    assert "proxy_http_version 1.1;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf
    assert "proxy_set_header Connection $connection_upgrade;" in conf
    assert re.search(r"map \$http_upgrade \$connection_upgrade \{\s*default upgrade;", conf)
    assert "proxy_next_upstream error timeout;" in conf
    timeout = re.search(r"proxy_read_timeout (\d+)s;", conf)
    assert timeout and int(timeout.group(1)) >= 3600  # a workshop websocket stays open for an hour or more
    size = re.search(r"client_max_body_size (\d+)m;", conf)
    max_upload = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    assert size and int(size.group(1)) > max_upload  # MB: nginx must not refuse what Streamlit accepts
    compose = yaml.safe_load(blocks["compose.yaml"])
    assert compose["services"]["proxy"]["ports"] == ["8080:80"] and "listen 80;" in conf
