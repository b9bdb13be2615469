"""The fuzz registry covers every public name: a new public name without fuzz coverage fails."""

from __future__ import annotations

import enum
import importlib
import inspect
from types import ModuleType
from typing import Any

import pytest

from tests.fuzz import (
    test_analysis,
    test_datasets,
    test_eligibility,
    test_errors,
    test_events,
    test_plots,
    test_sla,
    test_testing,
    test_workflow,
)
from tests.fuzz.junk import Entry

REGISTRIES: dict[str, ModuleType] = {
    "errors": test_errors,
    "events": test_events,
    "sla": test_sla,
    "workflow": test_workflow,
    "eligibility": test_eligibility,
    "analysis": test_analysis,
    "datasets": test_datasets,
    "testing": test_testing,
    "plots": test_plots,
}
ENTRIES: dict[str, Entry] = {
    entry.name: entry for registry in REGISTRIES.values() for entry in registry.ENTRIES
}
EXEMPT: dict[str, str] = {
    name: reason for registry in REGISTRIES.values() for name, reason in registry.EXEMPT.items()
}


def _package(name: str) -> ModuleType:
    return importlib.import_module(f"safetycore.{name}")


def _resolve(dotted: str) -> Any:
    package, *path = dotted.split(".")
    value: Any = _package(package)
    for part in path:
        value = getattr(value, part)
    return value


def _public_names() -> list[str]:
    return [f"{package}.{name}" for package in REGISTRIES for name in _package(package).__all__]


def _is_plain_class(value: Any) -> bool:
    return (
        inspect.isclass(value)
        and not issubclass(value, BaseException | enum.Enum)
        and value.__module__.startswith("safetycore")
    )


def _public_methods() -> list[str]:
    """Every public method, classmethod and staticmethod of every public class."""
    found = []
    for dotted in _public_names():
        cls = _resolve(dotted)
        if not _is_plain_class(cls):
            continue
        for attribute in dir(cls):
            if attribute.startswith("_"):
                continue
            static = inspect.getattr_static(cls, attribute)
            if isinstance(static, classmethod | staticmethod) or inspect.isfunction(static):
                found.append(f"{dotted}.{attribute}")
    return found


class TestCoverage:
    """Every public name and method is fuzzed or exempt with a reason; nothing else is listed."""

    @pytest.mark.parametrize("name", _public_names())
    def test_public_name_is_fuzzed_or_exempt(self, name: str) -> None:
        """Each name in a package's __all__ has a fuzz entry or an exemption with its reason."""
        assert name in ENTRIES or name in EXEMPT, f"{name} has no fuzz entry and no exemption"

    @pytest.mark.parametrize("name", _public_methods())
    def test_public_method_is_fuzzed_or_exempt(self, name: str) -> None:
        """Each public method of a public class has a fuzz entry or an exemption."""
        assert name in ENTRIES or name in EXEMPT, f"{name} has no fuzz entry and no exemption"

    def test_listed_names_exist(self) -> None:
        """Every entry and exemption names a public name or one of their methods."""
        public = set(_public_names()) | set(_public_methods())
        stale = sorted((set(ENTRIES) | set(EXEMPT)) - public)
        assert stale == []

    def test_no_name_is_both_fuzzed_and_exempt(self) -> None:
        """A name is either fuzzed or exempt, never both."""
        assert sorted(set(ENTRIES) & set(EXEMPT)) == []

    def test_exemptions_give_reasons(self) -> None:
        """Every exemption says in a line why the name is not a callable entry point."""
        assert [name for name, reason in EXEMPT.items() if not reason.strip()] == []

    def test_entries_are_unique(self) -> None:
        """No entry point is registered twice (the later one would hide the earlier)."""
        names = [entry.name for registry in REGISTRIES.values() for entry in registry.ENTRIES]
        assert len(names) == len(set(names))

    @pytest.mark.parametrize("name", sorted(ENTRIES))
    def test_valid_values_name_parameters(self, name: str) -> None:
        """The valid values of an entry are for parameters its callable has (no typo hides one)."""
        entry = ENTRIES[name]
        target = _resolve(name) if isinstance(entry.target, str) else entry.target
        parameters = inspect.signature(target).parameters.values()
        known = {"*" + p.name if p.kind is p.VAR_POSITIONAL else p.name for p in parameters}
        assert sorted(set(entry.valid) - known) == []
