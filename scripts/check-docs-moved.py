#!/usr/bin/env python3
"""Check that what an old README said survives in the README and the guide.

The README became a front page and the guide (docs/) took the rest: every
command, every line of a code block (commands, their output, file formats),
every table row and every sentence of the old README must still be found in
README.md or docs/**/*.md, words and figures the same (spacing, line breaks,
link targets and Markdown marks aside).

    python3 scripts/check-docs-moved.py OLD_README.md

    git show 550c404:README.md > /tmp/old.md && python3 scripts/check-docs-moved.py /tmp/old.md

For a branch that added a paragraph to the old README: run it on that
branch's README to list what is still to port into the guide. Prints each
unit not found, with its line in the old README, then a count; exit 1 when
any is missing.
"""

import glob
import os
import re
import sys


def normalise(s):
    s = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", s)  # pictures: their text
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)  # links: their text
    s = s.replace("**", "").replace("`", "")
    s = re.sub(r"^#+\s*", "", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip()


def units(text):
    """(line, kind, text) for every code line, table row and sentence."""
    out = []
    lines = text.split("\n")
    code = False
    para, para_line = [], 0

    def flush():
        nonlocal para
        if para:
            joined = normalise(" ".join(para))
            # Sentences: split after . ! ? or : followed by a capital or a
            # quote, keeping each piece long enough to mean something.
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"(*])", joined):
                if len(s) > 12:
                    out.append((para_line, "sentence", s))
        para = []

    for i, l in enumerate(lines, 1):
        if l.strip().startswith("```"):
            flush()
            code = not code
            continue
        if code:
            t = l.strip()
            if t:
                # A command continued over lines is joined in a console
                # block ("> "): compare without the continuation marks.
                t = t.rstrip("\\").strip()
                out.append((i, "code", re.sub(r"\s+", " ", t)))
            continue
        if l.strip().startswith("|"):
            flush()
            if not re.match(r"^\|[\s\-|:]+\|$", l.strip()):
                out.append((i, "row", normalise(l)))
            continue
        if not l.strip():
            flush()
            continue
        if l.startswith("#"):
            flush()
            out.append((i, "heading", normalise(l)))
            continue
        if not para:
            para_line = i
        # A list item starts a paragraph of its own.
        if re.match(r"^\s*([-*]|\d+\.)\s", l):
            flush()
            para_line = i
            l = re.sub(r"^\s*([-*]|\d+\.)\s", "", l)
        para.append(l)
    flush()
    return out


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    old = open(sys.argv[1], encoding="utf-8").read()
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    new_files = [os.path.join(root, "README.md")] + sorted(
        glob.glob(os.path.join(root, "docs", "**", "*.md"), recursive=True)
    )
    new_text = ""
    for f in new_files:
        t = open(f, encoding="utf-8").read()
        # A console block's continuation lines ("> --flag") and the exit
        # code lines are the old commands' "\" lines and nothing more.
        t = re.sub(r"\n> ", " ", t)
        new_text += "\n" + t
    flat = normalise(new_text)
    code_lines = set(re.sub(r"\s+", " ", l.strip()) for l in new_text.split("\n"))
    missing = []
    for line, kind, u in units(old):
        if kind == "code":
            if u in code_lines or u in flat:
                continue
        elif u in flat:
            continue
        missing.append((line, kind, u))
    for line, kind, u in missing:
        print(f"{sys.argv[1]}:{line}: {kind}: {u}")
    total = len(units(old))
    print(f"{total - len(missing)} of {total} found, {len(missing)} missing")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
