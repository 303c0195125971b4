from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from advisor.reports import insights
from advisor.reports.models import Report, StepProgress


class DetailsForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"notes": _("Only you (and people you share the link with) can read these.")}
        error_messages = {"title": {"required": _("Give the report a title.")}}

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Give the report a title."))
        return title


class StepStateForm(forms.Form):
    state = forms.ChoiceField(choices=StepProgress.State.choices)
    # The state the page showed when the button was pressed: a stale tab or a double click is caught.
    was = forms.ChoiceField(choices=StepProgress.State.choices)


# Long before any report here; an earlier date is a typo (and year 1 overflows the arithmetic).
EARLIEST_INSIGHT = datetime.date(2000, 1, 1)


class InsightsRangeForm(forms.Form):
    """The insights page's weeks: the last twelve unless a range is chosen. Whole
    weeks, Monday to Sunday, at most MAX_WEEKS of them, ending by this week."""

    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        # Before any date arithmetic: twelve weeks before 0001-01-01 is no date at all (OverflowError).
        if any(day < EARLIEST_INSIGHT for day in (data.get("since"), data.get("until")) if day):
            raise forms.ValidationError(
                _("The range cannot start before %(year)d."), code="too_early", params={"year": EARLIEST_INSIGHT.year}
            )
        today = timezone.localdate()
        until = data.get("until") or today
        since = data.get("since") or until - datetime.timedelta(weeks=insights.WEEKS - 1)
        if until > today:
            raise forms.ValidationError(_("The range cannot end after today."), code="future")
        if since > until:
            raise forms.ValidationError(_("The range has to start before it ends."), code="backwards")
        span = insights.Range.of(since, until)
        if span.weeks > insights.MAX_WEEKS:
            raise forms.ValidationError(
                _("Choose at most %(weeks)d weeks."), code="too_long", params={"weeks": insights.MAX_WEEKS}
            )
        data["span"] = span
        return data


class EmailLinkForm(forms.Form):
    """Where to send a report's private link."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address to send the link to."),
            "invalid": _("Enter a valid e-mail address, such as name@example.com."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "email", "spellcheck": "false"})

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()


# Far enough for any plan to start; further is more likely a typo in the year.
MAX_DAYS_AHEAD = 366


def next_monday(today: datetime.date | None = None) -> datetime.date:
    """The first Monday after today: a plan starts at the beginning of a week."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(days=7 - today.weekday())


class PlanCalendarForm(forms.Form):
    start = forms.DateField(
        label=_("Start on"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date as year-month-day, for example 2027-03-01.")},
    )

    def clean_start(self) -> datetime.date:
        start = self.cleaned_data["start"] or next_monday()
        today = timezone.localdate()
        # A day of slack: the person's today may still be yesterday in the server's time zone.
        if start < today - datetime.timedelta(days=1):
            raise forms.ValidationError(gettext("Pick today or a later day to start."), code="past")
        if start > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(gettext("Pick a day within a year from today."), code="far")
        return start


def calendar_bounds(today: datetime.date | None = None) -> dict[str, datetime.date]:
    """What the page's date input offers: the default, and the first and last days allowed."""
    today = today or timezone.localdate()
    return {
        "start": next_monday(today),
        "min": today - datetime.timedelta(days=1),
        "max": today + datetime.timedelta(days=MAX_DAYS_AHEAD),
    }
