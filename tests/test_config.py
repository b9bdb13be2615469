"""safetycore.config: one ``load`` for every kind, the shipped schemas and examples."""

from __future__ import annotations

import jsonschema
import pytest

from safetycore import config
from safetycore.config import _example_options
from safetycore.errors import ConfigurationErrorGroup, UnknownNameError


class TestKinds:
    def test_sorted_and_each_has_a_schema(self) -> None:
        """``KINDS`` is sorted, and each kind ships a schema."""
        assert list(config.KINDS) == sorted(config.KINDS)
        for kind in config.KINDS:
            assert isinstance(config.schema(kind), dict)


class TestKindOf:
    @pytest.mark.parametrize("kind", config.KINDS)
    def test_the_envelope_kind(self, kind: str) -> None:
        """``kind_of`` reads the envelope's kind, whatever else the document holds."""
        assert config.kind_of({"kind": kind, "anything": [1]}) == kind

    def test_unknown(self) -> None:
        """An unknown kind is the same group ``load`` raises."""
        with pytest.raises(ConfigurationErrorGroup) as raised:
            config.kind_of({"kind": "policy"})
        assert [(e.field, e.value) for e in raised.value.exceptions] == [("kind", "policy")]


class TestLoad:
    @pytest.mark.parametrize("name", config.examples())
    def test_every_example(self, name: str) -> None:
        """Each shipped example loads, and writes back the document it was read from."""
        document = config.example_document(name)
        options = _example_options(name)
        loaded = config.example(name)
        registry = {"registry": options["registry"]} if "registry" in options else {}
        written = loaded.to_dict(**registry)
        assert {k: v for k, v in document.items() if k != "$schema"} == written
        assert config.load(written, **options) == loaded

    @pytest.mark.parametrize(
        ("document", "field", "reason"),
        [
            (
                {"format": 1},
                "kind",
                "is required (known: eligibility_policy, sla_policy, workflow, workflow_migration)",
            ),
            (
                {"kind": "calendar"},
                "kind",
                "is not a kind of document (known: eligibility_policy, sla_policy, workflow, "
                "workflow_migration)",
            ),
            (
                {"kind": None},
                "kind",
                "is not a kind of document (known: eligibility_policy, "
                "sla_policy, workflow, workflow_migration)",
            ),
            (
                {"kind": ["sla_policy"]},
                "kind",
                "is not a kind of document (known: eligibility_policy, sla_policy, workflow, "
                "workflow_migration)",
            ),
            (["sla_policy"], "document", "must be a mapping (a JSON object)"),
            ("sla_policy", "document", "must be a mapping (a JSON object)"),
        ],
    )
    def test_no_kind_known(self, document: object, field: str, reason: str) -> None:
        """A document without a known kind is a group with one problem naming ``kind``."""
        with pytest.raises(ConfigurationErrorGroup) as raised:
            config.load(document)
        (problem,) = raised.value.exceptions
        assert (problem.field, problem.reason) == (field, reason)
        assert raised.value.document == "document"

    def test_the_readers_problems_come_through(self) -> None:
        """A reader's own problems come out as its group, with paths from the root."""
        document = config.example_document("support_ticket")
        document["format"] = 2
        document["colour"] = "red"
        with pytest.raises(ConfigurationErrorGroup) as raised:
            config.load(document)
        assert [e.field for e in raised.value.exceptions] == ["format", "colour"]


class TestSchema:
    @pytest.mark.parametrize("kind", config.KINDS)
    def test_valid_draft_2020_12(self, kind: str) -> None:
        """Each shipped schema is itself a valid draft 2020-12 schema."""
        schema = config.schema(kind)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        jsonschema.Draft202012Validator.check_schema(schema)

    def test_fresh_copy(self) -> None:
        """Each call returns a new dict: changing one changes no other."""
        first = config.schema("workflow")
        first["title"] = "changed"
        assert config.schema("workflow").get("title") != "changed"

    def test_unknown_kind(self) -> None:
        """A kind that is not shipped raises ``UnknownNameError`` naming ``kind``."""
        with pytest.raises(UnknownNameError) as raised:
            config.schema("calendar")
        assert (raised.value.field, raised.value.value) == ("kind", "calendar")


class TestExamples:
    def test_library_constants(self) -> None:
        """The examples are the library's own stock objects, read from the same files."""
        from safetycore.eligibility import pet_guarantee, us_benefits
        from safetycore.workflow import GUARANTEE_CLAIM, SAFETY_INCIDENT, SUPPORT_TICKET

        assert config.example("support_ticket") == SUPPORT_TICKET
        assert config.example("safety_incident") == SAFETY_INCIDENT
        assert config.example("guarantee_claim") == GUARANTEE_CLAIM
        assert config.example("pet_guarantee") == pet_guarantee.PET_GUARANTEE
        assert config.example("us_benefits_enrolment") == us_benefits.GROUP_HEALTH_ENROLMENT

    def test_names(self) -> None:
        """The examples are sorted, and include each kind's stock documents."""
        names = config.examples()
        assert list(names) == sorted(names)
        kinds = {config.example_document(name)["kind"] for name in names}
        assert {"sla_policy", "workflow", "eligibility_policy"} <= kinds

    @pytest.mark.parametrize("name", config.examples())
    def test_each_validates_against_its_schema(self, name: str) -> None:
        """Each example passes its kind's JSON Schema (so editors accept the shipped files)."""
        document = config.example_document(name)
        jsonschema.Draft202012Validator(config.schema(document["kind"])).validate(document)

    @pytest.mark.parametrize("name", config.examples())
    def test_example_is_load_of_its_document(self, name: str) -> None:
        """``example(name)`` is ``load(example_document(name))`` with the registries it names."""
        document = config.example_document(name)
        assert config.example(name) == config.load(document, **_example_options(name))

    def test_document_is_a_fresh_copy(self) -> None:
        """Changing a returned document changes no later one."""
        name = config.examples()[0]
        config.example_document(name)["kind"] = "changed"
        assert config.example_document(name)["kind"] != "changed"

    def test_unknown(self) -> None:
        """An unknown name raises ``UnknownNameError`` naming ``example`` and the ones known."""
        with pytest.raises(UnknownNameError) as raised:
            config.example("nope")
        assert raised.value.field == "example"
        assert raised.value.reason.startswith("is not a shipped example (known: ")

    def test_public_names(self) -> None:
        """The module shows only its public API."""
        assert dir(config) == sorted(config.__all__)
