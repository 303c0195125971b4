"""Punctuation that follows the active language, for templates (a builtin library,
see settings.TEMPLATES): English puts a space after a colon or a full stop and before
a bracket; Chinese takes full-width ：。（）, which carry their own space, and a space
the template adds there reads as a stray gap (and a line break in a template renders
as one)."""

from __future__ import annotations

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from advisor.i18n import current_lang

register = template.Library()


@register.simple_tag
def gap() -> str:
    """The space after a label's colon or a sentence's stop: none in Chinese."""
    return "" if current_lang() == "zh" else " "


@register.simple_block_tag
def bracket(content: str) -> SafeString:
    """A detail after a name: " (3/4)" in English, "（3/4）" in Chinese.
    {% bracket %}{{ level }}/4{% endbracket %}; the content is already escaped."""
    # Translators: a detail in brackets after a name, e.g. "Copywriting (3/4)"; use full-width brackets.
    return mark_safe(gap() + conditional_escape(_("(%(detail)s)")) % {"detail": content})


@register.simple_tag
def colon() -> str:
    """A colon between a name and what is said of it: ": " in English, "：" in Chinese."""
    # Translators: the colon between a name and its note, e.g. "Operation editor: writes…".
    return _(":") + gap()


@register.simple_tag
def stop() -> str:
    """The full stop ending a sentence built in the template, e.g. after a list."""
    # Translators: the full stop at the end of a sentence.
    return _(".")


# A line break and the indent after it, in the template's own text.
LAYOUT = re.compile(r"\n[ \t]*")


class OnelineNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context) -> str:
        return self.nodelist.render(context)


@register.tag
def oneline(parser, token) -> OnelineNode:
    """{% oneline %}…{% endoneline %}: the template's line breaks inside, with the indent
    after each, are layout, not output, so a long line of inline markup can be wrapped
    in the source and still render as one line (a break would print as a space, which
    Chinese must not have). Only the template's text is joined: the values it prints
    (a person's notes, a catalogue text) keep their line breaks."""
    nodelist = parser.parse(("endoneline",))
    parser.delete_first_token()
    for node in nodelist.get_nodes_by_type(template.base.TextNode):
        node.s = LAYOUT.sub("", node.s)
    return OnelineNode(nodelist)
