"""The Telegram channel: python-telegram-bot 22 (async) over the engine.

Only this package imports ``telegram``, and only when the ``telegram`` command
runs. Modules: ``main`` (arguments, token, logging, run), ``app`` (build the
Application, register handlers), ``handlers``, ``keyboards``, ``sending``,
``throttle`` and ``texts``.
"""
