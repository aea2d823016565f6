"""The program's own name, kept as data like the rest of its wording: a deployment for another
conflict renames it in ``data/product_name.txt``; everything about the conflict itself comes from
the loaded pack. The engine names its cache after it, the channels their state and messages."""

from pathlib import Path

PRODUCT = (Path(__file__).parent / "data" / "product_name.txt").read_text(encoding="utf-8").strip()
PRODUCT_VAR = PRODUCT.upper().replace("-", "_")  # the prefix of its environment variables: DARZAB_BOT
