"""Home (首页): the guideline as a process — the duty calendar, what is overdue or due in the next 60 days,
the open breach cases and the major events not yet reported to the board, with the governance records
(forms, lists with their history, XLSX export) and the roles declared on the database."""
