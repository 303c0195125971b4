"""Write the whole catalogue out in the seed file's structure (seed/FORMAT.md),
as YAML or JSON, and the skill mapping alone as CSV.

Positioned sections come out in position order and carry no position key: as
in the seed file, the order of a list is its order on screen. Optional keys
are left out when empty, so exporting a freshly loaded seed file gives back
the same catalogue."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from typing import Any

import yaml

from advisor.catalogue.exchange.schema import BY_NAME, TOP_LEVEL

FORMATS = {
    "yaml": ("application/x-yaml", "yaml"),
    "json": ("application/json", "json"),
    "csv": ("text/csv", "csv"),
}
CSV_COLUMNS = [f.name for f in BY_NAME["requirements"].fields]


def catalogue_data() -> dict[str, Any]:
    """The whole catalogue as plain data, in a constant number of queries."""
    return {section.name: [section.dump(obj) for obj in section.queryset()] for section in TOP_LEVEL}


def content_hash(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def to_yaml(data: dict[str, Any]) -> str:
    header = "# Catalogue export of the career path advisor. Format: advisor/catalogue/seed/FORMAT.md\n"
    return header + yaml.dump(data, Dumper=PlainDumper, allow_unicode=True, sort_keys=False, width=1000)


class PlainDumper(yaml.SafeDumper):
    """Writes a value used twice out twice: the importer refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def requirements_csv() -> str:
    section = BY_NAME["requirements"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for obj in section.queryset():
        row = section.dump(obj)
        writer.writerow([str(row[c]).lower() if isinstance(row.get(c), bool) else row.get(c, "") for c in CSV_COLUMNS])
    return out.getvalue()


def export(fmt: str) -> str:
    """The catalogue in one of FORMATS: the whole of it, or for CSV the skill mapping."""
    if fmt == "csv":
        return requirements_csv()
    data = catalogue_data()
    return to_yaml(data) if fmt == "yaml" else to_json(data)
