"""A snapshot of the built engine on disk, so a process starts without re-deriving it.

Building an engine parses the vocabulary (``intents/data``) and the pack, then derives the
tables a question is read with (aliases, spelling, fact index): about 350 ms on the benchmark
VM, more than the whole of a cold `ask`'s budget. Unpickling the result takes about 40 ms.

Two pickles under ``$XDG_CACHE_HOME/darzab-bot`` (``~/.cache/darzab-bot`` by default):

- ``tables-KEY.pickle``: the vocabulary's tables (cues, lexicon, word lists), which modules read
  when they are imported, restored by ``vocabulary.table`` on the first call of a loader, and
  the compiled methods of the record classes (``knowledge/records.py``);
- ``engine-KEY.pickle``: the engine of one pack, which refers to those tables rather than
  copying them.

KEY is a hash of the Python version, every source file of ``intents/`` and ``knowledge/``, every
file of ``intents/data`` and (for an engine) the pack directory's path and every ``*.yaml`` file
in it: any change to one of them is another key, so a snapshot is never stale. (A start whose
files stat as they did when their key was computed reads the key from a stamp instead of hashing
them: see ``_stamped_key``.) Files are written to a temporary name and renamed into place.
Reading a snapshot that is missing, damaged, not the user's own or from another version just
builds as before; failing to write one is silent too.
``DARZAB_BOT_NO_CACHE=1`` turns snapshots off. A pack with problems is never snapshotted: building
it raises its ``file:line`` errors as ever.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from knowledge import records

from .product import PRODUCT, PRODUCT_VAR

DISABLE_VAR = f"{PRODUCT_VAR}_NO_CACHE"  # DARZAB_BOT_NO_CACHE=1: always build
APP = PRODUCT
KEEP = 8  # snapshots of each kind kept; older ones (earlier code or packs) are deleted
MAX_PACK_FILE = 2_000_000  # as the loader's cap: a bigger file is left to the loader to refuse
_ROOT = Path(__file__).resolve().parent.parent
_CODE_DIRS = ("intents", "knowledge")
_DATA_DIR = _ROOT / "intents" / "data"


def cache_dir() -> Path | None:
    """Where snapshots live, or None when they are turned off."""
    if os.environ.get(DISABLE_VAR, "") not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / APP


_code_key: str | None = None


def code_key() -> str:
    """A hash of the interpreter, the engine's code and its data files (once per process)."""
    global _code_key
    if _code_key is None:
        files = sorted(p for d in _CODE_DIRS for p in (_ROOT / d).rglob("*.py"))
        files += sorted(p for p in _DATA_DIR.iterdir() if p.is_file())
        header = f"{sys.version}|{pickle.HIGHEST_PROTOCOL}"
        stats = [(p, os.stat(p)) for p in files]  # before the files are read: see _stamped_key
        _code_key = _stamped_key(f"code-{sys.implementation.cache_tag}-{_ROOT}", header, stats,
                                 lambda: _digest(header, files, _ROOT))
    return _code_key


def pack_key(pack: Path) -> str | None:
    """A hash of the code and of the pack at ``pack``; None when the pack is anything but plain
    regular ``*.yaml`` files (a symlink, a FIFO, an oversized file: the loader judges those)."""
    files = []
    for path in sorted(pack.glob("*.yaml")):
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PACK_FILE:
            return None
        files.append((path, info))
    header = f"{code_key()}|{pack.resolve()}"
    return _stamped_key(f"pack-{pack.resolve()}", header, files, lambda: _digest(header, [p for p, _ in files], pack))


def _digest(header: str, files: list[Path], root: Path) -> str:
    """SHA-256 of ``header`` and of each file's path (from ``root``) and contents."""
    import hashlib  # only when a key is not stamped: loading OpenSSL is a few ms of a start

    digest = hashlib.sha256(header.encode())
    for path in files:
        digest.update(f"\0{path.relative_to(root)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


# A key's files are read and hashed (1.1 MB for the code and data, about 10 ms with importing
# hashlib) only when their stat differs from the stamp written with the key the last time:
# ``stamp-*.txt`` beside the snapshots, the key and each file's path, size, mtime, ctime, inode and
# device. Writing a file changes its mtime and ctime, and setting the mtime back changes the ctime,
# which no program sets; what a stat cannot tell is a second write in the same tick of the file
# system's clock, so (as git's "racily clean" check) a stamp is written only when every file is
# older than STAMP_AGE_NS. Not on Windows, whose ctime is the creation time: there, always hashed.
STAMP_AGE_NS = 2_000_000_000
STAMPS_KEPT = 32  # stamps of keys of code checkouts and packs, a few hundred bytes to a few kB each
_STAMPS = os.name == "posix"


def _stamped_key(name: str, header: str, files: list[tuple[Path, os.stat_result]],
                 digest: Callable[[], str]) -> str:
    """``digest()``, or the key stamped for these files when none changed since it was written."""
    folder = cache_dir()
    if folder is None or not _STAMPS:
        return digest()
    seen = "\n".join([header, *(f"{p}\t{i.st_size}\t{i.st_mtime_ns}\t{i.st_ctime_ns}\t{i.st_ino}\t{i.st_dev}"
                                for p, i in files)])
    path = folder / f"stamp-{''.join(c if c.isalnum() else '_' for c in name)[-150:]}.txt"
    try:
        key, _, stamped = (_read(path, lambda f: f.read().decode()) or "").partition("\n")
        if stamped == seen and len(key) == 32:
            return key
    except Exception:  # noqa: BLE001 - damaged or foreign: hash, and stamp again
        pass
    key = digest()
    if max((max(i.st_mtime_ns, i.st_ctime_ns) for _, i in files), default=0) < time.time_ns() - STAMP_AGE_NS:
        _quietly(lambda: _write(path, lambda f: f.write(f"{key}\n{seen}".encode()), keep=STAMPS_KEPT))
    return key


def _read(path: Path, load: Callable[[BinaryIO], Any] = lambda f: pickle.Unpickler(f).load()) -> Any:
    """What ``load`` reads from ``path`` (by default the object pickled there); None if the file is
    missing or not the user's own."""
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None  # a pickle runs code: only one this user alone could have written
            return load(f)
    except FileNotFoundError:
        return None


def _write(path: Path, dump: Callable[[Any], None], keep: int = KEEP) -> None:
    """Write through ``dump(file)`` to a temporary file, then rename it into place, so a reader
    sees the old snapshot, the new one or none, never half of one; prune old snapshots."""
    import tempfile  # only when writing: a start from a snapshot does not need it

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(fd, "wb") as f:
            dump(f)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    _prune(path.parent, f"{path.name.split('-', 1)[0]}-*{path.suffix}", keep)


def _prune(folder: Path, pattern: str, keep: int) -> None:
    """Keep the newest ``keep`` files matching ``pattern``; another process may be pruning too."""
    dated = []
    for path in folder.glob(pattern):
        try:
            dated.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, stale in sorted(dated, reverse=True)[keep:]:
        stale.unlink(missing_ok=True)


# -- vocabulary tables ------------------------------------------------------------------


_tables_on_disk = False  # whether this process read its tables from their snapshot, or wrote it
_METHODS = "compiled methods"  # kept beside the tables: the code of knowledge.records' methods


def restore_tables() -> dict[str, Any]:
    """The vocabulary tables of the last snapshot of this code and data (loader name -> table),
    or {} when there is none or it cannot be read."""
    global _tables_on_disk
    folder = cache_dir()
    if folder is None:
        return {}
    try:
        tables = _read(folder / f"tables-{code_key()}.pickle")
    except Exception:  # noqa: BLE001 - any damage at all: parse the files instead
        return {}
    _tables_on_disk = isinstance(tables, dict)
    if not _tables_on_disk:
        return {}
    methods = tables.pop(_METHODS, None)
    if isinstance(methods, dict):
        records.use_compiled_methods(methods)
    return tables


def _save_tables(folder: Path, tables: dict[str, Any]) -> None:
    """Write the tables unless this process read them from their snapshot (a damaged or foreign
    file is replaced, so the next start does not parse them again)."""
    global _tables_on_disk
    if not _tables_on_disk:
        path = folder / f"tables-{code_key()}.pickle"
        saved = {**tables, _METHODS: records.compiled_methods()}
        _write(path, lambda f: pickle.dump(saved, f, protocol=pickle.HIGHEST_PROTOCOL))
        _tables_on_disk = True


# -- engines ----------------------------------------------------------------------------


class _Pickler(pickle.Pickler):
    """Pickles the vocabulary's tables as references to them, not copies."""

    def __init__(self, file, shared: dict[int, str]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj: Any) -> str | None:
        return self.shared.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Any:
        from . import vocabulary

        if pid not in vocabulary.TABLE_LOADERS:
            raise pickle.UnpicklingError(f"unknown table {pid!r}")
        return getattr(vocabulary, pid)()  # restored, or read from its file if need be


def load_engine(pack: Path, build: Callable[[], Any], kind: type) -> Any:
    """The engine of ``pack`` from its snapshot if there is one, else ``build()`` (and snapshot
    it). Only an object of type ``kind`` is taken from a snapshot."""
    folder = cache_dir()
    key = None
    if folder is not None:
        try:
            key = pack_key(pack)
            engine = _read(folder / f"engine-{key}.pickle", lambda f: _Unpickler(f).load()) if key else None
        except Exception:  # noqa: BLE001 - a damaged or foreign snapshot: build as if there were none
            engine = None
        if isinstance(engine, kind):
            if not _tables_on_disk:  # their snapshot was missing or damaged: write it again
                _quietly(lambda: _save_tables(folder, _loaded_tables()))
            return engine
    engine = build()  # a bad pack raises here, before anything is written
    if folder is not None and key:
        _quietly(lambda: save_engine(folder, key, engine))
    return engine


def _quietly(write: Callable[[], None]) -> None:
    try:
        write()
    except Exception:  # noqa: BLE001 - a read-only or full disk: the next start builds again
        pass


def _loaded_tables() -> dict[str, Any]:
    from . import vocabulary

    return vocabulary.loaded_tables()


def save_engine(folder: Path, key: str, engine: Any) -> None:
    tables = _loaded_tables()
    _save_tables(folder, tables)
    shared = {id(table): name for name, table in tables.items()}
    _write(folder / f"engine-{key}.pickle", lambda f: _Pickler(f, shared).dump(engine))
