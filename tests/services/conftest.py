import pytest


@pytest.fixture(scope="session")
def sample(sample_comparison):  # type: ignore[no-untyped-def]
    """The sample pair compared with the real model: the session's one comparison."""
    return sample_comparison
