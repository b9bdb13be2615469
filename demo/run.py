"""Placeholder demo, replaced below in this session."""

print("safetycore demo")
