"""The library's root exception.

Findings are data, failures are exceptions: a bad model yields findings, and
an exception derived from :class:`GovrulesError` means govrules could not run
at all (a bad configuration, a path that does not exist). Like a finding, an
error carries its message as data (:class:`~govrules.messages.Message`), so
the command line shows it in the user's language; ``str(error)`` is English.
"""

from __future__ import annotations

from govrules.messages import Message, as_message


class GovrulesError(Exception):
    """Root of every exception govrules raises on purpose; anything else is a bug."""

    def __init__(self, message: Message | str = "") -> None:
        self.text = as_message(message)
        super().__init__(self.text.english)

    def render(self, lang: str = "en") -> str:
        """The error in ``lang``, as the command line prints it after ``govrules: error:``."""
        return self.text.render(lang)

    def __str__(self) -> str:
        return self.render("en")
