"""Update handlers: commands, questions, buttons, inline queries, everything else.

Each handler logs one INFO line for its update (chat id, kind, intent; never
the token, never the message text above DEBUG).
"""

from __future__ import annotations

import asyncio
import copy
import functools
import html
import logging
import re
import unicodedata
from typing import Any

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.chart import measures_in
from bot.render import TELEGRAM_LIMIT, render_html, render_plain, split_message

from . import keyboards, texts
from .persist import buttons_of, recall, remember
from .sending import send_html, with_retry
from .state import STATE_KEY, BotState
from .throttle import ALLOW, WARN

log = logging.getLogger("bot.telegram")
Context = ContextTypes.DEFAULT_TYPE


def state(context: Context) -> BotState:
    return context.application.bot_data[STATE_KEY]


def log_update(update: object, kind: str, intent: str | None = None, extra: str = "") -> None:
    if isinstance(update, Update):
        chat = update.effective_chat.id if update.effective_chat else "-"
        user = update.effective_user.id if update.effective_user else "-"
        uid = update.update_id
    else:
        chat = user = uid = "-"
    line = f"update {uid} chat {chat} user {user}: {kind}"
    if intent is not None:
        line += f" intent={intent}"
    log.info(line + (f" {extra}" if extra else ""))


def clean_question(text: str, limit: int) -> str:
    """Drop control characters (keeping line breaks) and cap the length."""
    kept = "".join(ch if ch in "\n\t" or unicodedata.category(ch) != "Cc" else " " for ch in text)
    return kept[:limit].strip()


# -- talking -------------------------------------------------------------------------------
async def send(context: Context, chat_id: int, html_text: str, *, plain: str | None = None, reply_markup=None,
               reply_to: int | None = None) -> list[Message]:
    settings = state(context).settings
    return await send_html(context.bot, chat_id, html_text, plain=plain, reply_markup=reply_markup,
                           reply_to=reply_to, attempts=settings.send_attempts, base_delay=settings.retry_base_delay,
                           deadline=settings.send_deadline, max_delay=settings.retry_max_delay)


async def answer_question(context: Context, chat_id: int, question: str, *, echo: bool = False,
                          reply_to: int | None = None) -> Any:
    """Ask the engine in this chat's conversation and send the answer with its keyboard."""
    st = state(context)
    async with st.locks.hold(chat_id):  # a chat's questions are answered, and sent, in order
        recall(context, st.conversations, chat_id, st.settings.session_ttl)  # after a restart: the saved context
        answer = st.conversations.ask(chat_id, question)
        remember(context, st.conversations, st.memory, chat_id)
        body = render_html(answer)
        plain = render_plain(answer, with_suggestions=False)
        if echo:
            body = texts.echo_question(question) + "\n\n" + body
            plain = f"❓ {question}\n\n{plain}"
        markup = keyboards.answer_keyboard(st.callbacks, answer, chart=bool(measures_in(st.engine.kb, answer)),
                                           buttons=buttons_of(context, st.settings.chat_buttons))
        await send(context, chat_id, body, plain=plain, reply_markup=markup, reply_to=reply_to)
    return answer


def admit(context: Context, update: Update) -> str:
    user = update.effective_user
    key = user.id if user else (update.effective_chat.id if update.effective_chat else 0)
    return state(context).throttle.check(key)


def throttled(handler):
    """Commands count against the user's flood allowance like questions do."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: Context) -> None:
        verdict = admit(context, update)
        if verdict == ALLOW:
            await handler(update, context)
            return
        if verdict == WARN and update.effective_chat.type == ChatType.PRIVATE:
            await send(context, update.effective_chat.id, html.escape(texts.SLOW_DOWN))
        log_update(update, "throttled", extra=verdict)

    return wrapper


# -- commands ------------------------------------------------------------------------------
@throttled
async def cmd_start(update: Update, context: Context) -> None:
    st = state(context)
    user = update.effective_user
    markup = keyboards.questions_keyboard(st.callbacks, st.engine.examples())
    await send(context, update.effective_chat.id, texts.greeting(st.subject, user.first_name if user else None),
               reply_markup=markup)
    log_update(update, "command", extra="/start")


@throttled
async def cmd_help(update: Update, context: Context) -> None:
    await send(context, update.effective_chat.id, texts.help_text(state(context).subject, context.bot.username))
    log_update(update, "command", extra="/help")


@throttled
async def cmd_about(update: Update, context: Context) -> None:
    await send(context, update.effective_chat.id, texts.about_text(state(context).subject))
    log_update(update, "command", extra="/about")


@throttled
async def cmd_faq(update: Update, context: Context) -> None:
    st = state(context)
    markup = keyboards.topics_keyboard(st.faq_topics)
    await send(context, update.effective_chat.id, texts.FAQ_INTRO, reply_markup=markup)
    log_update(update, "command", extra="/faq")


@throttled
async def cmd_sources(update: Update, context: Context) -> None:
    chat_id = update.effective_chat.id
    st = state(context)
    recall(context, st.conversations, chat_id, st.settings.session_ttl)
    answer = st.conversations.last_answer(chat_id)
    if answer is None or not answer.citations:
        await send(context, chat_id, html.escape(texts.NO_SOURCES))
    else:
        await send(context, chat_id, texts.sources_html(st.subject, answer))
    log_update(update, "command", extra="/sources")


@throttled
async def cmd_reset(update: Update, context: Context) -> None:
    st = state(context)
    st.conversations.reset(update.effective_chat.id)
    if context.chat_data is not None:
        context.chat_data.pop("ctx", None)
    await send(context, update.effective_chat.id, html.escape(texts.reset_done(st.subject)))
    log_update(update, "command", extra="/reset")


@throttled
async def unknown_command(update: Update, context: Context) -> None:
    if update.effective_chat.type == ChatType.PRIVATE:
        await send(context, update.effective_chat.id, html.escape(texts.UNKNOWN_COMMAND))
        log_update(update, "unknown-command")
    else:
        log_update(update, "ignored", extra="(command in a group)")


# -- questions -----------------------------------------------------------------------------
def addressed_text(message: Message, username: str | None, bot_id: int) -> str | None:
    """In a group, the question if the message is addressed to the bot, else None.

    Addressed: it mentions the bot's @username (or is a text mention of it), or
    replies to one of the bot's messages. The mention is removed from the question.
    """
    text = message.text or ""
    mention = False
    for entity, value in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and username and value.casefold() == f"@{username}".casefold():
            mention = True
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            mention = True
    replied = message.reply_to_message
    to_bot = bool(replied and replied.from_user and replied.from_user.id == bot_id)
    if not (mention or to_bot):
        return None
    if username:
        text = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return text


async def on_text(update: Update, context: Context) -> None:
    message = update.message
    chat = message.chat
    st = state(context)
    text = message.text or ""
    reply_to = None
    if chat.type != ChatType.PRIVATE:
        text = addressed_text(message, context.bot.username, context.bot.id)
        if text is None:
            log_update(update, "ignored", extra="(not addressed to me)")
            return
        reply_to = message.message_id
    verdict = admit(context, update)
    if verdict != ALLOW:
        if verdict == WARN:
            await send(context, chat.id, html.escape(texts.SLOW_DOWN), reply_to=reply_to)
        log_update(update, "throttled", extra=verdict)
        return
    question = clean_question(text, st.settings.max_question)
    log.debug("chat %s asks %r", chat.id, question)
    answer = await answer_question(context, chat.id, question, reply_to=reply_to)
    log_update(update, "text", answer.intent, f"answered={answer.answered} disputed={answer.disputed}")


async def on_edited(update: Update, context: Context) -> None:
    if update.effective_chat and update.effective_chat.type == ChatType.PRIVATE:
        await send(context, update.effective_chat.id, html.escape(texts.EDITED_HINT))
        log_update(update, "edited", extra="(hinted)")
    else:
        log_update(update, "ignored", extra="(edited)")


async def on_other_message(update: Update, context: Context) -> None:
    """Stickers, photos, voice, service messages: a hint in private chats, else nothing."""
    message = update.message
    if message and message.chat.type == ChatType.PRIVATE and admit(context, update) == ALLOW:
        await send(context, message.chat.id, html.escape(texts.non_text_hint(state(context).subject)))
        log_update(update, "non-text", extra="(hinted)")
    else:
        log_update(update, "ignored", extra="(non-text)")


async def on_anything_else(update: object, context: Context) -> None:
    log_update(update, "ignored")


# -- buttons -------------------------------------------------------------------------------
async def _answer_query(context: Context, query: Any, text: str | None = None) -> None:
    """Stop the button's spinner; cosmetic, so failures are only logged."""
    settings = state(context).settings
    try:
        await with_retry(lambda: query.answer(text), attempts=3, base_delay=settings.retry_base_delay,
                         what="answerCallbackQuery")
    except BadRequest as exc:  # "query is too old" and the like
        log.info("answerCallbackQuery failed: %s", exc)


async def on_button(update: Update, context: Context) -> None:
    query = update.callback_query
    st = state(context)
    kind, arg = keyboards.parse(query.data)
    if query.message is None:  # a button on an inline-mode message
        await _answer_query(context, query, texts.OPEN_CHAT)
        log_update(update, "button", extra="(no chat)")
        return
    chat_id = query.message.chat.id
    verdict = admit(context, update)
    if verdict != ALLOW:
        await _answer_query(context, query, texts.SLOW_DOWN)
        log_update(update, "throttled", extra=verdict)
        return
    buttons = buttons_of(context, st.settings.chat_buttons)  # this chat's own: keys from others find nothing
    recall(context, st.conversations, chat_id, st.settings.session_ttl)
    if kind == "q":
        question = st.callbacks.question(arg, buttons)
        if question is None:
            await _answer_query(context, query, texts.BUTTON_EXPIRED)
            log_update(update, "button", extra="(expired)")
            return
        await _answer_query(context, query)
        answer = await answer_question(context, chat_id, question, echo=True)
        log_update(update, "button", answer.intent, f"answered={answer.answered} disputed={answer.disputed}")
    elif kind == "c":
        answer = st.callbacks.answer_for_sources(arg, buttons) or st.conversations.last_answer(chat_id)
        await _answer_query(context, query)
        sent = await send_charts(context, chat_id, answer)
        log_update(update, "button", extra=f"(chart: {sent} photo(s))")
    elif kind == "s":
        answer = st.callbacks.answer_for_sources(arg, buttons) or st.conversations.last_answer(chat_id)
        await _answer_query(context, query)
        if answer is None or not answer.citations:
            await send(context, chat_id, html.escape(texts.NO_SOURCES))
        else:
            await send(context, chat_id, texts.sources_html(st.subject, answer))
        log_update(update, "button", extra="(sources)")
    elif kind == "t" and arg.isdigit() and int(arg) < len(st.faq_topics):
        topic = st.faq_topics[int(arg)]
        await _answer_query(context, query)
        await _edit(context, query, texts.faq_topic_title(topic),
                    keyboards.topic_keyboard(st.callbacks, st.faq_questions[topic]))
        log_update(update, "button", extra="(faq topic)")
    elif kind == "T":
        await _answer_query(context, query)
        await _edit(context, query, texts.FAQ_INTRO, keyboards.topics_keyboard(st.faq_topics))
        log_update(update, "button", extra="(faq topics)")
    else:
        await _answer_query(context, query, texts.BUTTON_EXPIRED)
        log_update(update, "button", extra="(unknown)")


async def send_charts(context: Context, chat_id: int, answer: Any) -> int:
    """Each disputed figure of ``answer`` as a chart photo with a short caption; how many were sent."""
    from bot.chart import chart_data, png  # matplotlib loads on the first chart, not at start-up

    st = state(context)
    measures = measures_in(st.engine.kb, answer) if answer is not None else []
    if not measures:
        await send(context, chat_id, html.escape("No disputed figures to chart in that answer."))
        return 0
    for measure in measures:
        data = chart_data(st.engine.kb, measure)
        photo = await asyncio.to_thread(png, data)  # drawing takes a moment: other chats go on meanwhile
        caption = data.caption()

        def call(photo=photo, caption=caption):
            return context.bot.send_photo(chat_id, photo=photo, caption=caption)

        await with_retry(call, st.settings.send_attempts, st.settings.retry_base_delay, f"sendPhoto to chat {chat_id}")
    return len(measures)


async def _edit(context: Context, query: Any, html_text: str, markup: Any) -> None:
    settings = state(context).settings
    try:
        await with_retry(
            lambda: query.edit_message_text(html_text, parse_mode=ParseMode.HTML, reply_markup=markup),
            attempts=settings.send_attempts, base_delay=settings.retry_base_delay, what="editMessageText",
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # a double tap
            raise


# -- inline mode ---------------------------------------------------------------------------
def _article(key: str, answer: Any, title: str, fallback: str) -> InlineQueryResultArticle:
    body = render_html(answer)
    if len(body) > TELEGRAM_LIMIT:  # one message only: drop the footnotes before cutting
        body = render_html(answer, with_sources=False)
    body = split_message(body)[0]
    lead = " ".join(answer.lead.split())
    description = lead if len(lead) <= 100 else lead[:99] + "…"
    title = " ".join(title.split()) or fallback
    return InlineQueryResultArticle(
        id=keyboards.question_key(f"{key}\n{answer.question}"),
        title=title if len(title) <= 64 else title[:63] + "…",
        description=description,
        input_message_content=InputTextMessageContent(
            body, parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)
        ),
    )


def inline_results(engine: Any, query: str, limit: int = 5, fallback: str = "") -> list[InlineQueryResultArticle]:
    """The query's answer first, then its follow-up suggestions (or examples), at most ``limit``;
    ``fallback`` titles a result whose question is blank (the conflict's name)."""
    from intents.context import Context as Conversation

    results: list[InlineQueryResultArticle] = []
    seen: set[str] = set()  # questions and answer texts already offered
    base = Conversation()
    if query:
        answer = engine.answer(query, base)
        results.append(_article("q", answer, query if answer.answered else f"No answer for “{query}”", fallback))
        seen.update((query.casefold(), render_html(answer)))
        follow = list(answer.suggestions) + list(engine.examples())
    else:
        follow = list(engine.examples())
    for question in follow:
        if len(results) >= limit:
            break
        if question.casefold() in seen:
            continue
        seen.add(question.casefold())
        answer = engine.answer(question, copy.deepcopy(base))
        body = render_html(answer)
        if answer.answered and body not in seen:
            seen.add(body)
            results.append(_article(str(len(results)), answer, question, fallback))
    return results[:limit]


async def on_inline(update: Update, context: Context) -> None:
    st = state(context)
    query = clean_question(update.inline_query.query or "", st.settings.max_question)
    results = inline_results(st.engine, query, st.settings.inline_results, fallback=st.subject.name)
    await with_retry(
        lambda: update.inline_query.answer(results, cache_time=st.settings.inline_cache_time, is_personal=False),
        attempts=3, base_delay=st.settings.retry_base_delay, what="answerInlineQuery",
    )
    log_update(update, "inline", extra=f"results={len(results)}")


# -- errors --------------------------------------------------------------------------------
async def on_error(update: object, context: Context) -> None:
    """Log the failure (one line, plus its traceback at DEBUG) and tell the user, if there is one."""
    error = context.error
    uid = update.update_id if isinstance(update, Update) else "-"
    log.error("update %s failed: %s: %s", uid, type(error).__name__, error)
    log.debug("traceback of update %s", uid, exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    chat = update.effective_chat
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(texts.SOMETHING_WRONG)
        except Exception:  # noqa: BLE001 - the query may be answered already
            pass
    message = update.message
    if chat.type != ChatType.PRIVATE and update.callback_query is None and message is not None:
        command = (message.text or "").startswith("/")
        if not command and addressed_text(message, context.bot.username, context.bot.id) is None:
            return
    try:
        await context.bot.send_message(chat.id, texts.SOMETHING_WRONG)
    except Exception as exc:  # noqa: BLE001 - nothing more we can do
        log.warning("could not tell chat %s about the failure: %s", chat.id, exc)
