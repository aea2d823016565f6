"""The conversation and its channels: REPL, ask, FAQ and Telegram."""

from intents.product import PRODUCT, PRODUCT_VAR

__all__ = ["PRODUCT", "PRODUCT_VAR"]
