"""Entry point of the frozen (PyInstaller) build: the same ``article-diff`` command line.

``article-diff`` opens the window, ``article-diff compare A B`` compares without one; see
``viewer.cli``.
"""

import multiprocessing
import sys

from viewer.cli import main

if __name__ == "__main__":
    # torch and joblib may start helper processes; a frozen child must not rerun the app.
    multiprocessing.freeze_support()
    sys.exit(main())
