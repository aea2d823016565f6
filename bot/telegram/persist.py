"""Context that survives a restart: python-telegram-bot's persistence API over one SQLite file.

Only ``chat_data`` is kept: per chat, its conversation's follow-up context (``ctx``), when it was
last seen (``seen``, wall-clock) and the payloads of its buttons (``buttons``, bounded; see
``keyboards.ChatButtons``). Everything is JSON, never pickle, so a file from another version or
a damaged one costs context, not a crash; the file is safe to delete (the bot starts afresh).

Bounded like the in-memory conversations: a chat idle longer than ``ttl`` is not loaded and is
deleted at the next write; at most ``max_chats`` chats are kept (least recently seen dropped).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections import OrderedDict
from pathlib import Path
from typing import Any

from telegram.ext import BasePersistence, PersistenceInput

from bot import PRODUCT
from bot.conversation import dump_context, load_context

from .keyboards import ChatButtons

log = logging.getLogger("bot.telegram")
APP_DIR = PRODUCT
STATE_FILE = "state.sqlite"
SCHEMA = "CREATE TABLE IF NOT EXISTS chat_data (chat_id INTEGER PRIMARY KEY, seen REAL NOT NULL, data TEXT NOT NULL)"


def default_state_path(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_STATE_HOME/darzab-bot/state.sqlite`` (``~/.local/state/...`` when unset)."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / APP_DIR / STATE_FILE


class SQLitePersistence(BasePersistence):
    """chat_data in a SQLite file; bot_data, user_data, callback data and conversations are not kept."""

    def __init__(self, path: str | os.PathLike[str], *, max_chats: int = 10_000, ttl: float = 3600.0,
                 update_interval: float = 5.0, clock=time.time):
        super().__init__(store_data=PersistenceInput(bot_data=False, chat_data=True, user_data=False,
                                                     callback_data=False), update_interval=update_interval)
        self.path = Path(path)
        self.max_chats = max_chats
        self.ttl = ttl
        self.clock = clock
        self._db: sqlite3.Connection | None = None

    # -- the file ------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as exc:  # not a database, or damaged: keep it aside, start afresh
                aside = self.path.with_name(self.path.name + ".damaged")
                log.warning("state file %s is unreadable (%s); moved to %s, starting afresh", self.path, exc, aside)
                os.replace(self.path, aside)
                self._db = self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)  # autocommit; each write is one statement
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(SCHEMA)
            db.execute("SELECT count(*) FROM chat_data").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _prune(self, db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM chat_data WHERE seen < ?", (self.clock() - self.ttl,))
        db.execute("DELETE FROM chat_data WHERE chat_id NOT IN "
                   "(SELECT chat_id FROM chat_data ORDER BY seen DESC LIMIT ?)", (self.max_chats,))

    # -- what PTB asks for ---------------------------------------------------------------------
    async def get_chat_data(self) -> dict[int, Any]:
        db = self._connect()
        self._prune(db)
        chats: dict[int, Any] = {}
        for chat_id, data in db.execute("SELECT chat_id, data FROM chat_data ORDER BY seen"):
            try:
                value = json.loads(data)
            except ValueError:
                continue
            if isinstance(value, dict):
                chats[int(chat_id)] = value
        if chats:
            log.info("state: %d chat(s) loaded from %s", len(chats), self.path)
        return chats

    async def update_chat_data(self, chat_id: int, data: Any) -> None:
        seen = data.get("seen", self.clock()) if isinstance(data, dict) else self.clock()
        try:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        except (TypeError, ValueError) as exc:
            log.warning("state: chat %s not saved: %s", chat_id, exc)
            return
        db = self._connect()
        db.execute("INSERT OR REPLACE INTO chat_data (chat_id, seen, data) VALUES (?, ?, ?)", (chat_id, seen, text))

    async def drop_chat_data(self, chat_id: int) -> None:
        self._connect().execute("DELETE FROM chat_data WHERE chat_id = ?", (chat_id,))

    async def flush(self) -> None:
        if self._db is not None:
            self._prune(self._db)
            self._db.close()
            self._db = None

    async def refresh_chat_data(self, chat_id: int, chat_data: Any) -> None:
        pass

    # not kept ----------------------------------------------------------------------------------
    async def get_bot_data(self) -> dict:
        return {}

    async def get_user_data(self) -> dict:
        return {}

    async def get_callback_data(self) -> None:
        return None

    async def get_conversations(self, name: str) -> dict:
        return {}

    async def update_bot_data(self, data: Any) -> None:
        pass

    async def update_user_data(self, user_id: int, data: Any) -> None:
        pass

    async def update_callback_data(self, data: Any) -> None:
        pass

    async def update_conversation(self, name: str, key: Any, new_state: Any) -> None:
        pass

    async def drop_user_data(self, user_id: int) -> None:
        pass

    async def refresh_user_data(self, user_id: int, user_data: Any) -> None:
        pass

    async def refresh_bot_data(self, bot_data: Any) -> None:
        pass


# -- chat_data as the handlers use it -------------------------------------------------------------
class ChatMemory:
    """Which chats hold chat_data, least recently seen first, so there are never more than
    ``max_chats`` (the same limit as conversations)."""

    def __init__(self, max_chats: int):
        self.max_chats = max_chats
        self._seen: OrderedDict[int, None] = OrderedDict()

    def touch(self, application: Any, chat_id: int) -> None:
        self._seen[chat_id] = None
        self._seen.move_to_end(chat_id)
        while len(self._seen) > self.max_chats:
            old, _ = self._seen.popitem(last=False)
            if old in application.chat_data:
                application.drop_chat_data(old)


def buttons_of(context: Any, size: int) -> ChatButtons | None:
    data = context.chat_data
    return ChatButtons(data, size) if data is not None else None


def recall(context: Any, conversations: Any, chat_id: int, ttl: float) -> None:
    """Continue a chat's conversation from its saved context when memory has none (after a restart)."""
    data = context.chat_data
    if data is None or conversations.has(chat_id) or not isinstance(data.get("ctx"), dict):
        return
    if time.time() - float(data.get("seen", 0)) > ttl:
        data.pop("ctx", None)
        return
    saved = load_context(data["ctx"])
    if saved is not None:
        conversations.restore(chat_id, saved)


def remember(context: Any, conversations: Any, memory: ChatMemory, chat_id: int) -> None:
    """Save a chat's follow-up context into its chat_data (written to the state file in the background)."""
    data = context.chat_data
    if data is None:
        return
    saved = conversations.context_of(chat_id)
    if saved is not None:
        data["ctx"] = dump_context(saved)
    data["seen"] = time.time()
    memory.touch(context.application, chat_id)
