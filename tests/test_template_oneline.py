"""{% oneline %}: a template line wrapped in the source still renders as one line."""

from __future__ import annotations

from django.template import Context, Template


def test_the_template_s_line_breaks_and_indents_are_dropped_but_a_value_s_are_kept():
    template = Template(
        "<p>{% oneline %}\n  <b>{{ name }}</b>\n  {% if note %}\n    <i>{{ note }}</i>\n  {% endif %}\n{% endoneline %}</p>"
    )
    assert template.render(Context({"name": "SEO", "note": "line one\n  line two"})) == (
        "<p><b>SEO</b><i>line one\n  line two</i></p>"
    )
