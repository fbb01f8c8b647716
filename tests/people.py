"""The test users' municipalities and password, shared by the fixtures and the tests."""

ALBERTSLUND = 165
ISHOEJ = 183
PASSWORD = "test-password-1234"
