"""The tests of tests/cli/test_lang_cli.py that take a stored history as `--db`, on PostgreSQL: `demo_db` is
a PostgreSQL copy of the session's demo database (conftest.py here), its URL given as `--db`. The module's
other tests import into a new SQLite file of their own or use no store: they stay on SQLite in tests/cli.

Left out: test_report_duties_and_demo_speak_chinese_and_keep_their_contract_lines: its last step expects the
SQLite answer to `demo --db` on an existing file ("文件已存在"); `demo --db postgresql://…` is refused by design
(the demo is written to a new local file, then `db copy` puts it on a team database), tested in
tests/cli/test_lang_cli.py. (It first answered "所在文件夹不存在" with the URL's '//' folded: fixed.) Its report
and duties steps pass on PostgreSQL (run by hand, 2026-12-07)."""
import pytest

from tests.cli.test_lang_cli import test_db_verify_and_backup_speak_chinese_by_default_english_on_request  # noqa: F401

pytestmark = pytest.mark.slow     # again on PostgreSQL: CI runs it (tests/conftest.py)
