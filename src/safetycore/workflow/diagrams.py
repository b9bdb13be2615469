"""Workflows as diagrams: Mermaid ``stateDiagram-v2`` text and Graphviz DOT text.

Both are plain text, with no extra dependency: paste Mermaid into Markdown (GitHub and most
documentation tools render it), or render DOT with Graphviz's ``dot`` where it is installed
(``dot -Tsvg workflow.dot``).
"""

from __future__ import annotations

from safetycore.workflow.definition import Workflow, check_workflow

__all__ = ["to_dot", "to_mermaid"]


def to_mermaid(workflow: Workflow) -> str:
    """The workflow as a Mermaid state diagram; one edge per step and source status.

    >>> from safetycore.workflow import SUPPORT_TICKET
    >>> print(to_mermaid(SUPPORT_TICKET).splitlines()[0])
    stateDiagram-v2

    A value that is not a ``Workflow`` (its name, say) raises ``InputTypeError``.
    """
    check_workflow(workflow)
    lines = ["stateDiagram-v2", f"    %% {workflow.name} version {workflow.version}"]
    for status in workflow.statuses:
        lines.append(f"    {status.name}: {status.title} ({status.category})")
    lines.append(f"    [*] --> {workflow.initial}")
    for step in workflow.steps:
        label = step.label or step.event
        if step.roles:
            label += f" [{', '.join(sorted(step.roles))}]"
        lines.extend(f"    {source} --> {step.target}: {label}" for source in step.sources)
    lines.extend(f"    {name} --> [*]" for name in sorted(workflow.final))
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    r"""A DOT quoted string: ``"`` escaped; ``\n`` already in ``text`` stays a line break."""
    return '"' + text.replace('"', '\\"') + '"'


def to_dot(workflow: Workflow) -> str:
    """The workflow as a Graphviz DOT digraph (final statuses drawn with a double border).

    Every id is quoted, so status names never clash with DOT keywords (``node``, ``edge``)
    or with the start point, whose id ``__start__`` no status can have. A value that is not
    a ``Workflow`` raises ``InputTypeError``.
    """
    check_workflow(workflow)
    lines = [
        f"digraph {_quote(workflow.name)} {{",
        "    rankdir=LR;",
        "    node [shape=box, style=rounded];",
    ]
    for status in workflow.statuses:
        border = ", peripheries=2" if status.name in workflow.final else ""
        label = _quote(f"{status.title}\\n({status.category})")
        lines.append(f"    {_quote(status.name)} [label={label}{border}];")
    lines.append('    "__start__" [shape=point];')
    lines.append(f'    "__start__" -> {_quote(workflow.initial)};')
    for step in workflow.steps:
        label = step.label or step.event
        if step.roles:
            label += f"\\n[{', '.join(sorted(step.roles))}]"
        lines.extend(
            f"    {_quote(source)} -> {_quote(step.target)} [label={_quote(label)}];"
            for source in step.sources
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
