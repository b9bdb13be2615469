"""The example notebook runs from top to bottom and still shows what is stored in it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "examples" / "analysis.ipynb"

os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")  # jupyter's own paths, without its warning
nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


def _texts(cell: Any) -> list[str]:
    """A code cell's text outputs: what it printed, and what it showed as HTML or plain text.

    HTML first: a value's plain text is its repr, which may hold sets in hash order.
    """
    texts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            texts.append(output["text"])
        elif output["output_type"] in ("execute_result", "display_data"):
            data = output["data"]
            texts.append(data.get("text/html", data.get("text/plain", "")))
        elif output["output_type"] == "error":
            texts.append(f"{output['ename']}: {output['evalue']}")
    return texts


@pytest.fixture(scope="module")
def executed() -> tuple[Any, Any]:
    stored = nbformat.read(NOTEBOOK, as_version=4)
    fresh = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        fresh,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    return stored, fresh


class TestExampleNotebook:
    def test_every_output_is_the_stored_one(self, executed: tuple[Any, Any]) -> None:
        """Each cell prints and shows (as text) exactly what the stored notebook shows."""
        stored, fresh = executed
        pairs = zip(stored.cells, fresh.cells, strict=True)
        for i, (old, new) in enumerate(pairs):
            if new.cell_type == "code":
                assert _texts(new) == _texts(old), f"cell {i}: {new.source[:60]!r}"

    def test_every_plot_is_drawn(self, executed: tuple[Any, Any]) -> None:
        """Each cell that calls a plot shows a PNG image."""
        _, fresh = executed
        plotted = [c for c in fresh.cells if c.cell_type == "code" and "plots." in c.source]
        assert len(plotted) == 6
        for cell in plotted:
            kinds = {kind for output in cell.outputs for kind in output.get("data", {})}
            assert "image/png" in kinds, cell.source

    def test_the_stored_notebook_was_run_in_order(self, executed: tuple[Any, Any]) -> None:
        """The stored notebook has every code cell run once, top to bottom, with no error."""
        stored, _ = executed
        counts = [c.execution_count for c in stored.cells if c.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1))
        assert not any(
            o["output_type"] == "error" for c in stored.cells for o in c.get("outputs", [])
        )
