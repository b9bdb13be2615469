"""Configuration documents of every kind: one ``load``, the shipped schemas and examples.

Each document is plain data with the envelope ``{"kind": ..., "format": 1}`` (see
``docs/config.md``). ``load`` reads the envelope's ``kind`` and hands the document to that
kind's reader (``SlaPolicy.from_dict``, ``Workflow.from_dict``, eligibility
``Policy.from_dict``, ...), so that a caller holding a file of unknown kind needs one call.
``schema(kind)`` is the JSON Schema (draft 2020-12) shipped for each kind, for editors and CI;
``examples()`` names the example documents shipped in ``safetycore/policies/`` and
``example(name)`` loads one.

Nothing here reads files of the caller's: the shipped schemas and examples are package data,
read with ``importlib.resources``. The command line (``python -m safetycore``) reads files.

>>> from safetycore import config
>>> config.KINDS
('eligibility_policy', 'sla_policy', 'workflow', 'workflow_migration')
>>> try:
...     config.load({"kind": "calendar", "format": 1})
... except ValueError as error:
...     print(error.exceptions[0].field, error.exceptions[0].value)
kind calendar
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from safetycore._config import Problems
from safetycore.errors import ConfigurationError, InputTypeError, UnknownNameError

if TYPE_CHECKING:
    from safetycore.eligibility import Policy
    from safetycore.sla import SlaPolicy
    from safetycore.sla.policy import VersionedCalendar
    from safetycore.workflow import Migration, Workflow

__all__ = ["KINDS", "example", "example_document", "examples", "kind_of", "load", "schema"]

Document = Mapping[str, Any]
"""A configuration document: the plain data ``to_dict()`` writes (a JSON object)."""


def _sla_policy(document: Document, registries: Mapping[str, Any]) -> Any:
    from safetycore.sla import SlaPolicy

    return SlaPolicy.from_dict(document, calendars=registries["calendars"])


def _workflow(document: Document, registries: Mapping[str, Any]) -> Any:
    from safetycore.workflow import Workflow

    return Workflow.from_dict(document, checks=registries["checks"])


def _workflow_migration(document: Document, registries: Mapping[str, Any]) -> Any:
    from safetycore.workflow import Migration

    return Migration.from_dict(document, workflows=registries["workflows"] or ())


def _eligibility_policy(document: Document, registries: Mapping[str, Any]) -> Any:
    from safetycore.eligibility import Policy

    return Policy.from_dict(document, facts=registries["facts"], registry=registries["registry"])


_READERS: Final[Mapping[str, Callable[[Document, Mapping[str, Any]], Any]]] = {
    "eligibility_policy": _eligibility_policy,
    "sla_policy": _sla_policy,
    "workflow": _workflow,
    "workflow_migration": _workflow_migration,
}

KINDS: Final = tuple(sorted(_READERS))
"""The kinds of document ``load`` reads (the envelope's ``kind``), sorted."""


def kind_of(document: object) -> str:
    """The envelope's ``kind`` of ``document``, when it is one of ``KINDS``.

    A document that is not a mapping raises ``ConfigurationErrorGroup`` with an
    ``InputTypeError`` at ``document``; a missing or unknown kind, one with a
    ``ConfigurationError`` at ``kind`` naming the kinds known.
    """
    problems = Problems("document")
    if not isinstance(document, Mapping):
        problems.add(
            InputTypeError("must be a mapping (a JSON object)", field="document", value=document)
        )
    elif not isinstance(document.get("kind"), str) or document["kind"] not in _READERS:
        problems.add(
            ConfigurationError(
                f"is {'not a kind of document' if 'kind' in document else 'required'} "
                f"(known: {', '.join(KINDS)})",
                field="kind",
                value=document.get("kind"),
            )
        )
    problems.check()
    assert isinstance(document, Mapping)
    kind: str = document["kind"]
    return kind


def load(
    document: object,
    *,
    calendars: Mapping[str, VersionedCalendar] | None = None,
    checks: Mapping[str, Callable[..., bool]] | None = None,
    facts: type | None = None,
    registry: Mapping[str, object] | None = None,
    workflows: Iterable[Workflow] | None = None,
) -> SlaPolicy | Workflow | Policy | Migration | Any:
    """The object ``document`` describes, read by the reader of its ``kind``.

    ``calendars`` goes to ``SlaPolicy.from_dict``, ``checks`` to the workflow readers, and
    ``facts`` and ``registry`` to the eligibility ``Policy.from_dict``, and ``workflows``
    (the workflows a migration maps between) to ``Migration.from_dict`` (see each for what
    it maps); an option the kind does not read is not used, so that one call site can load
    a document of any kind. A document that is not a mapping, or whose ``kind`` is missing
    or not one of ``KINDS``, raises ``ConfigurationErrorGroup`` naming ``kind`` and the
    kinds known; every other problem is the reader's own ``ConfigurationErrorGroup``, each
    member with its full path from the document's root.
    """
    kind = kind_of(document)
    assert isinstance(document, Mapping)
    options = {
        "calendars": calendars,
        "checks": checks,
        "facts": facts,
        "registry": registry,
        "workflows": workflows,
    }
    return _READERS[kind](document, options)


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) shipped for documents of ``kind``, as a fresh dict.

    Point an editor at it with the document's ``"$schema"`` key, or check files in CI
    (``safetycore schema sla_policy > sla_policy.schema.json``). The schema describes the
    document's shape; the reader (``load``) checks what a schema cannot, such as a calendar
    named but not defined. A ``kind`` not in ``KINDS`` raises ``UnknownNameError``.

    >>> schema("sla_policy")["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    if kind not in _READERS:
        raise UnknownNameError(
            f"is not a kind of document (known: {', '.join(KINDS)})", field="kind", value=kind
        )
    text = (
        resources.files("safetycore")
        .joinpath("schemas", f"{kind}.schema.json")
        .read_text(encoding="utf-8")
    )
    found: dict[str, Any] = json.loads(text)
    return found


_EXAMPLE_SUFFIXES: Final = (".workflow.json", ".json")


def _example_files() -> dict[str, Any]:
    """Each shipped example's name (its file name without ``.json`` or ``.workflow.json``)."""
    found = {}
    for entry in resources.files("safetycore").joinpath("policies").iterdir():
        for suffix in _EXAMPLE_SUFFIXES:
            if entry.name.endswith(suffix):
                found[entry.name.removesuffix(suffix)] = entry
                break
    return dict(sorted(found.items()))


def examples() -> tuple[str, ...]:
    """The names of the example documents shipped with safetycore, sorted.

    Each is a file in ``safetycore/policies/``, named without ``.json`` (and a workflow's
    ``.workflow`` before it): ``support_ticket.workflow.json`` is ``"support_ticket"``.
    """
    return tuple(_example_files())


def example_document(name: str) -> dict[str, Any]:
    """The shipped example ``name`` as plain data (a fresh copy; start a file from it).

    A name not in ``examples()`` raises ``UnknownNameError`` naming the examples shipped.
    """
    files = _example_files()
    if name not in files:
        raise UnknownNameError(
            f"is not a shipped example (known: {', '.join(files)})", field="example", value=name
        )
    document: dict[str, Any] = json.loads(files[name].read_text(encoding="utf-8"))
    return document


def _example_options(name: str) -> dict[str, Any]:
    """What ``load`` needs to read the shipped example ``name``: safetycore's own registries."""
    if name == "us_benefits_enrolment":
        from safetycore.eligibility import us_benefits

        return {"facts": us_benefits.EnrolmentRequest, "registry": us_benefits.REGISTRY}
    if name == "pet_guarantee":
        from safetycore.eligibility import pet_guarantee

        return {"facts": pet_guarantee.PetGuaranteeClaim}
    from safetycore.workflow import STOCK_CHECKS

    return {"checks": STOCK_CHECKS}


def example(name: str) -> SlaPolicy | Workflow | Policy | Migration | Any:
    """The shipped example ``name``, loaded with ``load`` and the registries it names.

    The stock workflows name ``safetycore.workflow.STOCK_CHECKS``; the US enrolment policy
    ``safetycore.eligibility.us_benefits.REGISTRY`` and its ``EnrolmentRequest`` facts; the
    pet guarantee its ``PetGuaranteeClaim`` facts. So ``example("support_ticket")`` equals
    ``safetycore.workflow.SUPPORT_TICKET``. A name not in ``examples()`` raises
    ``UnknownNameError`` naming the examples shipped.
    """
    return load(example_document(name), **_example_options(name))


def __dir__() -> list[str]:
    return list(__all__)
