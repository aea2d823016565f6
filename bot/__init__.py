"""The conversation and its channels: REPL, ask, FAQ and Telegram."""

from pathlib import Path

# the program's own name, kept as data like the rest of its wording: a deployment for another
# conflict renames it here; everything about the conflict itself comes from the loaded pack
PRODUCT = (Path(__file__).with_name("product_name.txt")).read_text(encoding="utf-8").strip()
