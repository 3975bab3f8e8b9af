class ImportProblem(Exception):
    """Something the importer cannot use, with a ``code`` the portal translates.

    ``detail`` holds the values the message needs (a size, a limit, a reason).
    """

    code = "problem"

    def __init__(self, code: str, **detail):
        super().__init__(code)
        self.code = code
        self.detail = detail


class UnreadableDocument(ImportProblem):
    """The input cannot be read as text: empty, binary, too large, corrupted, or a scan without text."""


class NotAPlan(ImportProblem):
    """The text reads, but it is not a coordination plan (for example a news article)."""
