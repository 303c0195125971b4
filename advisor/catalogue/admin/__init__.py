"""The catalogue's admin: one module per topic; importing them registers the pages."""

from advisor.catalogue.admin import articles, questions, skills, steps, tracks, versions  # noqa: F401
