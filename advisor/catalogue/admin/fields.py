"""How the catalogue's admin fields look to an editor who is not a developer:
sentences in text boxes of a sensible size, and, on inline rows, a label for
every input and none of the related-object buttons (on a row, the ✖ deletes the
skill itself, not the row; the ✎ and + open another object in a pop-up)."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.utils.translation import gettext_lazy as _

# Lines a text box shows: a one-sentence text (at most 300 characters) and a long one.
SHORT_ROWS, LONG_ROWS, INLINE_LONG_ROWS = 2, 5, 3
# Character fields that hold a sentence rather than a name, by their name without
# the language ("focus_en" → "focus"), for every model or for one.
SENTENCES = {"focus", "advice_product_led", "advice_marketing_led", "text", "help", "evidence", "note", "source"}
SENTENCES_OF = {"choice": {"label"}, "step": {"title"}}


def _base_name(db_field: models.Field) -> str:
    name = db_field.name
    return name[:-3] if name.endswith(("_en", "_zh")) else name


def holds_a_sentence(db_field: models.Field) -> bool:
    if isinstance(db_field, models.TextField):
        return True
    if not isinstance(db_field, models.CharField) or db_field.choices:
        return False
    base = _base_name(db_field)
    return base in SENTENCES or base in SENTENCES_OF.get(db_field.model._meta.model_name, set())


def text_box(db_field: models.Field, *, inline: bool) -> forms.Textarea:
    rows = (INLINE_LONG_ROWS if inline else LONG_ROWS) if isinstance(db_field, models.TextField) else SHORT_ROWS
    attrs = {"rows": rows, "class": "catalogue-text" + (" catalogue-text-inline" if inline else "")}
    if getattr(db_field, "max_length", None):
        attrs["maxlength"] = db_field.max_length  # the limit a one-line box had
    return forms.Textarea(attrs=attrs)


class OneLineText(forms.CharField):
    """A one-sentence text edited in a text box: a line break typed into it becomes
    a space, as the field holds one line (a requirement's source note must, for
    the catalogue file to read back)."""

    def to_python(self, value):
        value = super().to_python(value)
        return " ".join(value.split()) if value else value


def wide_line(db_field: models.Field) -> forms.TextInput:
    """A name or title: one line, as wide as the text boxes around it."""
    return forms.TextInput(attrs={"class": "vTextField catalogue-line", "maxlength": db_field.max_length})


class PlainFieldsMixin:
    """For a ModelAdmin or an inline: sentences get text boxes."""

    inline_rows = False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if "widget" not in kwargs and not db_field.choices:
            if holds_a_sentence(db_field):
                kwargs["widget"] = text_box(db_field, inline=self.inline_rows)
                if isinstance(db_field, models.CharField):
                    kwargs["form_class"] = OneLineText
            elif isinstance(db_field, models.CharField) and _base_name(db_field) != db_field.name:
                kwargs["widget"] = wide_line(db_field)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and self.inline_rows:
            quiet_row_field(field)
        return field


def quiet_row_field(field: forms.Field) -> None:
    """An inline row's field: named for screen readers (a table cell has no
    <label>) and without the related-object buttons."""
    widget = field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget.can_add_related = widget.can_change_related = widget.can_delete_related = False
        widget.can_view_related = False
        widget = widget.widget
    widget.attrs.setdefault("aria-label", str(field.label))


class QuietRowsMixin(PlainFieldsMixin):
    """An inline whose rows are easy to read and hard to misuse; its delete
    checkbox says what it does (`delete_label`), and the rows wrap on a phone."""

    inline_rows = True
    template = "admin/catalogue/edit_inline/tabular.html"
    delete_label = _("Remove")  # the delete checkbox's column header and name

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        label = self.delete_label
        parent = formset

        class Labelled(parent):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].label = label
                    form.fields["DELETE"].widget.attrs["aria-label"] = str(label)

        Labelled.__name__ = parent.__name__
        return Labelled


def labelled_rows(form_class: type[forms.ModelForm]) -> type[forms.ModelForm]:
    """A list page's editable row (list_editable): each input named with its column
    and its row, "Importance: Promotion · SEM bidding", as a table cell has no <label>."""

    class Labelled(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            # The formset's blank template form (built for its media, even when a search
            # or filter leaves no rows) has an unsaved instance that cannot name itself.
            if self.instance.pk is None:
                return
            for field in self.fields.values():
                if not field.widget.is_hidden:
                    field.widget.attrs["aria-label"] = f"{field.label}: {self.instance}"

    Labelled.__name__ = form_class.__name__
    return Labelled
