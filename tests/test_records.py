"""knowledge/records.py: every record class behaves as ``dataclasses.dataclass`` would make it."""

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import bot.conversation
import intents
import knowledge
from knowledge import records
from knowledge.records import RECORD_FIELDS, dataclass, field, replace


def _modules():
    yield bot.conversation
    for package in (intents, knowledge):
        yield package
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not info.name.startswith("knowledge.yamlmarks"):  # imports PyYAML: not a record module
                yield importlib.import_module(info.name)


RECORDS = sorted({obj for module in _modules() for obj in vars(module).values()
                  if isinstance(obj, type) and RECORD_FIELDS in obj.__dict__}, key=lambda c: c.__qualname__)


def _twin(cls: type) -> type:
    """The class as the standard ``dataclasses.dataclass`` makes it from the same definition."""
    fields = cls.__dict__[RECORD_FIELDS]
    frozen = cls.__hash__ is not None
    generated = {"__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__", "__match_args__",
                 "__dict__", "__weakref__", RECORD_FIELDS}
    namespace = {k: v for k, v in cls.__dict__.items() if k not in generated}
    for f in fields:
        options = {"repr": f.repr, "hash": f.hash, "compare": f.compare}
        if f.default is not records._MISSING:
            options["default"] = f.default
        if f.default_factory is not records._MISSING:
            options["default_factory"] = f.default_factory
        namespace[f.name] = dataclasses.field(**options)
    twin = type(cls.__name__, (), namespace)
    twin.__qualname__ = cls.__qualname__
    return dataclasses.dataclass(twin, frozen=frozen)


def _signature(init) -> list[tuple]:
    """Parameters, defaults and kinds (the marker of a default factory is each module's own)."""
    return [(p.name, p.kind, "<factory>" if repr(p.default) == "<factory>" else p.default)
            for p in inspect.signature(init).parameters.values()]


def test_the_engine_modules_define_their_records_here():
    assert len(RECORDS) >= 50
    assert not any(dataclasses.is_dataclass(c) for c in RECORDS)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__qualname__)
def test_a_record_is_its_dataclass_twin(cls):
    twin = _twin(cls)
    fields = cls.__dict__[RECORD_FIELDS]
    assert [f.name for f in fields] == [f.name for f in dataclasses.fields(twin)]
    assert cls.__match_args__ == twin.__match_args__
    init = records._compile(cls, "__init__", *records._init_parts(list(fields), twin.__hash__ is not None))
    assert _signature(init) == _signature(twin.__init__)
    for f in fields:  # class-level defaults
        assert (f.name in vars(cls), vars(cls).get(f.name)) == (f.name in vars(twin), vars(twin).get(f.name))

    values = {f.name: f"value-{i}" for i, f in enumerate(fields)}
    ours, theirs = cls(**values), twin(**values)
    assert vars(ours) == vars(theirs)
    assert repr(ours) == repr(theirs)
    assert (ours == cls(**values)) is (theirs == twin(**values)) is True
    assert ours.__eq__(theirs) is NotImplemented
    for f in fields:  # which fields equality (and hashing) sees
        changed = values | {f.name: "other"}
        assert (ours == cls(**changed)) == (theirs == twin(**changed))
        if twin.__hash__ is not None:
            assert (hash(ours) == hash(cls(**changed))) == (hash(theirs) == hash(twin(**changed)))
    if twin.__hash__ is None:
        assert cls.__hash__ is None
        with pytest.raises(TypeError):
            hash(ours)
    else:
        assert hash(ours) == hash(theirs)  # the same values: sets of records keep their order
        for name in [*values, "not_a_field"]:
            with pytest.raises(dataclasses.FrozenInstanceError):
                setattr(ours, name, 1)
            with pytest.raises(dataclasses.FrozenInstanceError):
                delattr(ours, name)

    required = {f.name: values[f.name] for f in fields
                if f.default is records._MISSING and f.default_factory is records._MISSING}
    assert vars(cls(**required)) == vars(twin(**required))
    if fields:
        first = fields[0].name
        assert vars(replace(ours, **{first: "new"})) == vars(dataclasses.replace(theirs, **{first: "new"}))


def test_what_records_do_not_cover_goes_to_dataclasses():
    class Base:
        pass

    @dataclass(frozen=True)
    class Derived(Base):
        a: int = 1

    @dataclass
    class OwnEq:
        a: int

        def __eq__(self, other):
            return True

    assert dataclasses.is_dataclass(Derived) and dataclasses.is_dataclass(OwnEq)
    assert Derived() == Derived(1) and OwnEq(1) == OwnEq(2)
    assert replace(Derived(), a=2).a == 2
    with pytest.raises(ValueError, match="mutable default"):
        @dataclass
        class MutableDefault:
            a: list = []  # noqa: RUF012
    with pytest.raises(TypeError, match="non-default argument"):
        @dataclass
        class Order:
            a: int = 1
            b: int


def test_a_record_refuses_what_a_dataclass_refuses():
    @dataclass(frozen=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple = field(default_factory=tuple, compare=False)

    with pytest.raises(TypeError, match="positional argument"):
        Point()
    with pytest.raises(TypeError, match="unexpected keyword"):
        Point(1, z=2)
    with pytest.raises(TypeError, match="unexpected keyword"):
        replace(Point(1), z=2)
    assert Point(1, tags=("a",)) == Point(1) and Point(1) != Point(2)


def test_methods_compiled_in_an_earlier_process_are_used(monkeypatch):
    import marshal

    methods = records.compiled_methods()  # what a snapshot keeps
    monkeypatch.setattr(records, "_precompiled", {})
    records.use_compiled_methods(methods)
    for cls in RECORDS:
        for name, parts in records._methods(list(cls.__dict__[RECORD_FIELDS]), cls.__hash__ is not None).items():
            source = records._source(name, *parts)
            assert marshal.loads(methods[source]) == compile(source, "<string>", "exec", dont_inherit=True)
    cls = RECORDS[0]
    parts = records._init_parts(list(cls.__dict__[RECORD_FIELDS]), cls.__hash__ is not None)
    records._precompiled[records._source("__init__", *parts)] = b"damaged"
    assert _signature(records._compile(cls, "__init__", *parts)) == _signature(_twin(cls).__init__)  # compiled anew
