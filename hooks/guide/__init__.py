"""The guide's build helpers, one package per feature; the entry files in hooks/ wire MkDocs events to them."""
