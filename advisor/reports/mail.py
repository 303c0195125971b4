"""The e-mail that sends a report's private link to its owner."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from advisor.reports.models import Report


def send_private_link(report: Report, address: str, link: str) -> None:
    """Plain text, in the active language (the reader's). It carries no report data
    but the link: the address may be anyone's, and the title is the owner's free text."""
    body = render_to_string("reports/email/private_link.txt", {"link": link, "in_account": report.user_id is not None})
    send_mail(_("Your private link to your skill-gap report"), body, settings.DEFAULT_FROM_EMAIL, [address])
