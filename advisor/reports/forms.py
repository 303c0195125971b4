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


# Python's weekday numbers, Monday = 0; the page lists the week from Monday as Chinese calendars do.
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
# A weekend morning is when people with a full-time job find a few hours in a row.
DEFAULT_WEEKDAY = 5
DEFAULT_TIME = datetime.time(10, 0)


class PlanCalendarForm(forms.Form):
    """When the weekly sessions go: from a day (today unless picked), on a weekday, at a time."""

    start = forms.DateField(
        label=_("Start on"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        error_messages={"invalid": _("Enter the date as year-month-day, for example 2027-03-01.")},
    )
    weekday = forms.TypedChoiceField(
        label=_("Every"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Pick a day of the week from the list.")},
    )
    at = forms.TimeField(
        label=_("At"),
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        error_messages={"invalid": _("Enter the time as hours:minutes, for example 19:30.")},
    )

    def clean_start(self) -> datetime.date:
        start = self.cleaned_data["start"] or timezone.localdate()
        today = timezone.localdate()
        # A day of slack: the person's today may still be yesterday in the server's time zone.
        if start < today - datetime.timedelta(days=1):
            raise forms.ValidationError(gettext("Pick today or a later day to start."), code="past")
        if start > today + datetime.timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(gettext("Pick a day within a year from today."), code="far")
        return start

    def clean_weekday(self) -> int:
        value = self.cleaned_data["weekday"]
        return DEFAULT_WEEKDAY if value is None else value

    def clean_at(self) -> datetime.time:
        return self.cleaned_data["at"] or DEFAULT_TIME


def calendar_bounds(today: datetime.date | None = None) -> dict:
    """What the page's inputs offer: the defaults, and the first and last days allowed."""
    today = today or timezone.localdate()
    return {
        "start": today,
        "min": today - datetime.timedelta(days=1),
        "max": today + datetime.timedelta(days=MAX_DAYS_AHEAD),
        "weekdays": WEEKDAYS,
        "weekday": DEFAULT_WEEKDAY,
        "at": DEFAULT_TIME,
    }
