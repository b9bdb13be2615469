"""Reading policy documents: safetycore's readers against a JSON Schema check alone.

A team that keeps policies in files would otherwise check them with a JSON Schema validator
(jsonschema) and build its objects by hand. This measures, per shipped example document:

- ``schema``: ``jsonschema.Draft202012Validator(schema).validate(document)``, the shape check
  alone (it cannot see an unknown calendar, an unreachable status or a missing parameter);
- ``from_dict``: safetycore's reader, every check plus the object (and, for an eligibility
  policy, its compiled rules);
- ``to_dict``: writing the document back.

Run: ``.venv/bin/python benchmarks/config_bench.py [--repeats N]``. Figures in
``benchmarks/README.md``.
"""

from __future__ import annotations

import argparse

import jsonschema

from _timing import best
from safetycore import config

_LOOPS = 20


def main() -> None:
    """Print one row per shipped example: milliseconds per read, and the ratio to the schema."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="best of this many runs")
    args = parser.parse_args()
    print(
        f"{'document':<24} {'kind':<20} {'schema ms':>10} {'from_dict ms':>13} "
        f"{'to_dict ms':>11} {'from_dict/schema':>17}"
    )
    for name in config.examples():
        measure(name, args.repeats)


def measure(name: str, repeats: int) -> None:
    """Time the three operations on the shipped example ``name``; print its row."""
    document = config.example_document(name)
    kind = document["kind"]
    validator = jsonschema.Draft202012Validator(config.schema(kind))
    options = _options(kind)
    loaded = config.load(document, **options)
    written = {"registry": options["registry"]} if kind == "eligibility_policy" else {}

    def schema_check() -> None:
        for _ in range(_LOOPS):
            validator.validate(document)

    def read() -> None:
        for _ in range(_LOOPS):
            config.load(document, **options)

    def write() -> None:
        for _ in range(_LOOPS):
            loaded.to_dict(**written)

    schema_ms = best(schema_check, repeats) / _LOOPS * 1e3
    read_ms = best(read, repeats) / _LOOPS * 1e3
    write_ms = best(write, repeats) / _LOOPS * 1e3
    print(
        f"{name:<24} {kind:<20} {schema_ms:>10.2f} {read_ms:>13.2f} {write_ms:>11.2f} "
        f"{read_ms / schema_ms:>16.2f}x"
    )


def _options(kind: str) -> dict[str, object]:
    from safetycore.eligibility import us_benefits
    from safetycore.workflow import STOCK_CHECKS

    return {"checks": STOCK_CHECKS, "registry": us_benefits.REGISTRY}


if __name__ == "__main__":
    main()
