"""The Qt binding the client is pinned to survives a long working day.

shiboken6 6.12 (the abi3 wheel) returns Python's `None` from every void Qt call without
taking a reference to it; only Python 3.12's immortal `None` forgives that. On Python 3.11
a fresh process holds about 5,000 references to `None`, so a progress dialog updated a few
thousand times (a batch of posters, an Excel export) aborted the whole application with
"Fatal Python error: none_dealloc", losing whatever was on the screen. setup.cfg pins a
release without the defect; this test fails the day a pin brings it back.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

#: Far more updates than the ~5,000 references a fresh process holds: with the defect the
#: child aborts long before the end.
UPDATES = 20_000

_CHILD = textwrap.dedent(f"""
    import sys
    from client.qt import QApplication, QProgressDialog
    app = QApplication([])
    dialog = QProgressDialog("Exporting", "Cancel", 0, 100)
    before = sys.getrefcount(None)
    for step in range({UPDATES}):
        dialog.setValue(step % 100)
        dialog.setLabelText("Exporting")
    dialog.close()
    print(before - sys.getrefcount(None))
""")


def test_a_long_export_progress_does_not_abort_the_application() -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.run([sys.executable, "-c", _CHILD], capture_output=True, text=True,
                           env=environment, timeout=300, check=False)
    assert child.returncode == 0, f"the application aborted: {child.stderr[-2000:]}"
    # Each update giving back what it took: no slow leak towards the same abort.
    assert int(child.stdout.strip()) < UPDATES // 100, child.stdout
