#!/usr/bin/env python3
"""Makes the web-text fixture 000-webtext.txt from seed 000.

Seed 000 is Word-extracted text (one TAB-led line per cell, a blank line ends
a row). A published web page of the same form, saved as text, prints each cell
as "text |" and ends each row with "||". This script re-prints the title, the
funding block and the indicator table of seed 000 in that layout, row by row and
cell by cell, so linting both must give the same findings. The 年度总体目标
narrative rows (seed lines 62-110) are left out: they carry no numbers.

Rows are grouped as the TAB-cell reader groups them: leading lines without a TAB
are a merged cell's text, lines without a TAB after a cell continue it, and
groups without any TAB inside the table are merged-cell rows of their own.
Cell text is trimmed and its line breaks dropped, as a browser shows a cell.

Usage: python3 make_webtext.py [seed] [output]
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "seeds", "000_3870ed54750f2314.txt")
OUT = os.path.join(HERE, "000-webtext.txt")
SKIP = range(62, 111)  # 1-based seed lines of the 年度总体目标 narrative


def groups(lines):
    """Blank-line separated groups of (line number, text); TAB-only lines are cells."""
    current = []
    for n, line in enumerate(lines, 1):
        # Skipped lines end a group like a blank line, so no row spans the gap.
        if n in SKIP or (line.strip() == "" and not line.startswith("\t")):
            if current:
                yield current
                current = []
        else:
            current.append((n, line))
    if current:
        yield current


def cell_text(parts):
    return "".join(p.strip() for p in parts)


def rows(lines):
    for g in groups(lines):
        if any(t.startswith("\t") for _, t in g):
            cells = []
            leading = []
            for _, t in g:
                if t.startswith("\t"):
                    cells.append([t[1:]])
                elif cells:
                    cells[-1].append(t)
                else:
                    leading.append(t)
            if g[0][0] == 1:
                # 附表2 and the form title come before the table: paragraphs.
                yield from ((None, t.strip()) for t in leading)
                leading = []
            out = ([cell_text(leading)] if leading else []) + [cell_text(c) for c in cells]
            yield g[0][0], out
        else:
            yield g[0][0], [cell_text(t for _, t in g)]


def main():
    seed = sys.argv[1] if len(sys.argv) > 1 else SEED
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    with open(seed, encoding="utf-8") as f:
        lines = f.read().split("\n")
    result = []
    for n, cells in rows(lines):
        if n is None:
            result.append(cells)
            continue
        for c in cells:
            result.append(f"{c} |" if c else " |")
        result.append("||")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(result) + "\n")


if __name__ == "__main__":
    main()
