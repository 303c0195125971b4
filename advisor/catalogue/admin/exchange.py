"""The admin's "Export catalogue" and "Import catalogue" pages. An import is
uploaded, previewed as a diff, and written only when confirmed; the uploaded
file waits server-side between the two (PendingImport, owned by the uploader,
expiring), and the confirm names it by a random key. The preview remembers the
catalogue it was computed against, so a confirm after someone else's edit shows
a fresh preview instead of writing a stale one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from advisor.catalogue.admin.impact_preview import import_preview
from advisor.catalogue.exchange import exporter, guard, importer, loader, readable
from advisor.catalogue.exchange.diff import REMOVED, summary
from advisor.catalogue.exchange.fields import CatalogueError
from advisor.catalogue.exchange.schema import BY_NAME
from advisor.catalogue.models import CatalogueVersion, PendingImport

# Everything an import can write; CatalogueVersion is written by the app only.
MODELS = [
    "proficiencylevel",
    "theme",
    "track",
    "skill",
    "requirement",
    "contextquestion",
    "contextchoice",
    "question",
    "choice",
    "step",
    "resource",
    "source",
    "route",
    "routelead",
    "post",
    "marketfact",
]


def can_export(user) -> bool:
    return user.has_perms([f"catalogue.view_{name}" for name in MODELS])


def can_import(user, *, prune: bool = False) -> bool:
    actions = ("add", "change", "delete") if prune else ("add", "change")
    return user.has_perms([f"catalogue.{action}_{name}" for name in MODELS for action in actions])


def export_view(request: HttpRequest, site: AdminSite) -> HttpResponse:
    if not can_export(request.user):
        raise PermissionDenied
    fmt = request.GET.get("format")
    if fmt in exporter.FORMATS:
        content_type, suffix = exporter.FORMATS[fmt]
        name = "requirements" if fmt == "csv" else "catalogue"
        response = HttpResponse(exporter.export(fmt), content_type=f"{content_type}; charset=utf-8")
        version = CatalogueVersion.current()
        number = f"-v{version.number}" if version else ""
        response["Content-Disposition"] = f'attachment; filename="{name}{number}.{suffix}"'
        return response
    context = site.each_context(request) | {"title": _("Export catalogue"), "formats": exporter.FORMATS}
    return render(request, "admin/catalogue/exchange/export.html", context)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Catalogue file"),
        help_text=gettext_lazy("YAML or JSON in the seed file's format, or a CSV requirement table."),
    )
    prune = forms.BooleanField(
        label=gettext_lazy("Delete entries the file leaves out"),
        required=False,
        help_text=gettext_lazy(
            "Off: entries the file leaves out are listed and kept. Either way, the rows of an entry the file "
            "names are replaced by the file's: a track's requirements (a CSV names tracks too), a question's "
            "choices, a step's resources and prerequisites. The preview lists the rows that go. Entries that "
            "saved answers use are never deleted."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if loader.guess_format(upload.name) not in loader.FORMATS:
            raise forms.ValidationError(_("Upload a .yaml, .yml, .json or .csv file."))
        if upload.size > guard.max_bytes():
            raise forms.ValidationError(
                _("The file is %(size)s bytes; at most %(limit)s are accepted.")
                % {"size": f"{upload.size:,}", "limit": f"{guard.max_bytes():,}"}
            )
        try:
            return upload.name, upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None


class ConfirmForm(forms.Form):
    upload = forms.CharField(widget=forms.HiddenInput, max_length=64)


def import_view(request: HttpRequest, site: AdminSite) -> HttpResponse:
    if not can_import(request.user):
        raise PermissionDenied
    context = site.each_context(request) | {"title": _("Import catalogue")}
    if request.method == "POST" and "confirm" in request.POST:
        confirm = ConfirmForm(request.POST)
        if not confirm.is_valid():
            context["error"] = _("The confirmation was incomplete; upload the file again.")
            return render(request, "admin/catalogue/exchange/import.html", context | {"form": UploadForm()}, status=400)
        return _confirm(request, context, confirm.cleaned_data["upload"])
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name, content = form.cleaned_data["file"]
        return _preview(request, context, name, content, form.cleaned_data["prune"])
    status = 400 if request.method == "POST" else 200
    return render(request, "admin/catalogue/exchange/import.html", context | {"form": form}, status=status)


def _mode(prune: bool) -> importer.Mode:
    return importer.Mode.PRUNE if prune else importer.Mode.REPLACE


def _refuse(request: HttpRequest, context: dict, error: str, status: int) -> HttpResponse:
    context |= {"form": UploadForm(), "error": error}
    return render(request, "admin/catalogue/exchange/import.html", context, status=status)


def replaced(changes: list) -> list:
    """Rows that go because the file lists their entry's rows in full (a track's
    requirements, a question's choices), whether or not entries are pruned."""
    return [c for c in changes if c.kind == REMOVED and (BY_NAME[c.section].owner or BY_NAME[c.section].parent)]


def _preview(
    request: HttpRequest, context: dict, name: str, content: str, prune: bool, pending: PendingImport | None = None
) -> HttpResponse:
    if prune and not can_import(request.user, prune=True):
        raise PermissionDenied
    try:
        incoming = loader.read(content, name, loader.guess_format(name))
        plan = importer.plan(incoming, _mode(prune))
    except CatalogueError as exc:
        return _refuse(request, context, str(exc), 400)
    names = readable.Names(incoming, plan.current)  # entries by the names they have now; new ones by the file's
    PendingImport.objects.expired().delete()  # nobody can confirm those any more
    if pending is None:
        pending = PendingImport.objects.create(
            owner=request.user, name=name, content=content, prune=prune, base=plan.base
        )
    else:  # a fresh preview of the same upload, against the catalogue as it is now
        pending.base = plan.base
        pending.save(update_fields=["base"])
    gone = replaced(plan.changes)
    context |= {
        "plan": plan,
        "lines": readable.lines([c for c in plan.changes if not any(c is r for r in gone)], names),
        "replaced": readable.lines(gone, names),  # listed once, under their own heading
        "refusals": readable.refusals(plan.refused, names),
        "impact_preview": import_preview(plan.current, incoming, plan.changes),
        "confirm": ConfirmForm(initial={"upload": pending.key}),
        "name": name,
        "summary": summary(plan.changes),
    }
    return render(request, "admin/catalogue/exchange/preview.html", context)


def _confirm(request: HttpRequest, context: dict, key: str) -> HttpResponse:
    # Someone else's upload answers as an unknown one: keys are not probed.
    pending = PendingImport.objects.filter(key=key, owner=request.user).first()
    if pending is None:
        error = _(
            "No upload is waiting under this confirmation: it was imported or replaced already, or it "
            "is not yours. Upload the file again."
        )
        return _refuse(request, context, error, 404)
    if pending.is_expired:
        pending.delete()
        return _refuse(request, context, _("This preview has expired; upload the file again."), 410)
    name, content, prune = pending.name, pending.content, pending.prune
    if prune and not can_import(request.user, prune=True):
        raise PermissionDenied
    if exporter.content_hash(exporter.catalogue_data()) != pending.base:
        messages.warning(request, _("The catalogue changed since this preview was made. Check the new preview."))
        return _preview(request, context, name, content, prune, pending)
    try:
        catalogue = loader.read(content, name, loader.guess_format(name))
        plan = importer.apply(catalogue, _mode(prune), user=request.user, note=f"Import of {name}")
    except CatalogueError as exc:
        return _refuse(request, context, str(exc), 400)
    pending.delete()  # a second press of the button finds nothing to write twice
    if plan.has_changes:
        version = CatalogueVersion.current()
        messages.success(
            request,
            _("Imported %(name)s: %(summary)s The catalogue is now at version %(version)d.")
            % {"name": name, "summary": summary(plan.changes), "version": version.number},
        )
    else:
        messages.info(request, _("Nothing to import: the file matches the catalogue."))
    return redirect("admin:catalogue_track_changelist")
