"""What comes back from the Bot API, checked before python-telegram-bot sees it.

- A 401 from any call means the token was revoked: ``on_unauthorized`` is called so the
  process can stop and exit 2 (PTB's polling loop would otherwise just end, leaving the bot
  alive and deaf).
- An update PTB cannot parse (a message without ``chat``, a ``chat_boost`` without
  ``boost_id``) would make PTB drop the whole batch without confirming it, re-poll at once and
  log a CRITICAL traceback with the users' text, about 280 times a second. Each such update is
  replaced by a bare ``{"update_id": n}`` (so the offset moves past it and the next message is
  answered) and logged once, with its kind and the error's type, never its content.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.request import HTTPXRequest

log = logging.getLogger("bot.telegram")


MESSAGE_KINDS = ("message", "edited_message", "channel_post", "edited_channel_post", "business_message",
                 "edited_business_message")


def _missing_chat(raw: dict) -> str | None:
    """A message without a chat parses, but nothing can be done with it (no one to answer)."""
    for kind in MESSAGE_KINDS:
        message = raw.get(kind)
        if isinstance(message, dict) and not isinstance(message.get("chat"), dict):
            return "a message without a chat"
    return None


def sanitize_updates(payload: bytes) -> bytes:
    """``payload`` of a getUpdates answer with every update PTB cannot parse reduced to its id."""
    try:
        body = json.loads(payload)
    except ValueError:
        return payload  # PTB reports it as it always has
    updates = body.get("result") if isinstance(body, dict) and body.get("ok") else None
    if not isinstance(updates, list) or not updates:
        return payload
    changed = False
    kept: list[Any] = []
    for raw in updates:
        uid = raw.get("update_id") if isinstance(raw, dict) else None
        try:
            Update.de_json(raw, None)
            error = _missing_chat(raw)
            if error is None:
                kept.append(raw)
                continue
        except Exception as exc:  # noqa: BLE001 - whatever PTB would have choked on
            error = type(exc).__name__
        changed = True
        kinds = ", ".join(k for k in raw if k != "update_id")[:80] if isinstance(raw, dict) else type(raw).__name__
        if isinstance(uid, int) and not isinstance(uid, bool):
            kept.append({"update_id": uid})
            log.warning("update %s (%s) cannot be read (%s); skipped", uid, kinds or "empty", error)
        else:
            log.warning("an update without a valid update_id (%s) cannot be read (%s); skipped", kinds, error)
    if not changed:
        return payload
    body["result"] = kept
    return json.dumps(body).encode()


class GuardedRequest(HTTPXRequest):
    """HTTPXRequest that reports a 401 and keeps unreadable updates from stalling polling."""

    def __init__(self, *args: Any, on_unauthorized: Callable[[], None] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.on_unauthorized = on_unauthorized

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(url, method, *args, **kwargs)
        if code == 401 and self.on_unauthorized is not None:
            self.on_unauthorized()
        elif code == 200 and url.endswith("/getUpdates"):
            payload = sanitize_updates(payload)
        return code, payload
