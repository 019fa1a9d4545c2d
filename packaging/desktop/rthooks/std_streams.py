"""Runtime hook of the frozen desktop app: give it standard streams when it has none.

A windowed executable on Windows starts without a console, and Python then sets
sys.stdout and sys.stderr to None: a `print(..., file=sys.stderr)` (the client says why
it cannot start that way) would itself fail. Writing to the null device instead loses
nothing a person could have seen; the log file in the data folder keeps the details.
"""

import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the app
