"""What the frozen desktop app runs: the entry point of the bundle's `isaf-desk` executable.

The same as the `isaf-desk-gui` command of a pip install (client.app:main); PyInstaller needs
a script to start from, and this is it (packaging/desktop/isaf-desk.spec).
"""

import sys

from client.app import main

if __name__ == "__main__":
    sys.exit(main())
