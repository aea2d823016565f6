"""``dataclass``, ``field`` and ``replace`` for the engine's record classes, cheap to define.

The standard ``dataclasses`` module compiles five or six functions for every class it
decorates (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``, ``__delattr__``)
and imports ``inspect`` (with ``ast``, ``dis``, ``tokenize``) to do it: for the 54 classes on the
path of a one-shot ``ask``, about 80 ms of the 230 it spent before its first answer. Here
``__init__``, ``__eq__`` and ``__hash__`` are compiled from the same text as ``dataclasses``'
(so they are as fast), but each on its first call: objects restored from the engine's snapshot
were never initialised, and most classes are never compared or hashed in a process; and a start
from the snapshot takes their compiled code from it (``compiled_methods``). ``__repr__`` and the
frozen ``__setattr__``/``__delattr__`` (rarely called) are plain closures.

What a class gets is what ``dataclasses.dataclass`` (CPython 3.11) gives it for the options
used here (``frozen`` or not, ``eq``, ``init``, ``repr`` all on): the same ``__init__`` signature
and body, the same ``==`` (tuples of the compared fields, of the same class only), the same hash
values (a tuple of the hashed fields), the same repr, ``FrozenInstanceError`` on assignment to a
frozen record, ``__hash__ = None`` for a mutable one, ``__match_args__`` and class-level defaults.
Not kept: ``__dataclass_fields__`` (so ``dataclasses.fields``/``asdict`` do not apply; use
``replace`` from here) and the generated docstring. A class this does not cover (inheritance,
its own ``__eq__``/``__init__``/..., ``ClassVar``/``InitVar``, annotations that are not strings, an
unhashable default) is handed to ``dataclasses.dataclass`` unchanged; ``tests/test_records.py``
checks every record class against its standard twin.
"""

from __future__ import annotations

import marshal
import reprlib
import sys
from collections.abc import Callable
from types import CodeType
from typing import Any, TypeVar

T = TypeVar("T")

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()
_HAS_DEFAULT_FACTORY = type("_HasDefaultFactory", (), {"__repr__": lambda self: "<factory>"})()
# methods a record generates; a class defining one itself goes to the standard dataclasses
_GENERATED = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__post_init__",
              "__slots__")
RECORD_FIELDS = "__record_fields__"  # the class attribute holding a record's fields (Field, in order)
# Compiling the methods is most of what a record costs: 16 __init__s on a first answer, about 4 ms.
# The engine's snapshot keeps their code (its key covers this file and the Python version) and a
# start from it execs that instead, as Python keeps a module's code in a .pyc.
_made: list[tuple[list[Field], bool]] = []  # every record class's fields, in order of definition
_precompiled: dict[str, bytes] = {}  # a method's source -> its compiled code, marshalled


class Field:
    """What ``field(...)`` returns: a field's default and which methods it takes part in."""

    __slots__ = ("name", "default", "default_factory", "repr", "hash", "compare")

    def __init__(self, default: Any, default_factory: Any, repr: bool, hash: bool | None, compare: bool):
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.hash = hash
        self.compare = compare

    @property
    def hashed(self) -> bool:
        return self.compare if self.hash is None else self.hash

    def __repr__(self) -> str:
        return (f"Field(name={self.name!r},default={self.default!r},default_factory={self.default_factory!r},"
                f"repr={self.repr!r},hash={self.hash!r},compare={self.compare!r})")


def field(*, default: Any = _MISSING, default_factory: Callable[[], Any] | Any = _MISSING, repr: bool = True,
          hash: bool | None = None, compare: bool = True) -> Any:
    """A field's default or default factory and whether repr, hash and == use it, as
    ``dataclasses.field`` (only these options)."""
    return Field(default, default_factory, repr, hash, compare)


def dataclass(cls: type[T] | None = None, /, *, frozen: bool = False) -> Any:
    """``@dataclass`` or ``@dataclass(frozen=True)``: the class with ``dataclasses``' methods."""

    def wrap(cls: type[T]) -> type[T]:
        fields = _fields(cls)
        return _standard(cls, frozen) if fields is None else _build(cls, fields, frozen)

    return wrap if cls is None else wrap(cls)


def replace(obj: T, /, **changes: Any) -> T:
    """A copy of ``obj`` with ``changes``, as ``dataclasses.replace``."""
    fields = getattr(type(obj), RECORD_FIELDS, None)
    if fields is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)
    for f in fields:
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def _fields(cls: type) -> list[Field] | None:
    """The class's fields in order, or None when it needs the standard dataclasses."""
    if cls.__bases__ != (object,) or any(name in cls.__dict__ for name in _GENERATED):
        return None
    fields = []
    seen_default = False
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if not isinstance(annotation, str) or "ClassVar" in annotation or "InitVar" in annotation \
                or "KW_ONLY" in annotation:
            return None
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, Field) else Field(value, _MISSING, True, None, True)
        if type(value).__module__ == "dataclasses" or type(spec.default).__hash__ is None:
            return None  # a standard field(), or a mutable default: theirs to accept or refuse
        has_default = spec.default is not _MISSING or spec.default_factory is not _MISSING
        if seen_default and not has_default:
            return None  # "non-default argument follows default argument": let them raise it
        seen_default |= has_default
        spec.name = name
        fields.append(spec)
    return fields


def _standard(cls: type[T], frozen: bool) -> type[T]:
    import dataclasses

    for name, value in list(cls.__dict__.items()):
        if isinstance(value, Field):
            options = {"repr": value.repr, "hash": value.hash, "compare": value.compare}
            if value.default is not _MISSING:
                options["default"] = value.default
            if value.default_factory is not _MISSING:
                options["default_factory"] = value.default_factory
            setattr(cls, name, dataclasses.field(**options))
    return dataclasses.dataclass(cls, frozen=frozen)


def _build(cls: type[T], fields: list[Field], frozen: bool) -> type[T]:
    names = tuple(f.name for f in fields)
    for f in fields:  # class attributes as dataclasses leaves them
        if f.default is not _MISSING:
            setattr(cls, f.name, f.default)
        elif isinstance(cls.__dict__.get(f.name), Field):
            delattr(cls, f.name)
    for name in ("__init__", "__eq__", "__hash__") if frozen else ("__init__", "__eq__"):  # as _methods makes
        _add(cls, name, _lazy(cls, name, lambda name=name: _compile(cls, name, *_methods(fields, frozen)[name])))
    _add(cls, "__repr__", reprlib.recursive_repr()(_repr_fn([f.name for f in fields if f.repr])))
    if frozen:
        setattr_fn, delattr_fn = _frozen_fns(cls, frozenset(names))
        _add(cls, "__setattr__", setattr_fn)
        _add(cls, "__delattr__", delattr_fn)
    else:
        cls.__hash__ = None  # type: ignore[assignment] # mutable and compared by value
    cls.__match_args__ = names  # type: ignore[attr-defined]
    setattr(cls, RECORD_FIELDS, tuple(fields))
    _made.append((fields, frozen))
    return cls


def _add(cls: type, name: str, fn: Callable[..., Any]) -> None:
    fn.__name__ = name
    fn.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, fn)


def _lazy(cls: type, name: str, make: Callable[[], Callable[..., Any]]) -> Callable[..., Any]:
    """A method that, on its first call, compiles the real one (``make()``) and puts it in its
    place: a class pays for compiling only what its instances use. (Objects restored from the
    engine's snapshot are never initialised; most records are never hashed or compared.)"""

    def stand_in(self: Any, *args: Any, **kwargs: Any) -> Any:
        method = make()
        _add(cls, name, method)
        return method(self, *args, **kwargs)

    return stand_in


_Parts = tuple[list[str], list[str], dict[str, Any]]  # a method's parameters, body lines, closure scope


def _methods(fields: list[Field], frozen: bool) -> dict[str, _Parts]:
    """The compiled methods of a record, as ``dataclasses`` writes them."""
    compared = _tuple_str("self", [f.name for f in fields if f.compare])
    methods = {
        "__init__": _init_parts(fields, frozen),
        "__eq__": (["self", "other"], [
            f"if other.__class__ is self.__class__: return {compared}=={compared.replace('self.', 'other.')}",
            "return NotImplemented"], {}),
    }
    if frozen:
        methods["__hash__"] = (["self"], [f"return hash({_tuple_str('self', [f.name for f in fields if f.hashed])})"],
                               {})
    return methods


def _tuple_str(obj: str, names: list[str]) -> str:
    """``(self.a,self.b,)``, or ``()``: what the standard methods compare and hash."""
    return f"({','.join(f'{obj}.{n}' for n in names)},)" if names else "()"


def _init_parts(fields: list[Field], frozen: bool) -> _Parts:
    """The ``__init__`` ``dataclasses`` writes: parameters in field order, defaults bound when
    it is made, a factory called for each missing argument, ``object.__setattr__`` if frozen."""
    me = "__dataclass_self__" if "self" in (f.name for f in fields) else "self"
    scope: dict[str, Any] = {"__dataclass_builtins_object__": object, "_HAS_DEFAULT_FACTORY": _HAS_DEFAULT_FACTORY}
    params, body = [me], []
    for f in fields:
        value = f.name
        if f.default_factory is not _MISSING:
            scope[f"_dflt_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_HAS_DEFAULT_FACTORY")
            value = f"_dflt_{f.name}() if {f.name} is _HAS_DEFAULT_FACTORY else {f.name}"
        elif f.default is not _MISSING:
            scope[f"_dflt_{f.name}"] = f.default
            params.append(f"{f.name}=_dflt_{f.name}")
        else:
            params.append(f.name)
        body.append(f"__dataclass_builtins_object__.__setattr__({me},{f.name!r},{value})" if frozen
                    else f"{me}.{f.name}={value}")
    return params, body or ["pass"], scope


def _source(name: str, params: list[str], body: list[str], scope: dict[str, Any]) -> str:
    """``def name(params): body`` inside a maker whose parameters are ``scope``'s names, so the
    method finds them as a closure (as ``dataclasses`` builds its methods)."""
    return (f"def __create_fn__({', '.join(scope)}):\n def {name}({','.join(params)}):\n"
            + "\n".join(f"  {line}" for line in body) + f"\n return {name}")


def _compile(cls: type, name: str, params: list[str], body: list[str], scope: dict[str, Any]) -> Callable[..., Any]:
    """The method, compiled in the class's module (or its code taken from the snapshot's)."""
    source = _source(name, params, body, scope)
    code = None
    if source in _precompiled:
        try:
            code = marshal.loads(_precompiled[source])
        except (EOFError, ValueError, TypeError):  # damaged: compile it here
            pass
    if not isinstance(code, CodeType):
        code = _code(source)
    namespace: dict[str, Any] = {}
    exec(code, vars(sys.modules[cls.__module__]), namespace)  # noqa: S102 - text made here from field names
    return namespace["__create_fn__"](**scope)


def compiled_methods() -> dict[str, bytes]:
    """The code of the compiled methods of every record class defined so far, for a snapshot."""
    sources = {_source(name, *parts) for fields, frozen in _made for name, parts in _methods(fields, frozen).items()}
    return {source: marshal.dumps(_code(source)) for source in sorted(sources)}


def _code(source: str) -> CodeType:
    return compile(source, "<string>", "exec", dont_inherit=True)  # not this file's __future__ flags


def use_compiled_methods(methods: dict[str, bytes]) -> None:
    """Take methods' code from a snapshot (``compiled_methods`` of an earlier process)."""
    _precompiled.update(methods)


def _repr_fn(names: list[str]) -> Callable[[Any], str]:
    def __repr__(self: Any) -> str:
        return self.__class__.__qualname__ + "(" + ", ".join(f"{n}={getattr(self, n)!r}" for n in names) + ")"

    return __repr__


def _frozen_fns(cls: type, names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            from dataclasses import FrozenInstanceError

            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            from dataclasses import FrozenInstanceError

            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__
