"""What every catalogue admin page shares: history with revert (simple-history),
and one catalogue version per save, whatever the number of rows it wrote."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from advisor.catalogue.admin.fields import PlainFieldsMixin, labelled_rows
from advisor.catalogue.admin.history import PlainHistoryHelper, row_history
from advisor.catalogue.exchange import versions


def mark_changed(request: HttpRequest, note: str) -> None:
    notes = request.__dict__.setdefault("_catalogue_notes", [])
    if note not in notes:
        notes.append(note)


def record_version(request: HttpRequest) -> None:
    notes = request.__dict__.pop("_catalogue_notes", None)
    if notes:
        versions.record(user=request.user, note="; ".join(notes))


@admin.action(permissions=["delete"], description=gettext_lazy("Delete selected %(verbose_name_plural)s"))
def delete_selected(modeladmin, request, queryset):
    """Django's bulk delete, after the model admin's own refusal rules."""
    if reason := modeladmin.refuse_delete(list(queryset)):
        modeladmin.message_user(request, reason, messages.ERROR)
        return None
    response = django_delete_selected(modeladmin, request, queryset)
    if isinstance(response, TemplateResponse):  # the confirmation page; None once deleted
        response.context_data["impact_preview"] = modeladmin.deletion_impact(
            list(queryset.values_list("pk", flat=True))
        )
    return response


def pk_or_404(model: type[models.Model], value: str):
    """An id from the URL as the model's primary key; one that cannot be (`abc`) is a 404,
    where simple-history's views would pass it to a query and fail with a 500."""
    try:
        return model._meta.pk.to_python(value)
    except ValidationError:
        raise Http404 from None


class CatalogueAdmin(PlainFieldsMixin, SimpleHistoryAdmin):
    """Views that can write run in one transaction with the version they make."""

    actions = [delete_selected]

    object_history_template = "admin/catalogue/object_history.html"
    object_history_list_template = "admin/catalogue/object_history_list.html"
    # The rows edited on this entry's page, whose history its history page shows:
    # (model, its foreign key to this entry, a heading).
    history_rows: tuple = ()

    class Media:
        css = {"all": ["css/catalogue-admin.css"]}

    def get_changelist_form(self, request, **kwargs):
        return labelled_rows(super().get_changelist_form(request, **kwargs))

    def get_historical_record_context_helper(self, request, historical_record):
        return PlainHistoryHelper(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        pk = pk_or_404(self.model, unquote(object_id))
        rows = [
            {"heading": heading, "entries": row_history(model, field, pk)}
            for model, field, heading in self.history_rows
        ]
        return super().history_view(request, object_id, (extra_context or {}) | {"row_histories": rows})

    def refuse_delete(self, objs: list) -> str | None:
        """Why these objects must not be deleted, said to the admin; None allows it."""
        return None

    def deletion_impact(self, pks: list[int]):
        """What deleting these rows would do to saved reports, shown on the delete
        confirmation pages; only requirements have something to say."""
        return None

    def render_delete_form(self, request, context):
        if obj := context.get("object"):
            context["impact_preview"] = self.deletion_impact([obj.pk])
        return super().render_delete_form(request, context)

    def _versioned(self, view, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            record_version(request)
        return response

    def changeform_view(self, request, *args, **kwargs):
        return self._versioned(super().changeform_view, request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        return self._versioned(super().changelist_view, request, *args, **kwargs)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_delete_permission(request, obj) and (reason := self.refuse_delete([obj])):
            self.message_user(request, reason, messages.ERROR)
            opts = self.model._meta
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)
        return self._versioned(super().delete_view, request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        pk_or_404(self.model, unquote(object_id))
        pk_or_404(self.model.history.model, version_id)
        return self._versioned(super().history_form_view, request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        verb = "Changed" if change else "Added"
        mark_changed(request, f"{verb} {obj._meta.verbose_name} “{obj}”")

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.new_objects or formset.changed_objects or formset.deleted_objects:
            mark_changed(request, f"Changed {form.instance._meta.verbose_name} “{form.instance}”")

    def delete_model(self, request, obj):
        obj._history_user = request.user
        super().delete_model(request, obj)
        mark_changed(request, f"Deleted {obj._meta.verbose_name} “{obj}”")

    def delete_queryset(self, request, queryset):
        count = queryset.count()
        super().delete_queryset(request, queryset)
        mark_changed(request, f"Deleted {count} {queryset.model._meta.verbose_name_plural}")


class NoAddInlineMixin:
    """An inline that edits and links to rows, which are added on their own page
    (a question needs its five choices, a step its practice text)."""

    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


def bilingual(*names: str) -> list[tuple[str, str]]:
    """Fieldset rows with the English and Chinese fields side by side."""
    return [(f"{name}_en", f"{name}_zh") for name in names]
