"""Validates an SBOM pexrc wrote with the reference Python libraries: a
CycloneDX 1.6 JSON document against the strict 1.6 schema (cyclonedx-python-lib,
formats such as iri-reference and date-time checked), an SPDX 2.3 JSON document
by parsing it and running every check of spdx-tools. Both are pinned in
scripts/setup and installed in build/tools/venv.

  validate_sbom.py FILE [--format cyclonedx|spdx]

Without --format the document says which it is ("bomFormat" or "spdxVersion").
Prints "FILE: valid FORMAT" and exits 0, or prints every error and exits 1.
"""
import argparse
import json
import sys

MAX_MESSAGE = 300


def cyclonedx_errors(text):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    errors = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text, all_errors=True)
    return [schema_error(e.data) for e in errors or []]


def schema_error(error):
    """Where and what, without the schema the error's str() repeats. A failed
    oneOf or anyOf is told by what failed deepest in its branches (its own
    message holds the whole instance): an unknown licence id, not that the
    licence list is not an expression either. Ties are joined by " | "."""

    def leaves(e):
        if not e.context:
            yield e
        for sub in e.context:
            yield from leaves(sub)

    found = list(leaves(error))
    depth = max(len(e.absolute_path) for e in found)
    lines = []
    for e in found:
        message = e.message
        if len(message) > MAX_MESSAGE:
            message = message[:MAX_MESSAGE] + "..."
        line = "%s: %s" % (e.json_path, message)
        if len(e.absolute_path) == depth and line not in lines:
            lines.append(line)
    return " | ".join(lines)


def spdx_errors(path):
    from spdx_tools.spdx.parser.error import SPDXParsingError
    from spdx_tools.spdx.parser.json import json_parser
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    try:
        document = json_parser.parse_from_file(path)
    except SPDXParsingError as e:
        return ["parsing: " + m for m in e.get_messages()]
    return [m.validation_message for m in validate_full_spdx_document(document, "SPDX-2.3")]


def detect_format(text):
    try:
        document = json.loads(text)
    except ValueError as e:
        sys.exit("not JSON: %s" % e)
    if isinstance(document, dict) and document.get("bomFormat") == "CycloneDX":
        return "cyclonedx"
    if isinstance(document, dict) and "spdxVersion" in document:
        return "spdx"
    sys.exit("neither CycloneDX (bomFormat) nor SPDX (spdxVersion); say which with --format")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--format", choices=["cyclonedx", "spdx"])
    args = parser.parse_args()
    with open(args.file, encoding="utf-8") as f:
        text = f.read()
    kind = args.format or detect_format(text)
    errors = cyclonedx_errors(text) if kind == "cyclonedx" else spdx_errors(args.file)
    if errors:
        for error in errors:
            print("%s: %s" % (args.file, error))
        print("%s: %d error(s) as %s" % (args.file, len(errors), kind))
        sys.exit(1)
    print("%s: valid %s" % (args.file, kind))


if __name__ == "__main__":
    main()
