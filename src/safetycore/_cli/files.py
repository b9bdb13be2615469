"""Reading and writing the command line's files: the only file I/O in safetycore.

A file that cannot be read (missing, not JSON or YAML, not UTF-8, not CSV) raises ``Stop``
with exit code 3; a needed extra that is not installed, ``Stop`` with exit code 4. Problems in
what a file says are ``SafetycoreError``s, reported by ``problem_lines``.
"""

from __future__ import annotations

import importlib
import json
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from safetycore.errors import SafetycoreError, _show

if TYPE_CHECKING:
    import pandas as pd

OK: Final = 0
INVALID: Final = 1
USAGE: Final = 2
UNREADABLE: Final = 3
MISSING_EXTRA: Final = 4
CLOSED_PIPE: Final = 141


class Stop(Exception):  # noqa: N818 (not an error of the library: the command's way out)
    """End the command with exit ``code`` after printing ``lines`` to stderr."""

    def __init__(self, code: int, *lines: str) -> None:
        super().__init__(*lines)
        self.code = code
        self.lines = lines


def needs(module: str, extra: str, package: str) -> Stop:
    """The ``Stop`` for a missing extra: which package, which extra, how to install it."""
    return Stop(
        MISSING_EXTRA,
        f"safetycore: this needs {package} (the {extra!r} extra): "
        f"pip install 'safetycore[{extra}]' (no module named {module!r})",
    )


# -- configuration documents ----------------------------------------------------------------


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (JSON readers would keep the last silently)."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKeyError(key)
        found[key] = value
    return found


class _DuplicateKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(f"the key {key!r} appears twice in one object")


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise Stop(UNREADABLE, f"{path}: no such file") from None
    except IsADirectoryError:
        raise Stop(UNREADABLE, f"{path}: is a directory, not a file") from None
    except UnicodeDecodeError as error:
        raise Stop(
            UNREADABLE, f"{path}: is not UTF-8 text (byte {error.start}: {error.reason})"
        ) from None
    except OSError as error:
        raise Stop(UNREADABLE, f"{path}: cannot be read ({error.strerror})") from None


def read_document(path: Path) -> object:
    """The data in a JSON (``.json``) or YAML (``.yaml``, ``.yml``) file.

    YAML is read with PyYAML's safe loader (the ``cli`` extra), with YAML 1.2's plain
    scalars: dates and instants stay text (as in JSON, so the readers see what the file says)
    and only ``true``/``false`` are flags (``NO``, Norway's country code, stays text). A key
    given twice in one object is refused in both formats.
    """
    suffix = path.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        raise Stop(
            UNREADABLE,
            f"{path}: cannot tell its format from its name (name it .json, .yaml or .yml)",
        )
    if suffix == ".json":
        text = _text(path)
        try:
            return json.loads(text, object_pairs_hook=_pairs)
        except json.JSONDecodeError as error:
            raise Stop(
                UNREADABLE,
                f"{path}: is not JSON (line {error.lineno}, column {error.colno}: {error.msg})",
            ) from None
        except _DuplicateKeyError as error:
            raise Stop(UNREADABLE, f"{path}: is not one JSON document: {error}") from None
    try:
        # Imported by name: PyYAML ships no type information (the loader is used as Any).
        yaml: Any = importlib.import_module("yaml")
    except ImportError:
        raise needs("yaml", "cli", "PyYAML") from None
    text = _text(path)
    try:
        return yaml.load(text, Loader=_yaml_loader(yaml))
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        at = f"line {where.line + 1}, column {where.column + 1}: " if where is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise Stop(UNREADABLE, f"{path}: is not YAML ({at}{problem})") from None


_LOADERS: dict[str, Any] = {}


def _yaml_loader(yaml: Any) -> Any:
    """PyYAML's ``SafeLoader`` with YAML 1.2 scalars and no repeated keys (made once)."""
    if "safe" in _LOADERS:
        return _LOADERS["safe"]
    import re

    class Loader(yaml.SafeLoader):  # type: ignore[misc]
        """The safe loader: no Python objects, ever."""

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"the key {key!r} appears twice in one mapping",
                        key_node.start_mark,
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    dropped = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in dropped]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"
    )
    _LOADERS["safe"] = Loader
    return Loader


# -- tables ---------------------------------------------------------------------------------


def analysis() -> Any:
    """``safetycore.analysis``, or ``Stop`` naming the ``analysis`` extra (exit 4)."""
    try:
        importlib.import_module("pandas")  # named first: a cached safetycore.analysis hides it
        return importlib.import_module("safetycore.analysis")
    except ImportError as error:
        raise needs(error.name or "pandas", "analysis", "pandas, numpy and numba") from None


def read_table(path: Path) -> pd.DataFrame:
    """A CSV file as a frame of text cells, an empty cell missing, rows labelled by row number.

    Every cell stays text (``"007"`` is not the number 7): the readers read text by what the
    column holds. The label of a row is its row number in the file, the header being row 1,
    so that a problem in ``rows[5]`` is on the file's fifth row.
    """
    analysis()
    module: Any = importlib.import_module("pandas")
    text = _text(path)  # UTF-8 checked once, with the same message as documents
    import io

    try:
        with warnings.catch_warnings():
            # More cells than the header has names: pandas would drop them with a warning.
            warnings.simplefilter("error", module.errors.ParserWarning)
            frame = module.read_csv(
                io.StringIO(text),
                dtype=str,
                keep_default_na=False,
                na_values=[""],
                index_col=False,
            )
    except module.errors.EmptyDataError:
        raise Stop(UNREADABLE, f"{path}: is empty (a CSV file needs a header row)") from None
    except module.errors.ParserWarning:
        raise Stop(
            UNREADABLE, f"{path}: is not CSV (a row has more cells than the header has names)"
        ) from None
    except module.errors.ParserError as error:
        raise Stop(UNREADABLE, f"{path}: is not CSV ({str(error).strip()})") from None
    frame.index = module.RangeIndex(2, len(frame) + 2)
    found: pd.DataFrame = frame
    return found


def write_text(text: str, out: Path | None, stdout: Any) -> None:
    """``text`` into ``out``, or onto ``stdout`` when ``out`` is ``None``."""
    if out is None:
        stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        raise Stop(UNREADABLE, f"{out}: cannot be written ({error.strerror})") from None


# -- problems -------------------------------------------------------------------------------


def members(error: SafetycoreError) -> Iterator[SafetycoreError]:
    """Each problem in ``error``: the members of a group (nested ones flattened), or itself."""
    if isinstance(error, BaseExceptionGroup):
        for member in error.exceptions:
            if isinstance(member, SafetycoreError):
                yield from members(member)
    else:
        yield error


def problem(file: str, path: str, reason: str, value: object = None) -> dict[str, Any]:
    """One problem as the JSON report holds it (``value`` as the messages show it)."""
    return {
        "file": file,
        "path": path,
        "message": reason,
        "value": None if value is None else _show(value),
    }


def problems_of(file: str, error: SafetycoreError) -> list[dict[str, Any]]:
    """Every problem in ``error`` found in ``file``, each with its path and message."""
    return [problem(file, m.field, m.reason, m.value) for m in members(error)]


_BREAKS: Final = {ord(c): repr(c)[1:-1] for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"}


def one_line(text: str) -> str:
    r"""``text`` with every character that breaks a line written as its escape (``\x1e``).

    A key, a case id or a column name may hold one; a problem must stay one line, so that
    each line of the output is one problem.
    """
    return text.translate(_BREAKS)


def line(found: Mapping[str, Any]) -> str:
    """A problem as one line: ``FILE: path: message (got value)``."""
    got = "" if found["value"] is None else f" (got {found['value']})"
    return one_line(f"{found['file']}: {found['path']}: {found['message']}{got}")
