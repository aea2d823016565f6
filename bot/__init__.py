"""The conversation and its channels: REPL, ask, FAQ and Telegram."""
