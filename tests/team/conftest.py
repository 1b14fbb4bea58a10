"""The team-database tests (issue 13): the PostgreSQL cluster fixtures of tests/pg_cluster.py."""
from tests.pg_cluster import backend, make_store, pg_server, pg_template, pg_url  # noqa: F401  (fixtures)
