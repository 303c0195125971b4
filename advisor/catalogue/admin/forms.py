"""Admin forms and formsets for the catalogue: the rules a file import checks
(see exchange/loader.py), said again for people editing one page at a time."""

from __future__ import annotations

from collections import Counter

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet, BaseModelFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.catalogue.admin.impact_preview import CONFIRM_FIELD, Changes, Row, preview
from advisor.catalogue.exchange.loader import cycle_text, find_cycle
from advisor.catalogue.models import MAX_LEVEL, Step, Track
from advisor.i18n import join_clauses, join_list


def _live(formset) -> list[forms.Form]:
    """The forms whose rows will exist after saving."""
    return [
        f
        for f in formset.forms
        if f.is_valid() and f.cleaned_data and not formset._should_delete_form(f) and (f.instance.pk or f.has_changed())
    ]


class HeldForImpactPreview:
    """A requirement form or formset that stays invalid, without an error, until the
    admin has seen what the change does to saved reports' rankings (preview.py) and
    submitted the same change again with its fingerprint in CONFIRM_FIELD."""

    impact_preview = None

    def proposed_changes(self) -> Changes:
        raise NotImplementedError

    def is_valid(self) -> bool:
        if not super().is_valid():
            return False
        if not hasattr(self, "_impact_checked"):
            self._impact_checked = True
            self.impact_preview = preview(self.proposed_changes(), self.data.get(CONFIRM_FIELD))
        return self.impact_preview is None


def _row(track_id: int, data: dict) -> Row:
    return (track_id, data["skill"].pk, data["importance"], data["target"], data["essential"])


class RequirementInlineFormSet(HeldForImpactPreview, BaseInlineFormSet):
    """A track's requirements: one row per skill, at least one essential."""

    def proposed_changes(self) -> Changes:
        if self.instance.pk is None:
            return {}  # a new track: not in any ranking yet, nothing to compare
        changes: dict[object, Row | None] = {}
        for f in self.initial_forms:
            if self._should_delete_form(f):
                changes[f.instance.pk] = None
            elif f.has_changed():
                changes[f.instance.pk] = _row(self.instance.pk, f.cleaned_data)
        for i, f in enumerate(self.extra_forms):
            if f.has_changed() and not self._should_delete_form(f):
                changes[f"new-{i}"] = _row(self.instance.pk, f.cleaned_data)
        return changes

    def clean(self) -> None:
        if any(self.errors):
            return
        live = _live(self)
        counts = Counter(f.cleaned_data["skill"] for f in live)
        twice = [skill for skill, n in counts.items() if n > 1]
        if twice:
            for f in live:
                if f.cleaned_data["skill"] in twice:
                    f.add_error("skill", _("This skill is already required above."))
            raise ValidationError(
                _("Each skill can be required only once per track; “%(skills)s” appears more than once.")
                % {"skills": "”, “".join(str(s) for s in twice)}
            )
        if not any(f.cleaned_data.get("essential") for f in live):
            raise ValidationError(
                _("A track needs at least one essential requirement: tick “essential” on a skill it cannot do without.")
            )
        super().clean()


class RequirementChangelistFormSet(HeldForImpactPreview, BaseModelFormSet):
    """Editing importance, target and essential on the requirement list."""

    @property
    def errors(self) -> list:
        # While the change only waits for confirmation nothing has errors; an empty
        # list keeps the list page from asking to "correct the errors below".
        errors = super().errors
        return errors if any(errors) or self.non_form_errors() else []

    def proposed_changes(self) -> Changes:
        # The list edits neither track nor skill; instance ids avoid a query per row.
        return {
            f.instance.pk: (
                f.instance.track_id,
                f.instance.skill_id,
                f.cleaned_data["importance"],
                f.cleaned_data["target"],
                f.cleaned_data["essential"],
            )
            for f in self.forms
            if f.has_changed()
        }

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        changes = {f.instance.pk: (f.instance.track_id, f.cleaned_data["essential"]) for f in _live(self)}
        tracks = Track.objects.filter(requirements__pk__in=list(changes)).distinct()
        if orphans := tracks.left_without_essential(changes):
            raise ValidationError(_left_without_essential(orphans))


def _left_without_essential(tracks) -> str:
    return _("These tracks would have no essential requirement left: %(tracks)s. Keep at least one essential.") % {
        "tracks": join_list(tracks)
    }


class RequirementForm(HeldForImpactPreview, forms.ModelForm):
    """One requirement on its own page: moving or un-ticking the last essential one is refused."""

    def proposed_changes(self) -> Changes:
        # Always proposed, compared with the database: reverting from history binds
        # the form to the old version, so has_changed() would see no change.
        return {self.instance.pk or "new": _row(self.cleaned_data["track"].pk, self.cleaned_data)}

    def clean(self) -> dict:
        data = super().clean()
        req = self.instance
        if req.pk and "essential" in data and "track" in data:
            original = Track.objects.filter(pk=req.track_id)
            if orphans := original.left_without_essential({req.pk: (data["track"].pk, data["essential"])}):
                raise ValidationError(_left_without_essential(orphans))
        return data


class ChoiceInlineFormSet(BaseInlineFormSet):
    """A question's answer choices: exactly one per level 0–4."""

    def clean(self) -> None:
        if any(self.errors):
            return
        levels = Counter(f.cleaned_data["level"] for f in _live(self))
        expected = set(range(MAX_LEVEL + 1))
        missing = sorted(expected - set(levels))
        twice = sorted(level for level, n in levels.items() if n > 1)
        if missing or twice:
            problems = []
            if missing:
                problems.append(_("missing level %(levels)s") % {"levels": join_list(missing)})
            if twice:
                problems.append(_("level %(levels)s given twice") % {"levels": join_list(twice)})
            raise ValidationError(
                _("A question needs exactly one choice for each level 0 to %(max)d: %(problems)s.")
                % {"max": MAX_LEVEL, "problems": join_clauses(problems)}
            )
        super().clean()


class StepForm(forms.ModelForm):
    """A step's prerequisites must not include itself or close a cycle."""

    class Meta:
        model = Step
        fields = ["slug", "skill", "reaches", "effort_hours", "title_en", "title_zh", "practice_en", "practice_zh"]
        fields += ["evidence_en", "evidence_zh", "work_access_en", "work_access_zh"]
        fields += ["prerequisites"]
        help_texts = {"prerequisites": gettext_lazy("Steps to finish first. They must not lead back to this one.")}

    def clean_prerequisites(self):
        chosen = self.cleaned_data["prerequisites"]
        step = self.instance
        if step.pk is None:
            return chosen  # nothing can depend on a step that does not exist yet
        if any(p.pk == step.pk for p in chosen):
            raise ValidationError(_("A step cannot be its own prerequisite."))
        graph: dict[str, list[str]] = {}
        for source, target in Step.prerequisites.through.objects.values_list("from_step_id", "to_step_id"):
            graph.setdefault(str(source), []).append(str(target))
        graph[str(step.pk)] = [str(p.pk) for p in chosen]
        cycle = find_cycle(graph)
        if cycle:
            slugs = dict(Step.objects.filter(pk__in=set(cycle)).values_list("pk", "slug"))
            names = cycle_text([slugs.get(int(pk), "?") for pk in cycle])
            raise ValidationError(_("These prerequisites would form a cycle: %(cycle)s.") % {"cycle": names})
        return chosen
