from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
