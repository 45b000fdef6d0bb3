#!/usr/bin/env python3
"""Figures of the Cobertura corpus, computed without trackgen (Python standard library only).

    python3 scripts/corpus-figures.py [CORPUS_DIR]    (default: tests/fixtures/coverage/corpus)

Prints one JSON object: for each .xml file under CORPUS_DIR (forward-slash path relative to it,
sorted), {modules, statements, missed, branches, coveredBranches, partialBranches}, by the rules
of docs/coverage.md ("How the figures are computed"), read from the lines, never from the
summary attributes:

- modules: distinct file names (backslashes read as slashes, without a leading "./").
- statements: distinct (file, line number) pairs. A class's own <lines> count; a class with
  none takes its methods' lines; never both. A line is covered if any copy has hits > 0.
- branches / coveredBranches: the sums of m and n of the "(n/m)" in condition-coverage, on
  lines whose branch attribute is not "false" (any case); where one (file, line) appears more
  than once, the copy with the most exits taken counts.
- partialBranches: m - n summed over the branch lines that ran (hits > 0).
- Branch figures are null when no line has "(n/m)" and the root does not declare branch mode
  (branch-rate > 0 with branches-valid 0 or absent); declared without lines, they are 0.

tests/coverage/corpus-script.test.ts checks that this output equals the figures committed in
tests/fixtures/coverage/corpus-figures.json, which tests/coverage/corpus.test.ts expects of
trackgen.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

CONDITION = re.compile(r"\((\d+)/(\d+)\)")


def number(text, default=0.0):
    """A numeric attribute: NaN, empty and placeholder values read as the default."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        return default
    return default if value != value else value


def module_name(filename):
    name = filename.replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    return name


def class_lines(cls):
    own = cls.findall("./lines/line")
    return own if own else cls.findall("./methods/method/lines/line")


def figures(path):
    root = ET.parse(path).getroot()
    hits = {}  # (file, line) -> covered
    conditions = {}  # (file, line) -> (taken, exits), the best copy
    modules = set()
    for cls in root.iter("class"):
        name = module_name(cls.get("filename", ""))
        modules.add(name)
        for line in class_lines(cls):
            key = (name, int(number(line.get("number"))))
            hits[key] = hits.get(key, False) or number(line.get("hits")) > 0
            match = CONDITION.search(line.get("condition-coverage", ""))
            if match and line.get("branch", "").lower() != "false":
                taken, exits = int(match.group(1)), int(match.group(2))
                if key not in conditions or taken > conditions[key][0]:
                    conditions[key] = (taken, exits)

    declared = number(root.get("branch-rate")) > 0 and number(root.get("branches-valid")) == 0
    has_branch_data = bool(conditions) or declared
    branches = sum(exits for _, exits in conditions.values())
    covered = sum(taken for taken, _ in conditions.values())
    partial = sum(exits - taken for key, (taken, exits) in conditions.items() if hits[key])
    return {
        "modules": len(modules),
        "statements": len(hits),
        "missed": sum(1 for ran in hits.values() if not ran),
        "branches": branches if has_branch_data else None,
        "coveredBranches": covered if has_branch_data else None,
        "partialBranches": partial if has_branch_data else None,
    }


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/coverage/corpus"
    files = sorted(
        os.path.relpath(os.path.join(folder, name), corpus).replace(os.sep, "/")
        for folder, _, names in os.walk(corpus)
        for name in names
        if name.endswith(".xml")
    )
    result = {file: figures(os.path.join(corpus, file)) for file in files}
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
