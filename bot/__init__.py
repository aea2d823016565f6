"""The conversation and its channels: REPL, ask, FAQ and Telegram."""

PRODUCT = "darzab-bot"  # the program's own name; everything about a conflict comes from the loaded pack
