"""Words for core results: turns problem codes, rule traces and statuses into Chinese or English text.

Shared by `cli` (English on stderr and in JSON `because` fields), `reports` (Chinese PDFs) and `ui`
(the user's language). Plain Python, no Qt: the GUI's own chrome is translated with Qt Linguist, but
sentences about domain results must also appear in PDFs, which never touch Qt.
"""
