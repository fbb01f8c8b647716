"""The test suite. tests/conftest.py imports helpers from its fixture plugins before pytest registers them, so their
asserts are rewritten (pytest's detailed messages) only when registered here first."""

import pytest

pytest.register_assert_rewrite("tests.fixtures_access", "tests.fixtures_browser", "tests.fixtures_imports",
                               "tests.fixtures_interventions", "tests.fixtures_projection")
