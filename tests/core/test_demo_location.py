"""The demo's records do not depend on the folder RiskDesk is installed in.

The demo database is built at a fixed moment by a fixed account so that its chain head, hence the bytes of its
reports, are the same on every machine. A proposal once recorded the absolute path of the demo folder it came
from, so the same demo gave other report bytes in another checkout.
"""
import sqlite3
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_no_record_of_the_demo_names_the_folder_the_program_runs_from(demo_db_master):
    where = {str(REPO)}
    found = []
    with sqlite3.connect(demo_db_master) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for column in columns:
                for folder in where:
                    n = conn.execute(f'SELECT count(*) FROM "{table}" WHERE typeof("{column}") = \'text\' '
                                     f'AND instr("{column}", ?) > 0', (folder,)).fetchone()[0]
                    if n:
                        found.append(f"{table}.{column}: {n} rows name {folder}")
    assert found == []
