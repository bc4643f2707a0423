"""Article Diff: what changed between two versions of an article."""

__version__ = "0.1.0"
