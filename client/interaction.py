"""The questions and messages the application puts to a person, without Qt.

Every screen asks through one object on the application context (`AppContext.interaction`)
instead of calling a dialog class: a message to read, a yes-or-no question, a choice, a
text, a file or a folder. On the desktop the object is `client.ui.interaction.QtInteraction`
(message boxes and Qt's own file dialogs, Khmer wrapped between words); in tests and in
commands without a display it is `ScriptedInteraction`, which records every message and
answers from replies queued in advance.

Texts arrive already in the interface language: this module words nothing itself.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

#: What a dialog was: a message (inform, warn) or a question (the others).
Kind = Literal["inform", "warn", "confirm", "choose", "ask_text", "save_path", "open_path",
               "folder"]
#: A reply queued for a question: True/False for `confirm`, a text for `choose` and
#: `ask_text`, a Path for the file questions, None for "cancelled".
Reply = bool | str | Path | None


class Interaction(Protocol):
    """How the application talks to the person in front of it.

    `parent` is the window a dialog belongs to (a QWidget on the desktop, anything or None
    elsewhere). Every question has a "cancel" answer, and that is also what a person gets by
    closing the dialog: False or None.
    """

    def inform(self, parent: object, title: str, text: str) -> None:
        """Tell something that went as expected, or why nothing was done."""

    def warn(self, parent: object, title: str, text: str) -> None:
        """Tell something that went wrong, and what to do."""

    def confirm(self, parent: object, title: str, text: str, *, accept: str | None = None,
                reject: str | None = None, destructive: bool = False) -> bool:
        """Ask yes or no; True only for an explicit yes. `accept` and `reject` are the
        buttons' own words (without them: Yes and No); `destructive` marks the yes as
        losing something. No is the default answer."""

    def choose(self, parent: object, title: str, label: str,
               options: Sequence[str]) -> str | None:
        """One of `options`, or None when cancelled."""

    def ask_text(self, parent: object, title: str, label: str) -> str | None:
        """A text of one or more lines, as typed; None when cancelled."""

    def save_path(self, parent: object, title: str, suggested: str,
                  name_filter: str) -> Path | None:
        """Where to save a file (`suggested`: a path to start from); None when cancelled."""

    def open_path(self, parent: object, title: str, directory: str,
                  name_filter: str) -> Path | None:
        """Which file to open; None when cancelled."""

    def folder(self, parent: object, title: str, directory: str) -> Path | None:
        """Which folder; None when cancelled."""


@dataclass(frozen=True)
class Asked:
    """One dialog a ScriptedInteraction was asked to show: its kind, title and text (the
    label of a question)."""

    kind: Kind
    title: str
    text: str


class UnansweredError(RuntimeError):
    """A question came that no reply was queued for, or whose reply does not fit it.

    Raised instead of waiting: a command or a test that meets an unexpected question
    stops and says which one, never hangs on a dialog nobody sees."""


class ScriptedInteraction:
    """An Interaction without a screen: messages are recorded, questions are answered from
    replies queued beforehand (`reply`), in order."""

    def __init__(self, *replies: Reply) -> None:
        #: Every dialog asked for, in order.
        self.asked: list[Asked] = []
        #: The texts of the messages (inform and warn), in order.
        self.told: list[str] = []
        self._replies: deque[Reply] = deque(replies)

    def reply(self, *replies: Reply) -> None:
        """Queue the answers of the next questions."""
        self._replies.extend(replies)

    @property
    def pending(self) -> list[Reply]:
        """The replies not used yet."""
        return list(self._replies)

    # ------------------------------------------------------------------ messages

    def inform(self, parent: object, title: str, text: str) -> None:
        """Recorded."""
        del parent
        self.asked.append(Asked("inform", title, text))
        self.told.append(text)

    def warn(self, parent: object, title: str, text: str) -> None:
        """Recorded."""
        del parent
        self.asked.append(Asked("warn", title, text))
        self.told.append(text)

    # ------------------------------------------------------------------ questions

    def _next(self, kind: Kind, title: str, text: str) -> Reply:
        self.asked.append(Asked(kind, title, text))
        if not self._replies:
            raise UnansweredError(f"no reply queued for {kind} {title!r}: {text!r}")
        return self._replies.popleft()

    def _misfit(self, kind: Kind, title: str, reply: Reply) -> UnansweredError:
        return UnansweredError(f"the reply {reply!r} does not answer {kind} {title!r}")

    def confirm(self, parent: object, title: str, text: str, *, accept: str | None = None,
                reject: str | None = None, destructive: bool = False) -> bool:
        """The next reply, which must be True or False."""
        del parent, accept, reject, destructive
        reply = self._next("confirm", title, text)
        if not isinstance(reply, bool):
            raise self._misfit("confirm", title, reply)
        return reply

    def choose(self, parent: object, title: str, label: str,
               options: Sequence[str]) -> str | None:
        """The next reply: one of `options`, or None."""
        del parent
        reply = self._next("choose", title, label)
        if reply is not None and (not isinstance(reply, str) or reply not in options):
            raise self._misfit("choose", title, reply)
        return reply

    def ask_text(self, parent: object, title: str, label: str) -> str | None:
        """The next reply: a text, or None."""
        del parent
        reply = self._next("ask_text", title, label)
        if reply is not None and not isinstance(reply, str):
            raise self._misfit("ask_text", title, reply)
        return reply

    def _path(self, kind: Kind, title: str, text: str) -> Path | None:
        reply = self._next(kind, title, text)
        if reply is not None and not isinstance(reply, Path):
            raise self._misfit(kind, title, reply)
        return reply

    def save_path(self, parent: object, title: str, suggested: str,
                  name_filter: str) -> Path | None:
        """The next reply: a Path, or None."""
        del parent, name_filter
        return self._path("save_path", title, suggested)

    def open_path(self, parent: object, title: str, directory: str,
                  name_filter: str) -> Path | None:
        """The next reply: a Path, or None."""
        del parent, name_filter
        return self._path("open_path", title, directory)

    def folder(self, parent: object, title: str, directory: str) -> Path | None:
        """The next reply: a Path, or None."""
        del parent
        return self._path("folder", title, directory)
