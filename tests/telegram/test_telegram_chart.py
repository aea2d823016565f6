"""The 📊 Chart button: the real Application against the emulator, which here also takes sendPhoto.

The shared emulator speaks form-encoded and JSON bodies; a photo upload is
multipart/form-data, so this module extends it with multipart parsing and a
``sendPhoto`` that checks what Telegram checks (a real image, at most 10 MB,
width + height at most 10,000, sides at most 20:1, a caption of at most 1,024).
"""

from __future__ import annotations

import struct
from contextlib import asynccontextmanager
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import urlencode

from emulator import TOKEN, ApiError, BotAPIEmulator
from tg_checks import button, buttons, message_of, visible
from tg_harness import FAST, run

CHAT = 6001
PHOTO_MAX_BYTES = 10 * 1024 * 1024


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


class PhotoEmulator(BotAPIEmulator):
    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.photos: list[dict[str, Any]] = []
        self._files: dict[str, bytes] = {}

    async def _dispatch(self, verb: str, target: str, headers: dict[str, str], body: bytes) -> tuple[int, Any]:
        ctype = headers.get("content-type", "")
        if body and ctype.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {ctype}\r\n\r\n".encode() + body)
            fields: dict[str, str] = {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True) or b""
                if part.get_filename() is not None:
                    self._files[name] = payload
                    fields[name] = f"attach://{name}"
                else:
                    fields[name] = payload.decode("utf-8")
            headers = {**headers, "content-type": "application/x-www-form-urlencoded"}
            body = urlencode(fields).encode()
        return await super()._dispatch(verb, target, headers, body)

    async def api_sendphoto(self, p: dict[str, Any]) -> Any:
        chat = self._chat_of(p)
        ref = str(p.get("photo", ""))
        data = self._files.pop(ref.removeprefix("attach://"), None) if ref.startswith("attach://") else None
        if data is None:
            raise ApiError(400, "Bad Request: there is no photo in the request")
        if len(data) > PHOTO_MAX_BYTES:
            raise ApiError(400, "Bad Request: PHOTO_TOO_BIG")
        try:
            width, height = png_size(data)
        except AssertionError:
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED") from None
        if width + height > 10_000 or max(width, height) > 20 * min(width, height):
            raise ApiError(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
        caption = str(p.get("caption", ""))
        if len(caption) > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        msg = {"message_id": next(self._message_ids[chat["id"]]), "from": self.bot, "chat": chat, "date": 0,
               "photo": [{"file_id": f"photo{len(self.photos)}", "file_unique_id": f"u{len(self.photos)}",
                          "width": width, "height": height, "file_size": len(data)}],
               "caption": caption}
        self.photos.append({"chat_id": chat["id"], "bytes": len(data), "width": width, "height": height,
                            "caption": caption})
        return msg


@asynccontextmanager
async def running_photo_bot(engine):
    from bot.telegram.app import build_application, start, stop

    async with PhotoEmulator() as emu:
        app = build_application(engine, TOKEN, base_url=emu.base_url, settings=FAST)
        async with app:
            await start(app, poll_timeout=1.0)
            try:
                yield emu
            finally:
                await stop(app)


def test_chart_button_sends_each_disputed_figure_as_a_photo(tg_engine):
    from bot.chart import measures_in
    from intents.context import Context

    async def scenario():
        async with running_photo_bot(tg_engine) as emu:
            emu.say(CHAT, "how many Taliban were killed and wounded?")
            [reply] = await emu.replies(CHAT)
            labels = [b["text"] for b in buttons(reply)]
            assert "📊 Chart" in labels and labels[-1] == "📚 Sources"
            chart = button(reply, "Chart")
            emu.press(message_of(reply), chart["callback_data"])
            await emu.wait_for(lambda: len(emu.calls_to("sendPhoto", ok=True)) >= 2, what="two sendPhoto calls")
            assert not emu.calls_to("sendPhoto", ok=False)
            assert len(emu.photos) == 2  # killed and wounded: one chart each
            for photo in emu.photos:
                assert photo["chat_id"] == CHAT and photo["bytes"] < PHOTO_MAX_BYTES
                assert photo["width"] + photo["height"] <= 10_000
                assert "disputed" in photo["caption"] and "Taliban fighters" in photo["caption"]
            assert emu.answered_queries  # the button's spinner stopped
        return True

    assert run(scenario())
    answer = tg_engine.answer("how many Taliban were killed and wounded?", Context())
    assert len(measures_in(tg_engine.kb, answer)) == 2


def test_no_chart_button_without_a_disputed_figure_and_inline_stays_text(tg_engine):
    async def scenario():
        async with running_photo_bot(tg_engine) as emu:
            emu.say(CHAT, "who won the battle?")
            [reply] = await emu.replies(CHAT)
            assert "Chart" not in " ".join(b["text"] for b in buttons(reply))
            assert "Taliban" in visible(reply)
            emu.inline("how many IS-KP fighters were killed?")
            [call] = await emu.wait_for(lambda: emu.calls_to("answerInlineQuery", ok=True), what="inline answer")
            for result in call.params["results"]:
                assert result["type"] == "article" and "reply_markup" not in result
            assert not emu.calls_to("sendPhoto")

    run(scenario())
