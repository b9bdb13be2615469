"""Placeholder: workflow arrives with its own issue."""

__all__: list[str] = []
