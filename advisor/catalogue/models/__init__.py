"""The catalogue's models, one module per topic."""

from advisor.catalogue.models.articles import CompanySize, MarketFact, Post, Route, RouteLead, Seniority, Source
from advisor.catalogue.models.base import MAX_LEVEL, text_pair
from advisor.catalogue.models.catalogue import (
    Choice,
    CompanyType,
    ContextChoice,
    ContextQuestion,
    ProficiencyLevel,
    Question,
    Requirement,
    Resource,
    Skill,
    Step,
    Theme,
    Track,
    TrackQuerySet,
)
from advisor.catalogue.models.imports import PendingImport
from advisor.catalogue.models.versions import CatalogueVersion

__all__ = [
    "MAX_LEVEL",
    "CatalogueVersion",
    "Choice",
    "CompanySize",
    "CompanyType",
    "ContextChoice",
    "ContextQuestion",
    "MarketFact",
    "PendingImport",
    "Post",
    "ProficiencyLevel",
    "Question",
    "Requirement",
    "Resource",
    "Route",
    "RouteLead",
    "Seniority",
    "Skill",
    "Source",
    "Step",
    "Theme",
    "Track",
    "TrackQuerySet",
    "text_pair",
]
