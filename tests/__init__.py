"""The test suite: one folder per layer, shared helpers in tests/support."""
