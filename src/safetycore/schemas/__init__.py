"""JSON Schemas of the configuration documents (draft 2020-12)."""
