"""The projection's sample data as fixtures (registered in conftest.py's pytest_plugins): the pages' and the sums'
tests start from the same Albertslund."""

from __future__ import annotations

import pytest

from indicators.models import DataImport
from tests.projection_samples import add_projection, add_stat, workforce_import


@pytest.fixture
def projection_import(reference_data) -> DataImport:
    """A workforce import that the sample statistics and projections are attached to."""
    return workforce_import()


@pytest.fixture
def albertslund_projected(projection_import) -> None:
    """Albertslund's 2025 statistics and its DST 2025 projection (projection_samples: add_stat, add_projection)."""
    add_stat(projection_import)
    add_projection(projection_import)
