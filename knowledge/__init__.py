"""The fact base: a typed model, a validating YAML loader and a query API."""

from .loader import PackError, PackErrors, bundled_pack_path, fold, load_pack
from .query import Dispute, KnowledgeBase, PersonRecord, PlaceRecord

__all__ = [
    "Dispute",
    "KnowledgeBase",
    "PackError",
    "PackErrors",
    "PersonRecord",
    "PlaceRecord",
    "bundled_pack_path",
    "fold",
    "load_pack",
]
