import pytest

from tests.exhibits.museum import build_museum


@pytest.fixture
def museum(isolated_files):
    return build_museum(isolated_files / "media")
