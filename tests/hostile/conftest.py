"""Fixtures for the hostile suite: a misbehaving loopback server that always stops."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.hostile.server import Hostile


@pytest.fixture
def hostile() -> Iterator[Hostile]:
    """A loopback OpenAI-compatible server; set `.mode` to make it misbehave."""
    server = Hostile().start()
    try:
        yield server
    finally:
        server.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under --block-network, the hostile suite may still reach its own loopback server."""
    loopback = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])
    for item in items:
        if "hostile" in item.path.parts:
            item.add_marker(loopback)
