"""A Telegram Bot API emulator on loopback, for running the real Application in tests.

It speaks enough HTTP/1.1 (keep-alive, Content-Length and chunked bodies) for
httpx, takes requests at ``{base_url}{token}/{method}`` as Telegram does
(form-encoded POSTs whose non-string values are JSON), answers
``{"ok": true, "result": ...}`` or ``{"ok": false, "error_code", "description",
"parameters"}``, and validates what a bot sends the way Telegram would (HTML
entities, 4,096-character texts, 64-byte callback data, inline results).

Tests inject updates (``say``, ``press``, ``inline``, ...), queue failures
(``fail("sendMessage", 500)``), read every call from ``calls`` and wait for
what they expect with ``wait_for``.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from htmlcheck import TelegramHTMLError, telegram_html_text

TOKEN = "123456789:TEST-token_for-the-emulator-0123456789"
JSON_FIELDS = {
    "reply_markup", "results", "commands", "entities", "allowed_updates", "link_preview_options",
    "reply_parameters", "scope", "button", "caption_entities",
}
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "cache_time", "user_id", "max_connections"}
BOOL_FIELDS = {"is_personal", "show_alert", "drop_pending_updates", "disable_notification", "protect_content"}
STATUS_TEXT = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found",
               409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway"}


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int
    result: Any = None
    description: str = ""
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


class ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class BotAPIEmulator:
    def __init__(self, token: str = TOKEN, username: str = "darzab_test_bot", bot_id: int = 7_000_001):
        self.token = token
        self.bot = {"id": bot_id, "is_bot": True, "first_name": "Darzab Bot", "username": username,
                    "can_join_groups": True, "can_read_all_group_messages": False, "supports_inline_queries": True}
        self.reject_all_tokens = False
        self.down_until = 0.0  # monotonic time until which every call answers 502 (an outage)
        self._outage_after_delivery = 0.0
        self.calls: list[Call] = []  # answered calls, in the order they were answered
        self.requests: list[str] = []  # methods as they arrive (a long poll is here before it is in calls)
        self.pending: list[dict[str, Any]] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.chats: dict[int, dict[str, Any]] = {}
        self.commands: list[dict[str, Any]] = []
        self.webhook: dict[str, Any] = {}
        self.failures: dict[str, deque[ApiError]] = defaultdict(deque)
        self.open_queries: set[str] = set()
        self.answered_queries: set[str] = set()
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count] = defaultdict(lambda: itertools.count(1))
        self._changed: asyncio.Condition | None = None
        self._server: asyncio.base_events.Server | None = None
        self._connections: set[asyncio.Task] = set()
        self.port = 0

    # -- life ----------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> BotAPIEmulator:
        self._changed = asyncio.Condition()
        self._server = await asyncio.start_server(self._connection, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def close(self) -> None:
        if self._server:
            self._server.close()
            for task in list(self._connections):
                task.cancel()
            with contextlib.suppress(Exception):
                await asyncio.gather(*self._connections, return_exceptions=True)
            await self._server.wait_closed()

    async def __aenter__(self) -> BotAPIEmulator:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- what tests inject -----------------------------------------------------------------
    def user(self, user_id: int, first_name: str | None = None) -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name or f"User{user_id}", "language_code": "en"}

    def chat(self, chat_id: int, chat_type: str = "private") -> dict[str, Any]:
        if chat_id not in self.chats:
            if chat_type == "private":
                self.chats[chat_id] = {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
            else:
                self.chats[chat_id] = {"id": chat_id, "type": chat_type, "title": f"Group {chat_id}"}
        return self.chats[chat_id]

    def message(self, chat_id: int, text: str | None = None, *, user_id: int | None = None,
                chat_type: str = "private", reply_to: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
        """A user's message as Telegram delivers it, with command and mention entities filled in."""
        user_id = user_id if user_id is not None else abs(chat_id)
        msg: dict[str, Any] = {
            "message_id": next(self._message_ids[chat_id]),
            "from": self.user(user_id),
            "chat": self.chat(chat_id, chat_type),
            "date": int(time.time()),
        }
        if text is not None:
            msg["text"] = text
            entities = _entities(text)
            if entities:
                msg["entities"] = entities
        if reply_to is not None:
            msg["reply_to_message"] = reply_to
        msg.update(extra)
        self.messages[(chat_id, msg["message_id"])] = msg
        return msg

    def push(self, **update: Any) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **update}
        self.pending.append(update)
        self._notify()
        return update

    def say(self, chat_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
        """A user sends ``text`` in chat ``chat_id`` (private unless chat_type says otherwise)."""
        return self.push(message=self.message(chat_id, text, **kwargs))["message"]

    def edit(self, chat_id: int, text: str, **kwargs: Any) -> dict[str, Any]:
        msg = self.message(chat_id, text, **kwargs)
        msg["edit_date"] = msg["date"] + 1
        return self.push(edited_message=msg)

    def sticker(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        sticker = {"file_id": "CAACAgI", "file_unique_id": "AgAD", "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "emoji": "🙂"}
        return self.push(message=self.message(chat_id, None, sticker=sticker, **kwargs))

    def photo(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        photo = [{"file_id": "AgACAgI", "file_unique_id": "AQAD", "width": 90, "height": 90}]
        return self.push(message=self.message(chat_id, None, photo=photo, **kwargs))

    def voice(self, chat_id: int, **kwargs: Any) -> dict[str, Any]:
        voice = {"file_id": "AwACAgI", "file_unique_id": "AgADv", "duration": 2}
        return self.push(message=self.message(chat_id, None, voice=voice, **kwargs))

    def press(self, message: dict[str, Any], data: str, user_id: int | None = None) -> dict[str, Any]:
        """A user taps the button with callback ``data`` on ``message`` (as the bot sent it)."""
        chat_id = message["chat"]["id"]
        current = self.messages.get((chat_id, message["message_id"]), message)
        query_id = str(next(self._query_ids))
        self.open_queries.add(query_id)
        user = self.user(user_id if user_id is not None else abs(chat_id))
        return self.push(callback_query={"id": query_id, "from": user, "message": current,
                                         "chat_instance": f"ci{chat_id}", "data": data})

    def inline(self, query: str, user_id: int = 42) -> dict[str, Any]:
        query_id = str(next(self._query_ids))
        self.open_queries.add(query_id)
        return self.push(inline_query={"id": query_id, "from": self.user(user_id), "query": query, "offset": ""})

    def revoke(self) -> None:
        """The token is revoked: every call, a long poll in progress included, answers 401."""
        self.reject_all_tokens = True
        self._notify()

    def outage_after_delivery(self, seconds: float) -> None:
        """The Bot API goes down for ``seconds`` right after the next getUpdates that delivers updates."""
        self._outage_after_delivery = seconds

    def fail(self, method: str, status: int, description: str | None = None, retry_after: int | None = None) -> None:
        """Queue a failure: the next call of ``method`` gets this error instead of its answer."""
        text = description or STATUS_TEXT.get(status, "Error")
        if status == 429 and description is None:
            text = f"Too Many Requests: retry after {retry_after}"
        self.failures[method.lower()].append(ApiError(status, text, retry_after))

    # -- what tests read -------------------------------------------------------------------
    def calls_to(self, method: str, ok: bool | None = None) -> list[Call]:
        return [c for c in self.calls if c.method.lower() == method.lower() and (ok is None or c.ok == ok)]

    async def polling(self, timeout: float = 30.0) -> None:
        """Wait until the bot's first long poll has arrived."""
        await self.wait_for(lambda: "getUpdates" in self.requests, timeout, "getUpdates")

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Successful sendMessage calls (to ``chat_id``), in order."""
        return [c for c in self.calls_to("sendMessage", ok=True) if chat_id is None or c.params["chat_id"] == chat_id]

    async def wait_for(self, predicate: Any, timeout: float = 10.0, what: str = "") -> Any:
        """Wait until ``predicate()`` is truthy (checked after every call and injection)."""
        assert self._changed is not None

        async def waiting() -> Any:
            async with self._changed:
                while not (value := predicate()):
                    await self._changed.wait()
                return value

        try:
            return await asyncio.wait_for(waiting(), timeout)
        except TimeoutError:
            raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}; "
                                 f"calls: {[c.method for c in self.calls][-20:]}") from None

    async def replies(self, chat_id: int, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait for ``count`` messages to ``chat_id`` (counted from all sent so far) and return them all."""
        return await self.wait_for(lambda: (s := self.sent(chat_id)) and len(s) >= count and s,
                                   timeout, f"{count} message(s) to chat {chat_id}")

    def _notify(self) -> None:
        if self._changed is None:
            return

        async def notify() -> None:
            async with self._changed:
                self._changed.notify_all()

        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().create_task(notify())

    # -- HTTP --------------------------------------------------------------------------------
    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._connections.add(task)
        try:
            while True:
                request_line = await reader.readline()
                if not request_line.strip():
                    break
                headers: dict[str, str] = {}
                while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                if headers.get("transfer-encoding", "").lower() == "chunked":
                    body = await _read_chunked(reader)
                else:
                    body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
                verb, target, _ = request_line.decode("latin-1").split(" ", 2)
                status, payload = await self._dispatch(verb, target, headers, body)
                data = json.dumps(payload).encode()
                writer.write(
                    f"HTTP/1.1 {status} {STATUS_TEXT.get(status, 'Error')}\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\nConnection: keep-alive\r\n\r\n".encode() + data
                )
                await writer.drain()
                if headers.get("connection", "").lower() == "close":
                    break
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._connections.discard(task)
            writer.close()

    async def _dispatch(self, verb: str, target: str, headers: dict[str, str], body: bytes) -> tuple[int, Any]:
        url = urlsplit(target)
        prefix, _, rest = url.path.lstrip("/").partition("/")
        if not prefix.startswith("bot") or not rest:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        token, method = prefix[3:], rest
        self.requests.append(method)
        self._notify()
        params = _decode(parse_qsl(url.query, keep_blank_values=True))
        ctype = headers.get("content-type", "")
        if body and ctype.startswith("application/x-www-form-urlencoded"):
            params.update(_decode(parse_qsl(body.decode("utf-8"), keep_blank_values=True)))
        elif body and ctype.startswith("application/json"):
            params.update(json.loads(body))
        elif body:
            return 400, {"ok": False, "error_code": 400, "description": f"Bad Request: unsupported body {ctype}"}
        try:
            if self.reject_all_tokens or token != self.token:
                raise ApiError(401, "Unauthorized")
            if time.monotonic() < self.down_until:
                raise ApiError(502, "Bad Gateway")
            queued = self.failures.get(method.lower())
            if queued:
                raise queued.popleft()
            handler = getattr(self, f"api_{method.lower()}", None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            result = await handler(params)
        except ApiError as exc:
            self.calls.append(Call(method, params, exc.status, description=exc.description))
            self._notify()
            error: dict[str, Any] = {"ok": False, "error_code": exc.status, "description": exc.description}
            if exc.retry_after is not None:
                error["parameters"] = {"retry_after": exc.retry_after}
            return exc.status, error
        self.calls.append(Call(method, params, 200, result))
        self._notify()
        return 200, {"ok": True, "result": result}

    # -- methods ---------------------------------------------------------------------------------
    async def api_getme(self, p: dict[str, Any]) -> Any:
        return self.bot

    async def api_logout(self, p: dict[str, Any]) -> Any:
        return True

    api_close = api_logout

    async def api_deletewebhook(self, p: dict[str, Any]) -> Any:
        self.webhook = {}
        if p.get("drop_pending_updates"):
            self.pending.clear()
        return True

    async def api_setwebhook(self, p: dict[str, Any]) -> Any:
        if not str(p.get("url", "")).startswith(("https://", "http://")):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {"url": p["url"], "secret_token": p.get("secret_token")}
        return True

    async def api_getwebhookinfo(self, p: dict[str, Any]) -> Any:
        return {"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self.pending)}

    async def api_getupdates(self, p: dict[str, Any]) -> Any:
        if self.webhook:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset = int(p.get("offset") or 0)
        limit = min(100, int(p.get("limit") or 100))
        timeout = float(p.get("timeout") or 0)
        if offset:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        deadline = time.monotonic() + timeout
        while not self.pending and time.monotonic() < deadline and not self.reject_all_tokens:
            assert self._changed is not None
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), deadline - time.monotonic())
        if self.reject_all_tokens:
            raise ApiError(401, "Unauthorized")
        delivered = self.pending[:limit]
        if delivered and self._outage_after_delivery:
            self.down_until = time.monotonic() + self._outage_after_delivery
            self._outage_after_delivery = 0.0
        return delivered

    async def api_setmycommands(self, p: dict[str, Any]) -> Any:
        commands = p.get("commands")
        if not isinstance(commands, list) or not 1 <= len(commands) <= 100:
            raise ApiError(400, "Bad Request: commands must be a non-empty list")
        for c in commands:
            name, desc = str(c.get("command", "")), str(c.get("description", ""))
            if not (1 <= len(name) <= 32 and name.replace("_", "").isalnum() and name == name.lower()):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(desc) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands = commands
        return True

    async def api_getmycommands(self, p: dict[str, Any]) -> Any:
        return self.commands

    async def api_sendchataction(self, p: dict[str, Any]) -> Any:
        self._chat_of(p)
        return True

    async def api_sendmessage(self, p: dict[str, Any]) -> Any:
        chat = self._chat_of(p)
        text = self._visible_text(p.get("text"), p.get("parse_mode"))
        _check_markup(p.get("reply_markup"))
        reply = p.get("reply_parameters")
        if reply and (chat["id"], reply.get("message_id")) not in self.messages:
            if not reply.get("allow_sending_without_reply"):
                raise ApiError(400, "Bad Request: message to be replied not found")
        msg = {"message_id": next(self._message_ids[chat["id"]]), "from": self.bot, "chat": chat,
               "date": int(time.time()), "text": text}
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        self.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    async def api_editmessagetext(self, p: dict[str, Any]) -> Any:
        chat = self._chat_of(p)
        msg = self.messages.get((chat["id"], p.get("message_id")))
        if msg is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        text = self._visible_text(p.get("text"), p.get("parse_mode"))
        _check_markup(p.get("reply_markup"))
        if msg.get("text") == text and msg.get("reply_markup") == p.get("reply_markup"):
            raise ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                                "markup are exactly the same as a current content and reply markup of the message")
        msg = {**msg, "text": text, "edit_date": int(time.time())}
        msg.pop("reply_markup", None)
        if p.get("reply_markup"):
            msg["reply_markup"] = p["reply_markup"]
        self.messages[(chat["id"], msg["message_id"])] = msg
        return msg

    async def api_answercallbackquery(self, p: dict[str, Any]) -> Any:
        self._close_query(p)
        if len(str(p.get("text", ""))) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    async def api_answerinlinequery(self, p: dict[str, Any]) -> Any:
        results = p.get("results")
        if not isinstance(results, list) or len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = set()
        for r in results:
            rid = str(r.get("id", ""))
            if not 1 <= len(rid.encode()) <= 64 or rid in ids:
                raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
            ids.add(rid)
            if r.get("type") != "article" or not r.get("title"):
                raise ApiError(400, "Bad Request: RESULT_TITLE_EMPTY")
            content = r.get("input_message_content") or {}
            self._visible_text(content.get("message_text"), content.get("parse_mode"))
        self._close_query(p)
        return True

    # -- checks --------------------------------------------------------------------------------------
    def _chat_of(self, p: dict[str, Any]) -> dict[str, Any]:
        chat_id = p.get("chat_id")
        if not isinstance(chat_id, int) or chat_id not in self.chats:
            raise ApiError(400, "Bad Request: chat not found")
        return self.chats[chat_id]

    def _close_query(self, p: dict[str, Any]) -> None:
        qid = str(p.get("callback_query_id") or p.get("inline_query_id") or "")
        if qid not in self.open_queries or qid in self.answered_queries:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        self.answered_queries.add(qid)

    @staticmethod
    def _visible_text(text: Any, parse_mode: Any) -> str:
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if parse_mode is not None and str(parse_mode).upper() == "HTML":
            try:
                text = telegram_html_text(text)
            except TelegramHTMLError as exc:
                raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        elif parse_mode is not None:
            raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode}")
        if utf16_len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return text


def _check_markup(markup: Any) -> None:
    if not markup:
        return
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list):
        raise ApiError(400, "Bad Request: unsupported reply markup")
    for row in rows:
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ApiError(400, "Bad Request: BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")


def _decode(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in JSON_FIELDS:
            out[key] = json.loads(value)
        elif key in INT_FIELDS:
            out[key] = int(value) if value.lstrip("-").isdigit() else value
        elif key in BOOL_FIELDS:
            out[key] = value == "true"
        else:
            out[key] = value
    return out


def _entities(text: str) -> list[dict[str, Any]]:
    import re

    entities = []
    if text.startswith("/"):
        match = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if match:
            entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(match.group())})
    for match in re.finditer(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b", text):
        entities.append({"type": "mention", "offset": utf16_len(text[: match.start()]),
                         "length": utf16_len(match.group())})
    return entities


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = b""
    while True:
        size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
        if size == 0:
            await reader.readline()
            return body
        body += await reader.readexactly(size)
        await reader.readline()
