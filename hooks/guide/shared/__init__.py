"""Shared by every feature: the languages mkdocs.yml declares, data files read with line numbers, problems as `file:line: field: what to do`."""
