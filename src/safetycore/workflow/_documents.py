"""A workflow as data: ``Workflow.to_dict`` and ``Workflow.from_dict``'s implementation.

The document is ``{"kind": "workflow", "format": 1, "name", "version", "statuses",
"initial", "steps", "final"}`` (see ``docs/config-workflows.md`` and
``schemas/workflow.schema.json``). The reader checks each status, each step and each
requirement inside ``Problems.at(path)`` with the constructors' own validators, then the
graph with ``graph_problems`` (the checks the ``Workflow`` constructor makes), and raises
every problem at once as one ``ConfigurationErrorGroup``. Nothing is evaluated: a custom
requirement names its check, looked up in the registry the caller passes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, Final

import attrs

from safetycore._config import (
    Problems,
    collection,
    envelope,
    known_keys,
    opened,
    required,
    text_of,
)
from safetycore.errors import (
    ConfigurationError,
    ConfigurationErrorGroup,
    InputTypeError,
    SafetycoreError,
    UnknownNameError,
)
from safetycore.workflow.definition import (
    Attempt,
    Requirement,
    Status,
    Step,
    Workflow,
    graph_problems,
)

KIND: Final = "workflow"
_KEYS: Final = ("name", "version", "statuses", "initial", "steps", "final")
_STATUS_KEYS: Final = ("name", "category", "label")
_STEP_KEYS: Final = ("event", "sources", "target", "roles", "requirements", "label")
_REQUIREMENT_KEYS: Final = {
    "evidence": ("evidence",),
    "fact": ("fact", "equals", "reason"),
    "data": ("data",),
    "check": ("check", "code", "reason"),
}
# The constructors name some fields by their class ("status.name"); in a document the path
# already says which part it is, so the field is the key the document uses.
_STATUS_FIELDS: Final = {"status.name": "name"}
_STEP_FIELDS: Final = {"step.event": "event", "step.target": "target"}
_REQUIREMENT_FIELDS: Final = {
    "evidence": {"names": "evidence"},
    "fact": {"name": "fact"},
    "data": {"keys": "data"},
    "check": {"name": "check", "requirement.code": "code"},
}

Checks = Mapping[str, Callable[[Attempt], bool]]


# -- writing ------------------------------------------------------------------------------


def workflow_to_dict(workflow: Workflow) -> dict[str, Any]:
    """``workflow`` as its document; a requirement without a data form is refused.

    Every requirement built from a bare callable is reported, each as a
    ``ConfigurationError`` naming ``steps[i].requirements[j]``, together in one
    ``ConfigurationErrorGroup``.
    """
    problems = Problems(KIND)
    steps = []
    for i, step in enumerate(workflow.steps):
        written: dict[str, Any] = {
            "event": step.event,
            "sources": list(step.sources),
            "target": step.target,
        }
        if step.roles:
            written["roles"] = sorted(step.roles)
        forms = []
        for j, requirement in enumerate(step.requirements):
            with problems.at(f"steps[{i}].requirements[{j}]"):
                forms.append(requirement_to_dict(requirement))
        if forms:
            written["requirements"] = forms
        if step.label:
            written["label"] = step.label
        steps.append(written)
    problems.check()
    return envelope(
        KIND,
        {
            "name": workflow.name,
            "version": workflow.version,
            "statuses": [_status_to_dict(status) for status in workflow.statuses],
            "initial": workflow.initial,
            "steps": steps,
            "final": sorted(workflow.final),
        },
    )


def _status_to_dict(status: Status) -> dict[str, Any]:
    written = {"name": status.name, "category": str(status.category)}
    if status.label:
        written["label"] = status.label
    return written


def requirement_to_dict(requirement: Requirement) -> dict[str, Any]:
    """The data form of ``requirement``; ``ConfigurationError`` if it has none."""
    spec = requirement.spec
    if spec is None:
        raise ConfigurationError(
            "has no data form (built from a bare callable): build it with Requirement.evidence,"
            " .fact, .data or .named, and pass a named check to from_dict in checks=",
            field="",
            value=requirement.code,
        )
    kind = spec[0]
    if kind == "evidence":
        return {"evidence": list(spec[1])}
    if kind == "data":
        return {"data": list(spec[1])}
    if kind == "fact":
        return {"fact": spec[1], "equals": spec[2], "reason": requirement.reason}
    written = {"check": spec[1]}
    if requirement.code != spec[1]:
        written["code"] = requirement.code
    written["reason"] = requirement.reason
    return written


# -- reading ------------------------------------------------------------------------------


def workflow_from_dict(data: object, checks: Checks | None = None) -> Workflow:
    """The workflow ``data`` describes; every problem at once as ``ConfigurationErrorGroup``.

    ``checks`` maps the names custom requirements use (``{"check": "known_outcome"}``) to
    their functions; ``None`` is an empty registry. It is the caller's argument, not part of
    the document: a registry that is not a mapping of names to callables raises
    ``InputTypeError`` naming ``checks`` at once.
    """
    registry = _registry(checks)
    problems = Problems(KIND)
    # Another kind or format raises at once (its body would only add noise); an unknown key
    # joins the body's problems.
    data = opened(data, KIND, _KEYS, problems)
    fields = attrs.fields(Workflow)
    header: dict[str, Any] = {}
    for key in ("name", "version", "initial"):
        with problems.at(""):
            value = _top(data, key)
            _validated(fields, key, value)
            header[key] = value
    final: frozenset[str] = frozenset()
    with problems.at(""):
        final = _converted(fields, "final", data.get("final", ()))
    statuses = _statuses(data, problems)
    steps = _steps(data, problems, registry)
    if problems.ok and statuses is not None and steps is not None:
        for problem in graph_problems(statuses, header["initial"], steps, final):
            problems.add(problem)
    problems.check()
    assert statuses is not None
    assert steps is not None
    return Workflow(
        header["name"], header["version"], statuses, header["initial"], steps, final=final
    )


def _registry(checks: object) -> Checks:
    if checks is None:
        return {}
    if not isinstance(checks, Mapping):
        raise InputTypeError(
            "must be a mapping of check names to functions of the Attempt",
            field="checks",
            value=checks,
        )
    for name, check in checks.items():
        if not isinstance(name, str) or not name:
            raise InputTypeError("must be non-empty text", field="checks", value=name)
        if not callable(check):
            raise InputTypeError("must be callable", field=f"checks.{name}", value=check)
    return checks


def _validated(fields: Any, name: str, value: object) -> None:
    """Run the ``Workflow`` constructor's own validator of field ``name`` on ``value``."""
    field = getattr(fields, name)
    field.validator(None, field, value)


def _converted(fields: Any, name: str, value: object) -> Any:
    """``value`` through the ``Workflow`` constructor's own converter of field ``name``."""
    return getattr(fields, name).converter(value)


@contextmanager
def _renamed(renames: Mapping[str, str]) -> Iterator[None]:
    """Re-raise a constructor's error with its field named as the document names it."""
    try:
        yield
    except ConfigurationErrorGroup:
        raise
    except SafetycoreError as error:
        for old, new in renames.items():
            if error.field == old or error.field.startswith((f"{old}.", f"{old}[")):
                field = new + error.field[len(old) :]
                break
        else:
            raise
        moved = type(error)(error.reason, field=field, value=error.value)
        raise moved from error.__cause__


def _top(data: Mapping[str, Any], key: str) -> Any:
    """``data[key]`` of the document itself: a missing key is named as ``key``."""
    if key not in data:
        raise ConfigurationError("is required", field=key, value=None)
    return data[key]


def _listed(data: Mapping[str, Any], key: str, noun: str) -> tuple[Any, ...]:
    return collection(_top(data, key), key, noun)


def _statuses(data: Mapping[str, Any], problems: Problems) -> tuple[Status, ...] | None:
    items: tuple[Any, ...] = ()
    before = len(problems.errors)
    with problems.at(""):
        items = _listed(data, "statuses", "statuses")
    if len(problems.errors) != before:
        return None
    built: list[Status] = []
    for i, item in enumerate(items):
        path = f"statuses[{i}]"
        with problems.at(path), _renamed(_STATUS_FIELDS):
            known_keys(item, _STATUS_KEYS, path)
            built.append(
                Status(
                    required(item, "name", path),
                    required(item, "category", path),
                    label=item.get("label", ""),
                )
            )
    return tuple(built) if len(built) == len(items) else None


def _steps(data: Mapping[str, Any], problems: Problems, checks: Checks) -> tuple[Step, ...] | None:
    items: tuple[Any, ...] = ()
    before = len(problems.errors)
    with problems.at(""):
        items = _listed(data, "steps", "steps")
    if len(problems.errors) != before:
        return None
    built: list[Step] = []
    for i, item in enumerate(items):
        path = f"steps[{i}]"
        step = _step(item, path, problems, checks)
        if step is not None:
            built.append(step)
    return tuple(built) if len(built) == len(items) else None


def _step(item: object, path: str, problems: Problems, checks: Checks) -> Step | None:
    before = len(problems.errors)
    with problems.at(path):
        known_keys(item, _STEP_KEYS, path)
    if len(problems.errors) != before:
        return None
    assert isinstance(item, Mapping)
    requirements: list[Requirement] = []
    forms: tuple[Any, ...] = ()
    with problems.at(path):
        forms = collection(item.get("requirements", ()), "requirements", "requirements")
    for j, form in enumerate(forms):
        with problems.at(f"{path}.requirements[{j}]"):
            requirements.append(requirement_from_dict(form, checks, f"{path}.requirements[{j}]"))
    with problems.at(path), _renamed(_STEP_FIELDS):
        step = Step(
            required(item, "event", path),
            required(item, "sources", path),
            required(item, "target", path),
            roles=item.get("roles", ()),
            requirements=requirements,
            label=item.get("label", ""),
        )
        if len(problems.errors) == before:
            return step
    return None


def requirement_from_dict(data: object, checks: Checks, path: str) -> Requirement:
    """The requirement a data form at ``path`` describes; errors name fields under ``path``."""
    if not isinstance(data, Mapping):
        raise InputTypeError(
            "must be a mapping with one of the keys evidence, fact, data or check",
            field=path,
            value=data,
        )
    kinds = [kind for kind in _REQUIREMENT_KEYS if kind in data]
    if len(kinds) != 1:
        raise ConfigurationError(
            "needs exactly one of the keys evidence, fact, data or check",
            field=path,
            value=sorted(data),
        )
    kind = kinds[0]
    known_keys(data, _REQUIREMENT_KEYS[kind], path)
    with _renamed(_REQUIREMENT_FIELDS[kind]):
        if kind == "evidence":
            return Requirement.evidence(*collection(data["evidence"], "evidence", "names"))
        if kind == "data":
            return Requirement.data(*collection(data["data"], "data", "keys"))
        if kind == "fact":
            return Requirement.fact(
                data["fact"],
                equals=required(data, "equals", path),
                reason=required(data, "reason", path),
            )
        name = text_of(data["check"], "check")
        if name not in checks:
            known = ", ".join(sorted(checks)) or "none: pass them to from_dict as checks="
            raise UnknownNameError(
                f"is not a check in the registry (known: {known})", field="check", value=name
            )
        return Requirement.named(
            name,
            checks[name],
            reason=required(data, "reason", path),
            code=data.get("code", name),
        )
