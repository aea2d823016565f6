import atexit
import os
import shutil
import tempfile

import pytest

# Engine snapshots (intents/snapshot.py) go to a temporary cache for the whole run, subprocesses
# included: tests never read or write the user's ~/.cache.
_CACHE = tempfile.mkdtemp(prefix="darzab-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
os.environ.pop("DARZAB_BOT_NO_CACHE", None)
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

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
