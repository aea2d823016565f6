import os

import pytest

# httpx honours proxy variables; the Telegram tests talk to an emulator on loopback.
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.setdefault("no_proxy", "127.0.0.1,localhost")


@pytest.fixture(scope="session")
def engine():
    from intents.engine import Engine

    return Engine.load()


@pytest.fixture()
def ask(engine):
    """A fresh conversation: ask(text) -> Answer, context shared between calls."""
    from intents.context import Context

    context = Context()

    def _ask(text: str):
        return engine.answer(text, context)

    return _ask
