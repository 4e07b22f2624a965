"""The training library on a real socket, a fresh one per test, and a client connected to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from counter_app.library.client import LibraryClient
from counter_app.library.training_server import TrainingServer


@pytest.fixture
def library() -> Iterator[TrainingServer]:
    with TrainingServer() as server:
        yield server


@pytest.fixture
def client(library: TrainingServer) -> Iterator[LibraryClient]:
    with LibraryClient(library.settings(read_timeout=2.0)) as desk:
        yield desk
