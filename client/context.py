"""The application context: one object handed to every screen (never a global).

It holds the data folder, the settings, the accounts known to this computer, the signed-in
person's session (store, link, engine), the operation runner and the interaction (how a
screen asks the person something or tells them: client/interaction.py). Screens read
through it, run writes through `operations` and show dialogs through `interaction`.
"""

from __future__ import annotations

from pathlib import Path

from client.interaction import Interaction
from client.operations import Operations
from client.profiles import Profiles
from client.qt import QObject, Signal
from client.session import UserSession
from client.settings import Settings
from client.ui.interaction import QtInteraction


class AppContext(QObject):
    """What the whole desktop application shares."""

    #: The session started or ended (None): the main window rebuilds itself.
    session_changed = Signal(object)
    #: The language switched ("km" or "en"): every screen re-translates its texts.
    language_changed = Signal(str)

    def __init__(self, home: Path, interaction: Interaction | None = None) -> None:
        super().__init__()
        self.home = home
        home.mkdir(parents=True, exist_ok=True)
        self.settings = Settings.load(home)
        self.profiles = Profiles(home)
        self.operations = Operations(self)
        self.session: UserSession | None = None
        #: Every message box and file dialog of the screens goes through it: dialogs on
        #: the screen by default, a ScriptedInteraction where nobody is there to click.
        self.interaction: Interaction = interaction if interaction is not None \
            else QtInteraction()

    @property
    def log_file(self) -> Path:
        """Where the client writes its log (shown in the about screen)."""
        return self.home / "isaf-desk.log"

    def start_session(self, session: UserSession) -> None:
        """A person signed in."""
        self.end_session()
        self.session = session
        self.settings.last_username = session.profile.username
        self.settings.save(self.home)
        self.session_changed.emit(session)

    def end_session(self) -> None:
        """Sign out: nothing of this person's session stays open for the next one."""
        if self.session is None:
            return
        self.operations.wait()
        self.session.close()
        self.session = None
        self.session_changed.emit(None)

    def save_settings(self) -> None:
        """Keep the settings now."""
        self.settings.save(self.home)
