"""Exceptions and warnings of the huntbook package."""

__all__ = ["KqlError", "TruncatedResultWarning", "HuntbookError"]


class HuntbookError(Exception):
    """Base class of huntbook's errors (connection problems, bad arguments)."""


class KqlError(HuntbookError):
    """A query, ingestion or parameter failed.

    Attributes:
        code: stable error code, e.g. "SyntaxError", "SemanticError", "NotSupported",
            "InvalidArgument", "NotFound" (the engine's StatusCode names; over HTTP the
            server's innermost error code).
        message: the diagnostic text.
        line, column: 1-based position in the query text; 0 when unknown.
    """

    def __init__(self, code, message, line=0, column=0):
        self.code = code or "Error"
        self.message = message or ""
        self.line = int(line or 0)
        self.column = int(column or 0)
        super().__init__(str(self))

    def __str__(self):
        where = f" (line {self.line}, column {self.column})" if self.line else ""
        return f"{self.code}: {self.message}{where}"

    def _render_traceback_(self):
        """IPython shows this instead of a Python traceback: the error, and the query line
        with a caret under the position when one is known."""
        lines = [str(self)]
        query = getattr(self, "query", None)
        if query and self.line:
            text_lines = query.splitlines()
            if 0 < self.line <= len(text_lines):
                lines.append("  " + text_lines[self.line - 1])
                lines.append("  " + " " * max(self.column - 1, 0) + "^")
        return lines

    @classmethod
    def from_native(cls, error):
        """From the {'code', 'message', 'line', 'column'} dict of huntbook._native."""
        return cls(error.get("code"), error.get("message"), error.get("line", 0),
                   error.get("column", 0))


class TruncatedResultWarning(UserWarning):
    """The result holds fewer rows than the query produced (a row limit was hit)."""
