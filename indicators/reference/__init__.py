"""Reference data (fixtures/reference/) and the demo data `make run` loads."""
