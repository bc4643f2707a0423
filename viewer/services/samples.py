"""The bundled sample pair (a news article and a reworded rewrite), found in the package.

The files live in ``viewer/resources/seeds/`` and are read through ``importlib.resources``, so
Help > Open Sample Pair works from a wheel as well as from a checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_FILES = ("original.txt", "rewrite.txt")


class SampleMissing(Exception):
    """The sample files are not installed with the package; ``str()`` names what is missing."""


def sample_pair() -> tuple[Path, Path]:
    """Paths of the sample original and rewrite. Raises ``SampleMissing`` if not installed.

    The package is assumed to be installed as plain files (a wheel, a checkout): a zipped
    package would need extracting, which the viewer does not do.
    """
    folder = resources.files("viewer") / "resources" / "seeds"
    paths = []
    for name in SAMPLE_FILES:
        entry = folder / name
        if not entry.is_file():
            raise SampleMissing(f"the sample file {name} is not installed with Article Diff")
        paths.append(Path(str(entry)))
    return paths[0], paths[1]
