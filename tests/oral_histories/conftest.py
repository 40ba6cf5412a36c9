import pytest

from tests.factories import make_oral_history, make_recording


@pytest.fixture
def oral_history(db):
    item = make_oral_history(title="Life on the boats", title_th="ชีวิตบนเรือ", original_language="th")
    make_recording(item)
    return item
