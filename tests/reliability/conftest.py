"""Fixtures for the hostile-input tests. ``bad_inputs`` sits beside this file: pytest puts a
conftest's folder (one without ``__init__.py``) on the import path, as it does for the test
modules here that import it too."""

import pytest
from bad_inputs import make_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("bad-inputs"))
