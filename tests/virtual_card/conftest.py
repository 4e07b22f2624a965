"""No shared fixtures: each virtual card test builds its card with tests.support.virtual_card."""
