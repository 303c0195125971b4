"""Catalogue files in and out: the section table (schema), reading and checking
a file (loader), the current catalogue as data (exporter), what an import would
change (diff), writing it (importer, writer) and the versions it records."""
