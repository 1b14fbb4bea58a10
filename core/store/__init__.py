"""The history store: the only code that touches the SQLite database."""
