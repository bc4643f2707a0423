"""A digest of the app's own files (``viewer/``), recorded in a frozen build.

The spec writes it into the build as ``_internal/article-diff-source.sha256``; the frozen smoke
test compares it with the checkout to know whether the build still matches the code (another
commit since the build means the results may rightly differ).

    python packaging/source_digest.py        # prints the checkout's digest
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

FILE_NAME = "article-diff-source.sha256"
ROOT = Path(__file__).resolve().parent.parent


def source_digest(root: Path = ROOT) -> str:
    """SHA-256 over the paths and bytes of every file under ``root/viewer`` (caches excluded)."""
    digest = hashlib.sha256()
    package = root / "viewer"
    for path in sorted(package.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts or path.suffix == ".pyc":
            continue
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


if __name__ == "__main__":
    print(source_digest(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT))
