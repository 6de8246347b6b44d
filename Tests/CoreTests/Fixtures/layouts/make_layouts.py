#!/usr/bin/env python3
"""Writes part of seed 000's form (funding block and 产出/满意度 indicator rows) in every text
layout auditlint reads, plus a copy of each with one injected defect.

    python3 Tests/CoreTests/Fixtures/layouts/make_layouts.py [SEED_000]

The form is read from the seed's Word-text layout (TAB cells, blank line ends a row) and
its non-empty cells are kept, whitespace removed (layout 4 separates cells by spaces).
form.tab.txt prints the same rows in the TAB layout; the tests compare every layout's
rows with it. manifest.json names, per file, the line of the defect (score 3 -> 4 of
新增百亿企业数量, weight 3: score-exceeds-weight).
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SEED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "Examples", "seeds", "000_3870ed54750f2314.txt")


def tab_rows(text):
    """Rows of (line, [cells]) of the Word-text layout; a cell is its TAB line plus continuations."""
    rows, cells, start = [], [], None
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip() == "" and not line.startswith("\t"):
            if cells:
                rows.append((start, cells))
            cells, start = [], None
            continue
        if line.startswith("\t"):
            cells.append(line[1:])
            start = start or n
        elif cells:
            cells[-1] += line
        else:
            # A merged cell's text printed without its TAB at the start of the row.
            cells.append(line)
            start = start or n
    if cells:
        rows.append((start, cells))
    return rows


def compact(s):
    return re.sub(r"\s+", "", s)


def form_rows():
    rows = [[compact(c) for c in cells if compact(c)] for _, cells in tab_rows(open(SEED, encoding="utf-8").read())]
    def find(first):
        return next(i for i, r in enumerate(rows) if r and r[0] == first)
    out = []
    header = rows[next(i for i, r in enumerate(rows) if "年初预算数" in r)]
    out.append([c for c in header if c not in ("年度预算申请（万元）",)])
    out.append(rows[next(i for i, r in enumerate(rows) if "年度资金总额" in r)])
    ind = rows[next(i for i, r in enumerate(rows) if "三级指标" in r)]
    out.append([c for c in ind if c != "绩效目标"])
    first = find("数量指标")
    body = [r for r in rows[first:first + 12] if len(r) >= 5]
    body[0] = ["产出指标（50分）"] + body[0]
    out += body
    sat = next(i for i, r in enumerate(rows) if r and r[0] == "满意度指标（10分）")
    out += [r for r in rows[sat:sat + 3] if len(r) >= 5]
    out.append(rows[find("总分")])
    return out


def defect(rows):
    rows = [list(r) for r in rows]
    for r in rows:
        if r and r[0] == "新增百亿企业数量":
            assert r[-2:] == ["3", "3"], r
            r[-1] = "4"
            return rows
    raise SystemExit("defect row not found")


def with_empty_notes(rows):
    """The rows as Word prints them: an indicator row without a note keeps its empty 偏差原因 cell."""
    out, indicators = [], False
    for r in rows:
        if "三级指标" in r:
            indicators = True
        elif indicators and r[0] != "总分" and re.fullmatch(r"[\d.]+", r[-1]):
            r = r + [""]
        out.append(r)
    return out


def write(name, lines, marker):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return next((i + 1 for i, l in enumerate(lines) if marker(l)), None)


def tab_layout(rows):
    out = ["2024年度部门整体支出绩效评价表", ""]
    for r in with_empty_notes(rows):
        out += ["\t" + c for c in r] + [""]
    return out


def cell_paragraphs(rows):
    """Layout 1: one cell per paragraph, a blank line between cells."""
    out = ["2024年度部门整体支出绩效评价表", ""]
    for r in rows:
        for c in r:
            out += [c, ""]
    return out


def web_cells_no_row_ends(rows):
    """Layout 2: every cell a line ending in " |", a lone "|" for an empty cell, no "||"."""
    out = ["2024年度部门整体支出绩效评价表", ""]
    for r in with_empty_notes(rows):
        # An empty cell is a lone pipe.
        out += [(c + " |") if c else "|" for c in r]
    return out


def pipes_no_leading(rows):
    """Layout 3: a row per line, cells followed by " |", the row by "||"."""
    out = ["2024年度部门整体支出绩效评价表", ""]
    for r in with_empty_notes(rows):
        out.append(" | ".join(r) + " |||")
    return out


def sheet_on_one_line(rows):
    """Layout 4: the whole sheet on one line, cells separated by single spaces."""
    return ["2024年度部门整体支出绩效评价表", "", " ".join(c for r in rows for c in r)]


def pipes_wrapped(rows):
    """Layout 5: prose, the funding block as plain PDF-text lines, the indicators as Markdown
    pipe rows whose long 三级指标 cells wrap onto the next line."""
    out = ["2024年度部门整体支出绩效评价表", "",
           "本表由网页转换，资金情况以文字行列出，", "指标以表格列出。", ""]
    out += [" ".join(rows[0]), " ".join(rows[1]), ""]
    for r in with_empty_notes(rows)[2:]:
        cells = list(r)
        line = "| " + " | ".join(cells) + " |"
        long = next((c for c in cells if len(c) > 12 and not c.startswith("产出")), None)
        if long:
            cut = line.index(long) + 7
            out += [line[:cut], line[cut:]]
        else:
            out.append(line)
    return out


def mixed(rows):
    """Pipe rows, wrapped prose and TAB cells in one file."""
    out = ["2024年度部门整体支出绩效评价表", "",
           "一、部门基本情况：本部门负责全省工业和信息化工作，", "年度预算执行总体平稳。", ""]
    for r in rows[:2]:
        out += ["\t" + c for c in r] + [""]
    out += ["二、绩效指标完成情况如下表，", "各项指标基本完成。", ""]
    for r in with_empty_notes(rows)[2:]:
        out.append("| " + " | ".join(r) + " |")
    out += ["", "三、下一步工作：继续加强预算管理，", "提高资金使用效益。"]
    return out


LAYOUTS = {
    "l1-cell-paragraphs": cell_paragraphs,
    "l2-web-cells-no-row-ends": web_cells_no_row_ends,
    "l3-pipes-no-leading": pipes_no_leading,
    "l4-sheet-one-line": sheet_on_one_line,
    "l5-pipes-wrapped": pipes_wrapped,
}


def main():
    rows = form_rows()
    bad = defect(rows)
    manifest = {}
    write("form.tab.txt", tab_layout(rows), lambda l: False)
    manifest["form.tab-defect.txt"] = write("form.tab-defect.txt", tab_layout(bad), lambda l: False)
    for name, fn in LAYOUTS.items():
        write(name + ".txt", fn(rows), lambda l: False)
        manifest[name + "-defect.txt"] = None
        write(name + "-defect.txt", fn(bad), lambda l: False)
    write("mixed.txt", mixed(rows), lambda l: False)
    # The defect's line: where the changed score "4" is printed after its row's name.
    for name in list(manifest):
        lines = open(os.path.join(HERE, name), encoding="utf-8").read().split("\n")
        start = next(i for i, l in enumerate(lines) if "新增百亿企业数量" in l)
        hit = next(i for i in range(start, len(lines)) if re.search(r"(^|[\s|])4(\s|\||$)", lines[i]))
        manifest[name] = hit + 1
    with open(os.path.join(HERE, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"rows": rows, "defectLine": manifest}, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
