"""A throwaway PostgreSQL cluster for the team-database tests (issue 13), started once per test session.

Registered from tests/conftest.py (`pytest_plugins`). Where the server comes from:
- `RISKDESK_TEST_PG_URL`: a running server (a URL whose login may create databases and roles), e.g. the
  cluster .ci/run starts;
- else a PostgreSQL installed here (`/usr/lib/postgresql/*/bin/initdb`, or `initdb` on PATH): a cluster in a
  temporary folder, unix socket only (no TCP port), trust authentication, stopped and removed at the end.
  As root, the server runs as an unprivileged account (`rdpg` when it exists, else `nobody`): PostgreSQL
  refuses to run as root.
- neither: the PostgreSQL tests FAIL when CI=true (they must run in CI) and are skipped with the reason
  otherwise.

On a server of your own (RISKDESK_TEST_PG_URL), the tests create and drop databases named rd_test_* and
logins they drop again; the group roles riskdesk_* that `db init-team` creates are cluster-wide and stay.

Fixtures: `pg_server` (session: the admin URL), `pg_url` (a new empty database for one test, dropped after),
`backend` ("sqlite" / "postgresql", for tests parametrised over both) and `make_store` (a new empty store
of that backend: `make_store(clock=..., os_user=...)`).
"""
from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest

_counter = itertools.count(1)


def _initdb() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1])
    which = shutil.which("initdb")
    return Path(which) if which else None


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"PostgreSQL tests must run in CI: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL for the team-database tests: {reason}")


def _as_user():
    """(uid, gid) to run the server as: ourselves, or an unprivileged account when we are root."""
    if os.geteuid() != 0:
        return None
    for name in ("rdpg", "nobody"):
        try:
            entry = pwd.getpwnam(name)
            return entry.pw_uid, entry.pw_gid
        except KeyError:
            continue
    return None


class Cluster:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="rdpg-"))
        self.data = self.root / "data"
        self.ids = _as_user()
        if self.ids is not None:
            os.chown(self.root, *self.ids)
            os.chmod(self.root, 0o755)

    def _run(self, *args: str) -> None:
        kwargs = {} if self.ids is None else {"user": self.ids[0], "group": self.ids[1], "extra_groups": []}
        subprocess.run(args, check=True, capture_output=True, cwd=self.root, **kwargs)

    def start(self, durable: bool = False) -> str:
        """Start the cluster; its admin URL. Not `durable` (tests): no fsync, nothing survives a crash."""
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--locale=C", "--no-sync")
        options = f"-k {self.root} -c listen_addresses='' -c max_connections=300"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "log"), "-w", "start")
        # the fixture stops it; this also when the session ends without its teardown (an interrupted run)
        atexit.register(self.stop)
        return f"postgresql://postgres@/postgres?host={quote(str(self.root), safe='/')}"

    def stop(self) -> None:
        if not self.data.exists():          # stopped already
            return
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except (subprocess.CalledProcessError, OSError):
            pass
        shutil.rmtree(self.root, ignore_errors=True)


def database_url(admin_url: str, name: str, user: str | None = None) -> str:
    """The URL of database `name` on the server of `admin_url` (as `user` when given)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(admin_url)
    netloc = parts.netloc if user is None else f"{user}@" + parts.netloc.split("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, "/" + name, parts.query, ""))


@pytest.fixture(scope="session")
def pg_server():
    """The admin URL of a PostgreSQL server for this session (see the module doc)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (pip install -e '.[test]')")
    given = os.environ.get("RISKDESK_TEST_PG_URL")
    if given:
        yield given
        return
    bindir = _initdb()
    if bindir is None:
        _unavailable("initdb not found (install postgresql, or set RISKDESK_TEST_PG_URL)")
    cluster = Cluster(bindir.parent)
    try:
        url = cluster.start()
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        cluster.stop()
        _unavailable(f"the throwaway cluster did not start: {exc} {detail.decode(errors='replace')[-500:]}")
    try:
        yield url
    finally:
        cluster.stop()


def new_database(admin_url: str, template: str | None = None) -> str:
    """A new database (a copy of `template` when given: 70 ms instead of running the migrations)."""
    import psycopg

    name = f"rd_test_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return database_url(admin_url, name)


@pytest.fixture(scope="session")
def pg_template(pg_server):
    """A database migrated to the current schema (opened by account "test" at 2025-01-01), to copy."""
    from datetime import datetime, timezone

    from core.store import Store

    url = new_database(pg_server)
    Store.open(url, clock=lambda: datetime(2025, 1, 1, tzinfo=timezone.utc), os_user="test").close()
    yield url.split("?")[0].rsplit("/", 1)[-1]
    drop_database(pg_server, url)


def drop_database(admin_url: str, url: str) -> None:
    import psycopg

    name = url.split("?")[0].rsplit("/", 1)[-1]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_server):
    """A new, empty database for one test (dropped after it, connections and all)."""
    url = new_database(pg_server)
    yield url
    drop_database(pg_server, url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    return request.param


@pytest.fixture
def make_store(backend, request):
    """make_store(clock=None, os_user=None) -> a new empty Store of the `backend` (each call a new one)."""
    from core.store import Store

    made: list = []

    def make(clock=None, os_user=None):
        if backend == "sqlite":
            store = Store.create_in_memory(clock=clock, os_user=os_user)
        else:
            server = request.getfixturevalue("pg_server")
            url = new_database(server)
            made.append(url)
            store = Store.open(url, clock=clock, os_user=os_user)
        return store

    yield make
    if made:
        server = request.getfixturevalue("pg_server")
        for url in made:
            drop_database(server, url)
