"""What went wrong with an address, a link or an account's data file, in the interface
language, with what to do: the sentences the sign-in screen, the settings, the sync and
the form screens all show (one wording for one problem wherever it is met)."""

from __future__ import annotations

from client.address import AddressError, AddressProblem
from client.qt import QCoreApplication
from client.store.errors import StoreLostError, StoreUnavailableError
from client.sync.transport import LinkProblem

#: How an address is written, shown after what is wrong with one.
EXAMPLE_ADDRESS = "http://192.168.1.10:5000"


def address_problem_text(error: AddressError) -> str:
    """What is wrong with a server address, and how to write it, in the interface
    language."""
    translate = QCoreApplication.translate
    part, problem = error.part, error.problem
    if problem is AddressProblem.EMPTY:
        return translate("ServerAddress", "Type the server address.")
    if problem is AddressProblem.SPACES:
        text = translate("ServerAddress", "The server address cannot contain spaces.")
    elif problem is AddressProblem.SCHEME:
        text = translate("ServerAddress", "The server address starts with http:// or "
                                          "https://, not {0}.").format(part)
    elif problem is AddressProblem.CREDENTIALS:
        return translate("ServerAddress", "Do not put a user name or password in the server "
                                          "address: type them in their own boxes.")
    elif problem is AddressProblem.HOST:
        text = translate("ServerAddress", "\"{0}\" in the server address is not a computer "
                                          "name or an IP address.").format(part)
    elif problem is AddressProblem.PORT and not part:
        text = translate("ServerAddress", "The port (the number after the colon) is missing "
                                          "from the server address.")
    elif problem is AddressProblem.PORT:
        text = translate("ServerAddress", "The port \"{0}\" in the server address is not "
                                          "right: it is one number, from 1 to "
                                          "65535.").format(part)
    else:
        text = translate("ServerAddress", "Remove \"{0}\" from the server address: it ends "
                                          "after the computer name and the port.").format(part)
    return text + " " + translate("ServerAddress", "Type it like {0}").format(EXAMPLE_ADDRESS)


def link_problem_text(problem: LinkProblem | None, server: str) -> str:
    """Why the server at `server` could not be reached, in the interface language: no
    network, or an address that names no ISAF Desk server (check it)."""
    translate = QCoreApplication.translate
    texts = {
        LinkProblem.NO_NETWORK: translate(
            "LinkProblem", "This computer has no network connection: the server at {0} "
                           "could not be reached."),
        LinkProblem.NO_SUCH_HOST: translate(
            "LinkProblem", "No computer with the address {0} was found: check the server "
                           "address, and that this computer is connected to the network."),
        LinkProblem.NOTHING_LISTENS: translate(
            "LinkProblem", "Nothing answers at {0}: check the server address and its port "
                           "(the number after the colon), or ask whether the server is "
                           "running."),
        LinkProblem.TIMEOUT: translate(
            "LinkProblem", "The server at {0} did not answer in time: the connection is slow "
                           "or cut."),
        LinkProblem.SECURE: translate(
            "LinkProblem", "No secure connection could be made with {0}: check whether the "
                           "address starts with http:// or https://."),
        LinkProblem.NOT_ISAF: translate(
            "LinkProblem", "{0} is not an ISAF Desk server: check the server address."),
        LinkProblem.SERVER_ERROR: translate(
            "LinkProblem", "The server at {0} has a problem of its own: try again later."),
    }
    default = translate("LinkProblem", "The server at {0} could not be reached (no "
                                       "connection).")
    return texts.get(problem, default).format(server) if problem is not None \
        else default.format(server)


def store_problem_text(error: StoreUnavailableError) -> str:
    """What is wrong with an account's data file, and what to do, in the interface
    language (a sentence a screen shows as it is, saying whether anything was saved)."""
    translate = QCoreApplication.translate
    where = error.where
    if isinstance(error, StoreLostError):
        if error.replaced:
            return translate("StoreProblem", "Not saved: this account's data file was replaced "
                                             "by another file while ISAF Desk was open ({0}). "
                                             "Write down what you typed, then close ISAF Desk "
                                             "and sign in again.").format(where)
        return translate("StoreProblem", "Not saved: this account's data file was deleted or "
                                         "moved while ISAF Desk was open ({0}). Write down what "
                                         "you typed, then close ISAF Desk and sign in again with "
                                         "a connection to the server.").format(where)
    texts = {
        "read_only": translate(
            "StoreProblem", "This account's data file cannot be written: it is read-only "
                            "({0}). Nothing was saved. Ask whoever looks after this computer "
                            "to allow writing to the file and its folder."),
        "unreadable": translate(
            "StoreProblem", "This account's data file cannot be read: it is damaged, or it "
                            "is not an ISAF Desk data file ({0}). It is left as it is. Ask "
                            "your district office for help."),
        "disk": translate(
            "StoreProblem", "The computer's disk is full or could not be written ({0}). "
                            "Nothing was saved. Free some space, then try again."),
        "key": translate(
            "StoreProblem", "This account's data file cannot be unlocked with this password "
                            "({0}): it is locked with the password of the last sign-in on this "
                            "computer, or it is damaged. It is left as it is. Sign in with a "
                            "connection to the server, or ask your district office for help."),
        "not_encrypted": translate(
            "StoreProblem", "This account's data could not be protected with its password "
                            "yet ({0}): the disk may be full. It is left as it was. Free some "
                            "space, then sign in again."),
        "too_new": translate(
            "StoreProblem", "This account's data was written by a newer version of ISAF "
                            "Desk ({0}). Install that version again (or a newer one) to open "
                            "it; nothing in it was changed."),
        "migration_failed": translate(
            "StoreProblem", "This account's data could not be brought up to this version "
                            "of ISAF Desk ({0}). Nothing in it was changed, and a copy made "
                            "before is kept (Restore a backup…). Tell your district office."),
        "in_use": translate(
            "StoreProblem", "This account's data is already open in ISAF Desk on this "
                            "computer (in another window, or in a command that is running). "
                            "Close it first, then try again."),
    }
    return texts.get(error.reason, translate(
        "StoreProblem", "This account's data file cannot be used ({0}). Nothing was "
                        "saved.")).format(where)
