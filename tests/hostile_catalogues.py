"""Catalogue files an attacker or a careless export would send, each with the
line the importer must refuse it with. The command tests and the admin tests
run the same list."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.catalogue_data import dump, small

BOMB = """
bomb:
  a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]
"""


def mutated(change: Callable[[dict], object]) -> dict:
    data = small()
    change(data)
    return data


# (id, file name, content, what the message says)
YAML_AND_JSON = [
    (
        "slug-with-a-space-and-a-slash",
        "c.yaml",
        dump(mutated(lambda d: d["steps"][0].update(slug="seo learn/basics"))),
        "step 'seo learn/basics': a web address name may hold only letters, digits, hyphens and underscores",
    ),
    (
        "a-100000-character-name",
        "c.yaml",
        dump(mutated(lambda d: d["tracks"][0]["name"].update(en="x" * 100_000))),
        "track 'promotion': “name.en” is 100000 characters long; at most 300 fit",
    ),
    (
        "an-over-long-slug",
        "c.json",
        json.dumps(mutated(lambda d: d["skills"][0].update(slug="s" * 51))),
        "“slug” is 51 characters long; at most 50 fit",
    ),
    (
        "an-over-long-resource-address",
        "c.yaml",
        dump(mutated(lambda d: d["steps"][1]["resources"][0].update(url="https://example.org/" + "a" * 300))),
        "step 'proto-1': “url” is 320 characters long; at most 200 fit",
    ),
    ("an-alias-bomb-in-an-extra-section", "c.yaml", dump(small()) + BOMB, "YAML anchors and aliases"),
    ("an-unknown-section", "c.json", json.dumps(small() | {"bomb": {"a": 1}}), "'bomb': unknown section"),
    (
        "an-unknown-key",
        "c.yaml",
        dump(mutated(lambda d: d["tracks"][0].update(colour="red"))),
        "track 'promotion': unknown key 'colour'",
    ),
    (
        "a-nul-byte-in-json",
        "c.json",
        json.dumps(mutated(lambda d: d["skills"][0]["name"].update(zh="文案\x00写作"))),
        "skill 'copywriting': “name.zh” holds a control character (such as NUL)",
    ),
    (
        "a-nul-byte-in-yaml",
        "c.yaml",
        dump(mutated(lambda d: d["steps"][0]["practice"].update(en="Write\x00ads"))),
        "step 'copy-1': “practice.en” holds a control character (such as NUL)",
    ),
    (
        "a-text-that-is-a-list",
        "c.yaml",
        dump(mutated(lambda d: d["skills"][1].update(name={"en": ["x"], "zh": "原型"}))),
        "skill 'prototyping': “name.en” must be text, not a list",
    ),
    (
        "a-slug-that-is-a-mapping",
        "c.json",
        json.dumps(mutated(lambda d: d["themes"][0].update(slug={"a": 1}))),
        "'slug' must be a word, not a mapping",
    ),
    (
        "prerequisites-that-are-a-string",
        "c.yaml",
        dump(mutated(lambda d: d["steps"][1].update(prerequisites="copy-1"))),
        "step 'proto-1': 'prerequisites' must be a list of step slugs",
    ),
    (
        "a-resource-that-is-a-string",
        "c.yaml",
        dump(mutated(lambda d: d["steps"][1].update(resources=["https://example.org"]))),
        "step 'proto-1': each resource must be a mapping with a title and a url",
    ),
    (
        "a-number-of-five-thousand-digits",
        "c.yaml",
        dump(small()).replace("effort_hours: 4", "effort_hours: " + "9" * 5000),
        "not valid YAML: a number or date is out of range",
    ),
    (
        "deep-nesting-in-json",
        "c.json",
        json.dumps(small() | {"steps": "DEEP"}).replace('"DEEP"', "[" * 5000 + "]" * 5000),
        "lists and mappings nest too deeply",
    ),
    (
        "deep-nesting-in-yaml",
        "c.yaml",
        dump(small()) + "bomb: " + "[" * 5000 + "]" * 5000 + "\n",
        "lists and mappings nest too deeply",
    ),
    (
        "levels-of-mixed-types",
        "c.json",
        json.dumps(mutated(lambda d: d["levels"][0].update(level="zero"))),
        "levels: must define each level 0 to 4 exactly once",
    ),
]

HEADER = "track,skill,importance,target,essential\n"
CSV = [
    ("a-short-row", "r.csv", HEADER + "promotion,copywriting,3\n", "line 2 has 3 cells; the header has 5"),
    ("a-long-row", "r.csv", HEADER + "promotion,copywriting,3,2,true,x,y\n", "line 2 has 7 cells; the header has 5"),
    (
        "a-word-for-a-number",
        "r.csv",
        HEADER + "promotion,copywriting,three,2,true\n",
        "requirement 'promotion' × 'copywriting': 'importance' must be a whole number from 1 to 5, not 'three'",
    ),
    (
        "a-superscript-digit",
        "r.csv",
        HEADER + "promotion,copywriting,²,2,true\n",
        "'importance' must be a whole number from 1 to 5, not '²'",
    ),
    (
        "a-bad-flag",
        "r.csv",
        HEADER + "promotion,copywriting,3,2,maybe\n",
        "requirement 'promotion' × 'copywriting': 'essential' must be true or false",
    ),
    (
        "a-nul-byte",
        "r.csv",
        HEADER + "promotion,copy\x00writing,3,2,true\n",
        "unknown skill 'copy\\x00writing'",
    ),
    (
        "a-field-past-the-csv-limit",
        "r.csv",
        HEADER + 'promotion,copywriting,3,2,"' + "x" * 200_000 + '"\n',
        "not a valid CSV table",
    ),
    (
        "an-over-long-source-note",
        "r.csv",
        HEADER.replace("\n", ",source\n") + "promotion,copywriting,3,2,true," + "n" * 501 + "\n",
        "“source” is 501 characters long; at most 500 fit",
    ),
    ("nested-quotes", "r.csv", HEADER + 'promotion,"copy""writing""",3,2,true\n', "unknown skill 'copy\"writing\"'"),
]

ALL = YAML_AND_JSON + CSV
