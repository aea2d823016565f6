"""Per-session context: follow-ups stay in their session, memory stays bounded."""

from bot.conversation import Conversations


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_sessions_do_not_share_context(engine):
    convs = Conversations(engine)
    convs.ask("a", "how many taliban were killed")
    convs.ask("b", "who commanded the taliban")
    assert convs.ask("a", "and IS-KP?").intent == "casualties"
    assert convs.ask("b", "and IS-KP?").intent == "commanders"


def test_least_recently_used_sessions_are_dropped(engine):
    convs = Conversations(engine, max_sessions=3)
    for chat in range(10):
        convs.ask(chat, "who won")
    assert len(convs) == 3
    assert convs.last_answer(0) is None and convs.last_answer(9) is not None


def test_idle_session_starts_afresh(engine):
    clock = Clock()
    convs = Conversations(engine, ttl=60, clock=clock)
    convs.ask("a", "how many taliban were killed")
    clock.now = 61
    assert convs.ask("a", "and IS-KP?").intent != "casualties"  # no context left to lean on


def test_reset_forgets(engine):
    convs = Conversations(engine)
    convs.ask("a", "how many taliban were killed")
    convs.reset("a")
    assert convs.last_answer("a") is None
