"""The questionnaire's shape: "About you" first, then one section per theme.

Which skill questions are asked depends on the catalogue's skip rules and the
person's context answers (a skill the current role's or the goal's track needs
is always asked), so the sections are worked out per assessment."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from advisor.catalogue import compiled
from advisor.catalogue.compiled import Catalogue, ContextChoice, ContextQuestion, Question
from advisor.catalogue.models import ContextQuestion as ContextQuestionModel
from advisor.i18n import Text
from advisor.questionnaire.models import Assessment

ABOUT = "about"
Use = ContextQuestionModel.Use


@dataclass
class Section:
    slug: str
    title: Text | str  # printed in the active language when a page shows it, not before
    intro: Text | str
    context_questions: list[ContextQuestion] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)

    @property
    def is_about(self) -> bool:
        return self.slug == ABOUT


@dataclass
class Flow:
    """An assessment with its answers and the sections that apply to it."""

    assessment: Assessment
    sections: list[Section]
    context: dict[str, ContextChoice]  # context question slug → chosen choice
    levels: dict[str, int]  # question slug → level
    catalogue: Catalogue

    def record(self, context: dict[ContextQuestion, ContextChoice], levels: dict[Question, int]) -> None:
        """Take in answers just saved, and work the sections out again (skip rules may differ)."""
        self.context.update({q.slug: c for q, c in context.items()})
        self.levels.update({q.slug: level for q, level in levels.items()})
        self.sections = build_sections(self.catalogue, self.context, self.assessment.ask_everything)

    def index(self, slug: str) -> int | None:
        return next((i for i, s in enumerate(self.sections) if s.slug == slug), None)

    def section(self, slug: str) -> Section | None:
        index = self.index(slug)
        return None if index is None else self.sections[index]

    def neighbour(self, section: Section, offset: int) -> Section | None:
        """The section `offset` screens away, if there is one (-1: the one before)."""
        index = self.index(section.slug)
        if index is None or not 0 <= index + offset < len(self.sections):
            return None
        return self.sections[index + offset]

    def is_complete(self, section: Section) -> bool:
        return all(q.slug in self.context for q in section.context_questions) and all(
            q.slug in self.levels for q in section.questions
        )

    def first_incomplete(self) -> Section | None:
        return next((s for s in self.sections if not self.is_complete(s)), None)

    def next_url(self) -> str:
        """Where to continue: the first screen with a missing answer, or the review."""
        section = self.first_incomplete()
        if section is None:
            return reverse("questionnaire:review", args=[self.assessment.pk])
        return step_url(self.assessment, section.slug)

    @property
    def asked(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]

    @property
    def skipped_questions(self) -> list[Question]:
        """The skill questions the skip rules left out of this assessment."""
        asked = {q.pk for q in self.asked}
        return [q for q in self.catalogue.questions if q.pk not in asked]

    @property
    def answered_count(self) -> int:
        """Answers given to the questions asked (an answer a skip rule has since left out does not count)."""
        return sum(q.slug in self.context for s in self.sections for q in s.context_questions) + sum(
            q.slug in self.levels for s in self.sections for q in s.questions
        )


def step_url(assessment: Assessment, slug: str) -> str:
    return reverse("questionnaire:step", args=[assessment.pk, slug])


def relevant_skills(catalogue: Catalogue, context: dict[str, ContextChoice]) -> set[int]:
    """The skills the tracks the person cares about require: their current role's
    and the one they want to reach. Those are always asked, skip rule or not."""
    tracks = [context[use].track for use in (Use.CURRENT_ROLE, Use.GOAL) if use in context]
    return set().union(*(catalogue.required.get(t, frozenset()) for t in tracks if t))


def is_asked(
    question: Question, context: dict[str, ContextChoice], relevant: set[int] = frozenset(), everything: bool = False
) -> bool:
    """Asked unless the catalogue's skip rule leaves it out: ask only when the named
    context answer has one of the listed values. A skill of a track the person cares
    about is always asked, and so is every question when they asked for all."""
    if question.skip_question is None or everything or question.skill.pk in relevant:
        return True
    chosen = context.get(question.skip_question)
    return chosen is not None and chosen.value in question.skip_values


def build_sections(catalogue: Catalogue, context: dict[str, ContextChoice], everything: bool = False) -> list[Section]:
    sections = [
        Section(
            ABOUT,
            _("About you"),
            _("A few quick questions about where you are now, so the advice fits your situation."),
            context_questions=list(catalogue.context_questions),
        )
    ]
    relevant = relevant_skills(catalogue, context)
    for theme, questions in catalogue.themed:
        asked = [q for q in questions if is_asked(q, context, relevant, everything)]
        if asked:
            sections.append(Section(theme.slug, theme.name, theme.intro, questions=asked))
    return sections


def load(assessment: Assessment, catalogue: Catalogue | None = None) -> Flow:
    """The assessment's answers (two queries) and the questionnaire's shape (from
    the compiled catalogue, one query when it has not changed)."""
    catalogue = catalogue or compiled.current()
    choices, by_question = catalogue.context_choices, catalogue.context_by_pk
    context = {
        by_question[qid].slug: choices[cid]
        for qid, cid in assessment.context_answers.values_list("question_id", "choice_id")
        if qid in by_question and cid in choices
    }
    slugs = catalogue.question_slugs
    levels = {slugs[qid]: lvl for qid, lvl in assessment.answers.values_list("question_id", "level") if qid in slugs}
    sections = build_sections(catalogue, context, assessment.ask_everything)
    return Flow(assessment, sections, context, levels, catalogue)


@dataclass
class ReviewRow:
    question: str
    answer: str | None


def summary(flow: Flow) -> list[tuple[Section, list[ReviewRow]]]:
    """Each section with its questions and the answer given (None when missing), for the review screen."""
    rows = []
    for section in flow.sections:
        items = [
            ReviewRow(str(q.text), str(flow.context[q.slug].label) if q.slug in flow.context else None)
            for q in section.context_questions
        ]
        for q in section.questions:
            level = flow.levels.get(q.slug)
            label = next((str(c.label) for c in q.choices if c.level == level), None)
            items.append(ReviewRow(str(q.text), label))
        rows.append((section, items))
    return rows
