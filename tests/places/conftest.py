from typing import Any

import pytest

from koordinat.places.loader import load_districts


@pytest.fixture
def districts(db: Any) -> int:
    """The shipped districts, loaded as `koordinat load-places` loads them."""
    return load_districts()
