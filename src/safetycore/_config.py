"""The one validation mechanism: checks every constructor and ``from_dict`` reads input with.

Each check raises a ``SafetycoreError`` subclass (``InputTypeError`` for a wrong type,
``ConfigurationError`` for a definition that cannot be right) naming the field and the value.
Values are validated where they enter, at construction, never later in a computation.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, Final, TypeVar

from safetycore.errors import (
    ConfigurationError,
    ConfigurationErrorGroup,
    InputTypeError,
    SafetycoreError,
)


def required(data: object, key: str, where: str) -> Any:
    """Return ``data[key]``, raising a safetycore error that names ``where.key`` otherwise."""
    if not isinstance(data, Mapping):
        raise InputTypeError("must be a mapping", field=where, value=data)
    if key not in data:
        raise ConfigurationError("is required", field=f"{where}.{key}", value=None)
    return data[key]


def known_keys(data: object, allowed: Iterable[str], where: str) -> Mapping[str, Any]:
    """``data`` as a mapping whose keys are all in ``allowed``; a stray key is refused.

    A misspelt key in a configuration (``"subdiv"`` for ``"subdivision"``) would otherwise be
    ignored and change the answer silently, so it raises ``ConfigurationError`` naming
    ``where.key`` and the keys that are known.
    """
    if not isinstance(data, Mapping):
        raise InputTypeError("must be a mapping", field=where, value=data)
    known = tuple(allowed)
    for key in data:
        if key not in known:
            raise ConfigurationError(
                f"is not a known key (known: {', '.join(known)})", field=f"{where}.{key}", value=key
            )
    return data


def instance_of(kind: type | tuple[type, ...]) -> Any:
    """An attrs validator like ``attrs.validators.instance_of`` raising ``InputTypeError``."""
    names = " or ".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))

    def check(_: object, attribute: Any, value: object) -> None:
        if not isinstance(value, kind):
            raise InputTypeError(f"must be a {names}", field=attribute.name, value=value)

    return check


_E = TypeVar("_E", bound=enum.Enum)


def enum_member(
    kind: type[_E], value: object, field: str, *, error: type[SafetycoreError] = InputTypeError
) -> _E:
    """``kind(value)``, or ``error`` naming ``field``, ``value`` and the members allowed."""
    try:
        return kind(str(value))
    except ValueError:
        allowed = ", ".join(str(member.value) for member in kind)
        raise error(f"must be one of: {allowed}", field=field, value=value) from None


def publish(namespace: dict[str, Any], names: list[str]) -> None:
    """Make the classes and functions re-exported by a package report its public path."""
    for name in names:
        item = namespace[name]
        if isinstance(item, type) or callable(item):
            item.__module__ = namespace["__name__"]


_T = TypeVar("_T")


def items_of(values: Iterable[_T], kind: type[_T], field: str) -> tuple[_T, ...]:
    """``values`` as a tuple, each checked to be a ``kind`` (``InputTypeError`` names its index).

    A non-collection, a bare ``str``, a mapping or a single ``kind`` where the collection
    belongs raises ``InputTypeError`` naming ``field``.
    """
    if isinstance(values, (str, bytes, Mapping, kind)) or not isinstance(values, Iterable):
        raise InputTypeError(f"must be a collection of {kind.__name__}", field=field, value=values)
    items = tuple(values)
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise InputTypeError(f"must be a {kind.__name__}", field=f"{field}[{i}]", value=item)
    return items


def reject_repeats(values: Iterable[object], field: str, message: str) -> None:
    """Raise ``ConfigurationError`` naming the first value that comes twice."""
    seen: set[object] = set()
    for value in values:
        if value in seen:
            raise ConfigurationError(message, field=field, value=value)
        seen.add(value)


def text(*, optional: bool = False, empty: bool = False) -> Any:
    """An attrs validator: a ``str`` (non-empty unless ``empty``; ``None`` if ``optional``)."""

    def check(_: object, attribute: Any, value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or (not value and not empty):
            raise InputTypeError(
                "must be text" if empty else "must be non-empty text",
                field=attribute.name,
                value=value,
            )

    return check


def boolean(_: object, attribute: Any, value: object) -> None:
    """An attrs validator: exactly ``True`` or ``False`` (not ``"false"``, not ``0``)."""
    if not isinstance(value, bool):
        raise InputTypeError("must be True or False", field=attribute.name, value=value)


def whole_number(value: object, field: str) -> int:
    """``value`` if it is an ``int`` (a ``bool`` is refused); else ``InputTypeError``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputTypeError("must be a whole number (int)", field=field, value=value)
    return value


def collection(value: object, field: str, noun: str) -> tuple[Any, ...]:
    """``value``'s items as a tuple, when ``value`` is a collection of ``noun``.

    A bare ``str`` is refused (it would be read letter by letter), and so are a mapping and
    a non-iterable, with ``InputTypeError`` naming ``field``.
    """
    if isinstance(value, str):
        raise InputTypeError(
            f"must be a collection of {noun}, not one str (write [{value!r}])",
            field=field,
            value=value,
        )
    if isinstance(value, Mapping) or not isinstance(value, Iterable):
        raise InputTypeError(f"must be a collection of {noun}", field=field, value=value)
    return tuple(value)


def names_of(value: object, field: str, *, single: bool = False) -> frozenset[str]:
    """A collection of non-empty names as a ``frozenset``, every item checked.

    A bare ``str`` where a collection belongs is refused (``"receipt"`` would otherwise be
    read as the letters ``r, e, c, ...``), unless ``single`` says this field documents one
    name as shorthand for a collection of one. A non-iterable, or an item that is not
    non-empty text, raises ``InputTypeError`` naming ``field[i]``.
    """
    items = (value,) if single and isinstance(value, str) else collection(value, field, "names")
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise InputTypeError("must be non-empty text", field=f"{field}[{i}]", value=item)
    return frozenset(items)


# -- configuration documents -------------------------------------------------------------
#
# A policy or workflow document (``SlaPolicy.to_dict()``, ``Workflow.to_dict()``, eligibility
# ``Policy.to_dict()``) is plain JSON data with an envelope: ``{"kind": "sla_policy",
# "format": 1, ...}``. Its reader checks every independent part (each version, each row, each
# target) inside ``Problems.at(path)``, so that one bad part does not hide the next, and raises
# every problem at the end as one ``ConfigurationErrorGroup`` whose members carry their full
# path from the document's root. Leaf values are still checked by the constructors' own
# validators (the same ones Python callers meet): there is one validation mechanism.

FORMAT: Final = 1
"""The document format this version of safetycore writes and reads."""

_R = TypeVar("_R")


def joined(path: str, field: str) -> str:
    """``field`` (relative to ``path``) as a path from the root: ``joined("a[0]", "b")``."""
    if not path:
        return field
    if not field or field == path or field.startswith((f"{path}.", f"{path}[")):
        return field or path
    return f"{path}{field}" if field.startswith("[") else f"{path}.{field}"


def rebased(error: SafetycoreError, path: str) -> SafetycoreError:
    """``error`` with its ``field`` read from ``path`` (same class, reason and value)."""
    field = joined(path, error.field)
    if field == error.field:
        return error
    try:
        moved = type(error)(error.reason, field=field, value=error.value)
    except TypeError:  # an error class with its own constructor: keep its kind
        moved = ConfigurationError(error.reason, field=field, value=error.value)
    moved.__cause__ = error.__cause__
    return moved


class Problems:
    """Every problem met while reading one configuration document.

    >>> problems = Problems("sla_policy")
    >>> with problems.at("versions[0]"):
    ...     raise ConfigurationError("is required", field="effective", value=None)
    >>> name = problems.run("versions[1]", text_of, 3, "name")
    >>> problems.check()
    Traceback (most recent call last):
    ...
    safetycore.errors.ConfigurationErrorGroup: sla_policy: 2 problems
      versions[0].effective=None: is required
      versions[1].name=3: must be non-empty text
    """

    __slots__ = ("document", "errors")

    def __init__(self, document: str) -> None:
        self.document = document
        self.errors: list[SafetycoreError] = []

    @contextmanager
    def at(self, path: str) -> Iterator[None]:
        """Record (rather than raise) a safetycore error raised inside, rebased on ``path``.

        A ``ConfigurationErrorGroup`` from a nested reader is flattened into its members.
        Code after the failing statement inside the block does not run; the caller must
        not use what the block would have built unless ``ok`` is still true.
        """
        try:
            yield
        except ConfigurationErrorGroup as group:
            self.errors.extend(rebased(error, path) for error in _members(group))
        except SafetycoreError as error:
            self.errors.append(rebased(error, path))

    def run(self, path: str, build: Callable[..., _R], *args: Any, **kwargs: Any) -> _R | None:
        """``build(*args, **kwargs)``, or ``None`` with its error recorded at ``path``."""
        with self.at(path):
            return build(*args, **kwargs)
        return None

    def add(self, error: SafetycoreError) -> None:
        """Record a problem found by the reader itself (``field`` a full path)."""
        self.errors.append(error)

    @property
    def ok(self) -> bool:
        """No problem recorded so far."""
        return not self.errors

    def check(self) -> None:
        """Raise every recorded problem as one ``ConfigurationErrorGroup``; none: return."""
        if self.errors:
            raise ConfigurationErrorGroup(self.document, list(self.errors))


def _members(group: BaseExceptionGroup[SafetycoreError]) -> Iterator[SafetycoreError]:
    for error in group.exceptions:
        if isinstance(error, BaseExceptionGroup):
            yield from _members(error)
        else:
            yield error


def text_of(value: object, field: str) -> str:
    """``value`` if it is non-empty text, else ``InputTypeError`` naming ``field``."""
    if not isinstance(value, str) or not value:
        raise InputTypeError("must be non-empty text", field=field, value=value)
    return value


def envelope(kind: str, body: Mapping[str, Any]) -> dict[str, Any]:
    """The document ``{"kind": kind, "format": FORMAT, **body}`` that ``to_dict`` returns."""
    return {"kind": kind, "format": FORMAT, **body}


def opened(
    data: object, kind: str, allowed: Iterable[str], problems: Problems | None = None
) -> Mapping[str, Any]:
    """Check a document's envelope and keys; return it as a mapping.

    A document that cannot be read at all (not a mapping, another ``kind``: a workflow
    handed to the SLA reader is refused by name, or a ``format`` this version does not read)
    raises a ``ConfigurationErrorGroup`` at once: its body would only add noise. A key that
    is not in ``allowed`` (nor ``kind``, ``format`` or the editor's ``$schema``) is recorded
    in ``problems``, so that the reader goes on and reports the body's problems with it;
    without ``problems`` it is raised at once too.
    """
    envelope_problems = Problems(kind)
    if not isinstance(data, Mapping):
        envelope_problems.add(
            InputTypeError("must be a mapping (a JSON object)", field=kind, value=data)
        )
        envelope_problems.check()
    assert isinstance(data, Mapping)
    if data.get("kind") != kind:
        envelope_problems.add(
            ConfigurationError(f"must be {kind!r}", field="kind", value=data.get("kind"))
        )
    if data.get("format", FORMAT) != FORMAT:
        envelope_problems.add(
            ConfigurationError(
                f"must be {FORMAT} (the format this safetycore reads)",
                field="format",
                value=data.get("format"),
            )
        )
    keys = problems if problems is not None and envelope_problems.ok else envelope_problems
    known = ("kind", "format", "$schema", *allowed)
    for key in data:
        if key not in known:
            keys.add(
                ConfigurationError(
                    f"is not a known key (known: {', '.join(known)})", field=key, value=key
                )
            )
    envelope_problems.check()
    return data


_DURATION: Final = re.compile(
    r"P(?:(?P<days>\d+)D)?"
    r"(?:T(?:(?P<hours>\d+)H)?(?:(?P<minutes>\d+)M)?(?:(?P<seconds>\d+)(?:\.(?P<micros>\d{1,6}))?S)?)?"
)


def duration(value: object, field: str) -> timedelta:
    """An ISO 8601 duration in days, hours, minutes and seconds (``"PT4H30M"``, ``"P3D"``).

    Years, months and weeks are refused (a month has no fixed length; write days), and so
    are a sign, a fraction finer than a microsecond and a bare ``"P"`` or ``"PT"``: the text
    must say exactly one length of time. ``InputTypeError`` for a non-str, ``ConfigurationError``
    for malformed text, both naming ``field``.

    >>> duration("PT4H30M", "within")
    datetime.timedelta(seconds=16200)
    >>> duration("P1DT0.5S", "within")
    datetime.timedelta(days=1, microseconds=500000)
    """
    if not isinstance(value, str):
        raise InputTypeError(
            "must be an ISO 8601 duration text such as 'PT4H'", field=field, value=value
        )
    match = _DURATION.fullmatch(value)
    if match is None or value in ("P", "PT") or value.endswith("T"):
        raise ConfigurationError(
            "is not an ISO 8601 duration in days, hours, minutes and seconds (such as 'PT4H30M'"
            " or 'PT40H')",
            field=field,
            value=value,
        )
    parts = {key: int(number) for key, number in match.groupdict().items() if number}
    micros = match["micros"]
    if micros:
        parts["micros"] = int(micros.ljust(6, "0"))
    return timedelta(
        days=parts.get("days", 0),
        hours=parts.get("hours", 0),
        minutes=parts.get("minutes", 0),
        seconds=parts.get("seconds", 0),
        microseconds=parts.get("micros", 0),
    )


def duration_text(value: timedelta) -> str:
    """The ISO 8601 text ``duration`` reads back exactly (``timedelta(hours=40)`` -> ``"PT40H"``).

    Written in hours, minutes and seconds, never days: a target counts business time, so 40
    business hours read as ``"PT40H"``, not as ``"P1DT16H"`` (which looks like a day and a
    bit, and is a working week). A negative duration is refused.

    >>> duration_text(timedelta(days=1, minutes=90, microseconds=5))
    'PT25H30M0.000005S'
    >>> duration_text(timedelta(0))
    'PT0S'
    """
    if value < timedelta(0):
        raise ConfigurationError("must not be negative", field="duration", value=value)
    hours, rest = divmod(value.days * 86_400 + value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = ""
    if hours:
        clock += f"{hours}H"
    if minutes:
        clock += f"{minutes}M"
    if seconds or value.microseconds:
        fraction = f".{value.microseconds:06d}".rstrip("0") if value.microseconds else ""
        clock += f"{seconds}{fraction}S"
    return f"PT{clock or '0S'}"
