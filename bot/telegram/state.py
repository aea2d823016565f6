"""What the handlers share: the engine, what the texts say of its pack, conversations, throttle, button stores,
settings."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from bot.conversation import Conversations

from .keyboards import Callbacks
from .persist import ChatMemory
from .sending import ChatLocks
from .texts import Subject
from .throttle import Throttle

STATE_KEY = "bot"


@dataclass(frozen=True)
class Settings:
    max_sessions: int = 10_000  # conversations kept (least recently used dropped first)
    session_ttl: float = 3600.0  # an idle conversation starts afresh after this many seconds
    throttle_burst: int = 8  # messages a user may send at once ...
    throttle_rate: float = 0.5  # ... then this many a second
    send_attempts: int = 5  # tries for one Bot API call on network errors and 5xx
    retry_base_delay: float = 0.5  # first back-off, doubled each try
    retry_max_delay: float = 10.0  # longest back-off between two tries of a reply
    send_deadline: float = 120.0  # a reply is retried through a Bot API outage this long, then dropped (logged)
    rate_limit_retries: int = 3  # AIORateLimiter: RetryAfter honoured this many times
    overall_rate: float = 30.0  # messages a second, all chats (Telegram's broadcast limit)
    group_rate: float = 20.0  # messages a minute into one group
    concurrency: int = 64  # updates processed at once
    max_question: int = 1000  # characters of a message the engine reads
    inline_results: int = 5
    inline_cache_time: int = 30
    callback_store: int = 4096  # suggestion texts kept for buttons outside any chat's store
    chat_buttons: int = 64  # per chat: the newest answers whose Sources and suggestion buttons still work
    persist_interval: float = 5.0  # seconds between writes of changed chats to the state file


@dataclass
class BotState:
    engine: Any
    subject: Subject  # the conflict and article the fixed texts name, from the engine's pack
    settings: Settings
    conversations: Conversations
    throttle: Throttle
    callbacks: Callbacks
    memory: ChatMemory  # which chats hold chat_data (button stores, saved contexts), bounded
    revoked: asyncio.Event = field(default_factory=asyncio.Event)  # set on a 401: the token no longer works
    locks: ChatLocks = field(default_factory=ChatLocks)
    faq_topics: list[str] = field(default_factory=list)
    faq_questions: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def create(cls, engine: Any, settings: Settings) -> BotState:
        faq = list(engine.faq())
        topics: dict[str, list[str]] = {}
        for entry in faq:
            topics.setdefault(entry.topic, []).append(entry.question)
        examples = list(engine.examples())
        return cls(
            engine=engine,
            subject=Subject.of(engine.kb),
            settings=settings,
            conversations=Conversations(engine, max_sessions=settings.max_sessions, ttl=settings.session_ttl),
            throttle=Throttle(burst=settings.throttle_burst, rate=settings.throttle_rate),
            callbacks=Callbacks([e.question for e in faq] + examples, max_items=settings.callback_store),
            memory=ChatMemory(settings.max_sessions),
            faq_topics=list(topics),
            faq_questions=topics,
        )
