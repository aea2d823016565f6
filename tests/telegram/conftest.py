"""Fixtures for the Telegram tests (helpers live in tg_harness, tg_checks, tg_fakes, emulator)."""

from __future__ import annotations

import os

import pytest
from tg_fakes import VELMORA

# httpx honours proxy variables; the emulator is on loopback.
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
os.environ.setdefault("PTB_TIMEDELTA", "1")  # as build_application sets it


@pytest.fixture(scope="session")
def tg_engine():
    from intents.engine import Engine

    return Engine.load()


@pytest.fixture(scope="session")
def tg_velmora_engine():
    """The engine over the invented second conflict (tests/packs/velmora)."""
    from intents.engine import Engine

    return Engine.load(VELMORA)
