"""Checklists and the rule book as data: schema (pydantic), loading and validation, Excel round trip, diff."""
