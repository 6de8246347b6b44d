#!/usr/bin/env python3
"""Writes N synthetic budget-performance reports for benchmarking auditlint.

Usage: python3 Benchmarks/make_corpus.py N OUTDIR [--seed S]

Every layout auditlint reads is represented, in fixed proportions:

  tab-cells  Word text extraction like seeds 000/001/003: 1-3 evaluation forms and a 基础数据表
  pdf-text   pdftotext layout like seed 002: narrative, 基础数据表 ledger lines, funding rows
  markdown   budget disclosure like seed 004: 科目编码 ledgers (类/款/项 and 经济科目) as TAB rows
  web-text   "cell |" lines, "||" row ends, like Examples/webtext
  docx       the Examples/office package with a generated word/document.xml (gridSpan/vMerge)
  xlsx       openpyxl workbook with merged ranges and 0.00% cells (make_variants.to_xlsx)
  json       auditlint-model/1 documents without forms (recognised afresh on input)
  seed       verbatim copies of the five real seeds, each with a numbered trailing paragraph

Synthetic reports take their structure, labels and indicator rows from seed 000 (via
Tests/CoreTests/Fixtures/make_variants.py) and draw every amount anew: totals are computed
from their items, 执行率 from 执行数/预算数, 得分 from 执行率, 总分 from its rows, ledger
parents from their children, so a clean report lints clean. About a third of the reports get
one defect on purpose (see DEFECTS); OUTDIR/manifest.tsv lists file, layout and defect.

The output is a function of N and the seed only. Real seeds keep their amounts: they are
copied so that the corpus also carries their size and real-world mess.
"""
import json
import os
import random
import shutil
import sys
import zipfile
from decimal import Decimal, ROUND_HALF_UP
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEEDS = os.path.join(ROOT, "Examples", "seeds")
DOCX_TEMPLATE = os.path.join(ROOT, "Examples", "office", "hunan-gxt-2024-overall.docx")
os.environ.setdefault("SEED000", os.path.join(SEEDS, "000_3870ed54750f2314.txt"))
sys.path.insert(0, os.path.join(ROOT, "Tests", "CoreTests", "Fixtures"))
import make_variants as mv  # noqa: E402  (needs SEED000 set first)

LAYOUTS = [("tab-cells", 25), ("pdf-text", 12), ("markdown", 12), ("web-text", 12),
           ("docx", 7), ("xlsx", 7), ("json", 10), ("seed", 15)]
DEFECTS = ["sum", "rate", "score", "note", "templated", "ledger"]
UNITS = ["湖南省工业和信息化厅", "长沙市工业和信息化局", "湖南省工业和信息化行业事务中心", "株洲市财政局",
         "湘潭市教育局", "衡阳市卫生健康委员会", "岳阳市交通运输局", "常德市农业农村局"]
INDICATOR_ROWS = mv.load()
C2 = Decimal("0.01")


def money(cents, sep=True):
    d = (Decimal(cents) / 100).quantize(C2)
    return f"{d:,.2f}" if sep else f"{d:.2f}"


def split(rng, total, parts):
    """`parts` non-negative cent amounts that add up to `total` exactly."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


def model(rng, defect):
    """A seed-000-shaped evaluation form with fresh, consistent amounts."""
    annual = rng.randint(100_000, 20_000_000)            # cents
    executed = annual - rng.randint(0, annual // 8)
    initial = annual - rng.randint(0, annual // 3)
    rate = (Decimal(executed) / Decimal(annual) * 100).quantize(C2, ROUND_HALF_UP)
    score = (rate / 10).quantize(C2, ROUND_HALF_UP)
    inc = split(rng, annual, 4)
    exp = split(rng, executed, 2)
    income = [["其中：一般公共预算：", money(inc[0])], ["政府性基金拨款：", money(inc[1])],
              ["纳入专户管理的非税收入拨款：", money(inc[2])], ["其他资金：", money(inc[3])]]
    if defect == "sum":
        income[3][1] = money(inc[3] + rng.choice([100, 1000, 12345]))
    rate_text = f"{rate}%"
    if defect == "rate":
        rate_text = f"{rate + 1}%"
    rows = []
    total_score = score
    for r in INDICATOR_ROWS:
        r = dict(r)
        w = Decimal(r["weight"])
        if rng.random() < 0.15 and w >= 1:
            s = w - Decimal(rng.choice(["0.5", "1"])) if w > 1 else Decimal("0.5")
            r["score"] = str(s)
            r["note"] = rng.choice(["受市场环境影响，部分企业投产延后，下一步加强调度。", "项目进度滞后，已督促整改。"])
        else:
            r["score"] = r["weight"]
            r["note"] = ""
        total_score += Decimal(r["score"])
        rows.append(r)
    if defect == "score":
        r = rng.choice([r for r in rows if r["note"] == ""])
        r["score"] = str(Decimal(r["weight"]) + 1)
        total_score += 1
    if defect == "note":
        below = [r for r in rows if r["note"]]
        if below:
            rng.choice(below)["note"] = ""
    if defect == "templated":
        rng.choice(rows)["actual"] = "/"
    year = rng.choice([2023, 2024])
    return dict(heading="附表2", title=f"{year}年度部门整体支出绩效评价表", unit=rng.choice(UNITS), year=year,
                funding=dict(initial=money(initial), annual=money(annual), executed=money(executed), weight="10",
                             rate=rate_text, score=f"{score}", income=[tuple(x) for x in income],
                             expense=[("其中：基本支出：", money(exp[0])), ("项目支出：", money(exp[1]))]),
                goal="（略）", achieved="（略）", rows=rows, total_weight="100", total_score=f"{total_score}",
                ledger=base_data(rng, defect == "ledger"))


def base_data(rng, defect):
    """The 经费控制情况 part of a 基础数据表: (label, [three amounts]) with parents = Σ children."""
    def amounts():
        return [rng.randint(0, 500_000) for _ in range(3)]
    car_buy, car_run, abroad, guests = amounts(), amounts(), amounts(), amounts()
    car = [a + b for a, b in zip(car_buy, car_run)]
    sangong = [a + b + c for a, b, c in zip(car, abroad, guests)]
    p1, p2 = amounts(), amounts()
    proj = [a + b for a, b in zip(p1, p2)]
    office, water, meeting = amounts(), amounts(), amounts()
    public = [a + b + c + rng.randint(0, 300_000) for a, b, c in zip(office, water, meeting)]  # 其中: Σ ≤ parent
    if defect:
        guests = [g + 10_000 for g in guests]               # 三公经费 no longer adds up
    return [("三公经费", sangong), ("1、公务用车购置和维护经费", car), ("其中：公车购置", car_buy),
            ("公车运行维护", car_run), ("2、出国经费", abroad), ("3、公务接待", guests),
            ("项目支出", proj), ("1、业务工作经费", p1), ("2、运行维护经费", p2),
            ("公用经费", public), ("其中：办公经费", office), ("水费、电费、差旅费", water), ("会议费、培训费", meeting)]


NARRATIVE = ["一、基本情况", "（一）部门职能：负责拟订本地区行业发展规划和政策措施，并组织实施。",
             "（二）机构设置：内设机构12个，下属事业单位3个。",
             "二、绩效目标完成情况分析", "全年预算执行情况良好，重点项目按计划推进，资金使用合规。",
             "三、存在的问题及原因分析", "部分项目前期论证不充分，资金拨付进度偏慢。",
             "四、下一步改进措施", "加强预算执行监控，完善绩效目标管理，强化结果应用。"]


def narrative(rng, n):
    return [rng.choice(NARRATIVE) for _ in range(n)]


# --- grid layouts (tab-cells, web-text, json) ------------------------------------------

def grid_rows(m):
    """The form's rows as Word would print them: one entry per cell, merged continuations empty."""
    f = mv.build(m)
    covered = set()   # (row, col) inside a horizontal merge but not its first column
    vcont = set()     # (row, col) continuing a vertical merge
    for r1, c1, r2, c2 in f.merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if c > c1:
                    covered.add((r, c))
                elif r > r1:
                    vcont.add((r, c))
    out = []
    for i, row in enumerate(f.rows[1:], start=1):   # row 0 is the title, printed as a paragraph
        cells = []
        for j, v in enumerate(row):
            if (i, j) in covered:
                continue
            cells.append("" if (i, j) in vcont else str(v))
        out.append(cells)
    return out


def ledger_title(m):
    return f"{m['year']}年度单位整体支出绩效评价基础数据表"


def ledger_rows(m, sep=True):
    # pdftotext splits "2023 年决算数" as the seed 002 PDF does; the header row needs that number.
    y = "" if sep else " "
    head = ["经费控制情况（万元）", f"{m['year'] - 1}{y}年决算数", f"{m['year']}{y}年预算数", f"{m['year']}{y}年决算数"]
    return [head] + [[label] + [money(a, sep) for a in v] for label, v in m["ledger"]]


def tab_cells(rng, m, forms):
    out = []
    for k in range(forms):
        fm = m if k == 0 else model(rng, None)
        out += [fm["heading"], fm["title"], ""]
        for cells in grid_rows(fm):
            for c in cells:
                lines = c.split("\n")
                out.append("\t" + lines[0])
                out += lines[1:]
            out.append("")
        out += narrative(rng, 3) + [""]
    out += [ledger_title(m), ""]
    for cells in ledger_rows(m):
        out += ["\t" + c for c in cells] + [""]
    out += narrative(rng, 4)
    return "\n".join(out) + "\n"


def web_text(rng, m):
    out = [m["heading"], m["title"]]
    for cells in grid_rows(m):
        out += [(c.replace("\n", "") + " |") if c else " |" for c in cells] + ["||"]
    out += [""] + narrative(rng, 3)
    return "\n".join(out) + "\n"


def json_model(m, path):
    rows = []
    for r, cells in enumerate(grid_rows(m), start=1):
        rows.append({"cells": [{"text": c, "location": {"file": path, "table": 1, "row": r, "cell": k}}
                               for k, c in enumerate(cells, start=1)],
                     "location": {"file": path, "table": 1, "row": r}})
    blocks = [{"paragraph": {"text": m["title"], "location": {"file": path, "paragraph": 1}}},
              {"table": {"index": 1, "rows": rows, "location": {"file": path, "table": 1}}}]
    doc = {"schema": "auditlint-model/1", "document": {"path": path, "format": "docx", "blocks": blocks}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


# --- PDF text and Markdown ------------------------------------------------------------

def pdf_text(rng, m):
    fu = m["funding"]
    n = lambda s: s.replace(",", "")
    inc, exp = fu["income"], fu["expense"]
    out = [f" {m['year']}年度{m['unit']}整体支出绩效自评报告", ""]
    for p in narrative(rng, 12):
        out += [p, ""]
    out += [ledger_title(m), "", "财政供养人员情况（人）", "编制数 2024 年实际在职人数 控制率", "", "66 55 83.33%", ""]
    for cells in ledger_rows(m, sep=False):
        out.append(" ".join(cells))
    # The tail of the 基础数据表 and the start of the 自评表 as seed 002 prints them: the
    # 楼堂馆所 and 厉行节约 lines end the ledger, and the title starts the next form.
    out += [f"政府采购金额 —— 0 0", f"部门基本支出预算调整 —— {n(fu['initial'])} {n(exp[0][1])}", "",
            "楼堂馆所控制情况", "", "（2024年完工项目）", "0 0 0 0 0 0", "厉行节约保障措施",
            "1.牢固树立全体干部职工勤俭节约意识；2.严格简约简朴各项会议、差旅、活动等的举办模式。", "",
            f"{m['year']}年度单位整体支出绩效自评表", f"省级预算部门、单位名称 {m['unit']}", "",
            "年初预算数 全年预算数 全年执行数 分值 执行率 得分", "",
            f"年度资金总额 {n(fu['initial'])} {n(fu['annual'])} {n(fu['executed'])} {fu['weight']} {fu['rate']} {fu['score']}",
            "按收入性质分： 按支出性质分：", ""]
    out.append(f"其中： 一般公共预算：{n(inc[0][1])} 其中：基本支出：{n(exp[0][1])}")
    out.append(f"政府性基金拨款：{n(inc[1][1])} 项目支出：{n(exp[1][1])}")
    out += ["", f"纳入专户管理的非税收入拨款：{n(inc[2][1])}", f"其他资金：{n(inc[3][1])}", ""]
    for p in narrative(rng, 6):
        out += [p, ""]
    return "\n".join(out) + "\n"


FUNCS = [("201", "一般公共服务支出"), ("208", "社会保障和就业支出"), ("215", "资源勘探工业信息等支出"), ("221", "住房保障支出")]
ECON = [("301", "工资福利支出", ["基本工资", "津贴补贴", "奖金", "绩效工资", "机关事业单位基本养老保险缴费"]),
        ("302", "商品和服务支出", ["办公费", "印刷费", "水费", "电费", "差旅费", "会议费"]),
        ("303", "对个人和家庭的补助", ["退休费", "生活补助"])]


def markdown(rng, m, defect):
    year = m["year"]
    out = [f"**{m['unit']}**", "", f"**{year} 年部门预算公开**", "", f"# 第一部分 {year} 年部门预算说明", ""]
    out += narrative(rng, 8) + ["", f"## {year}年一般公共预算支出表", "", f"部门名称：{m['unit']}", "", "单位：万元", ""]
    out += ["科目编码\t\t\t功能科目\t总 计\t基本支出\t项目支出", "类\t款\t项\t\t\t\t", "**\t**\t**\t**\t1\t2\t3"]
    body = []
    total = [0, 0]
    for code, name in rng.sample(FUNCS, 2):
        kuan = [(f"{rng.randint(1, 9):02d}", [(f"{x:02d}", f"项目{x}") for x in rng.sample(range(1, 99), rng.randint(2, 5))])]
        ctot = [0, 0]
        crow = len(body)
        body.append(None)
        for k, items in kuan:
            krow = len(body)
            body.append(None)
            ktot = [0, 0]
            for x, label in items:
                v = [rng.randint(0, 300_000), rng.randint(0, 300_000)]
                ktot = [a + b for a, b in zip(ktot, v)]
                body.append(f"{code}\t{k}\t{x}\t{label}\t{money(sum(v))}\t{money(v[0])}\t{money(v[1])}")
            body[krow] = f"\t{k}\t\t{name}款\t{money(sum(ktot))}\t{money(ktot[0])}\t{money(ktot[1])}"
            ctot = [a + b for a, b in zip(ctot, ktot)]
        body[crow] = f"{code}\t\t\t{name}\t{money(sum(ctot))}\t{money(ctot[0])}\t{money(ctot[1])}"
        total = [a + b for a, b in zip(total, ctot)]
    if defect:
        total[0] += 5_000
    out.append(f"\t\t\t合计\t{money(sum(total))}\t{money(total[0])}\t{money(total[1])}")
    out += body + ["", f"## {year}年一般公共预算基本支出表", "", "单位：万元", "",
                   "经济科目编码\t经济科目名称\t总计\t人员类\t公用经费", "**\t**\t1\t2\t3"]
    body = []
    total = [0, 0]
    for code, name, kids in ECON:
        head = len(body)
        body.append(None)
        sub = [0, 0]
        for i, label in enumerate(rng.sample(kids, min(len(kids), rng.randint(2, 5))), start=1):
            v = [rng.randint(0, 200_000), 0] if code != "302" else [0, rng.randint(0, 200_000)]
            sub = [a + b for a, b in zip(sub, v)]
            body.append(f"{code}{i:02d}\t{label}\t{money(sum(v))}\t{money(v[0]) if v[0] else ''}\t{money(v[1]) if v[1] else ''}")
        body[head] = f"{code}\t{name}\t{money(sum(sub))}\t{money(sub[0]) if sub[0] else ''}\t{money(sub[1]) if sub[1] else ''}"
        total = [a + b for a, b in zip(total, sub)]
    out.append(f"\t合计\t{money(sum(total))}\t{money(total[0])}\t{money(total[1])}")
    out += body + [""] + narrative(rng, 6)
    return "\n".join(out) + "\n"


# --- Office ---------------------------------------------------------------------------

def docx_document_xml(m):
    f = mv.build(m)
    starts = {}   # (row, col) -> (span, vmerge) for the first column of every merge
    inside = set()
    for r1, c1, r2, c2 in f.merges:
        for r in range(r1, r2 + 1):
            starts[(r, c1)] = (c2 - c1 + 1, None if r1 == r2 else ("restart" if r == r1 else "continue"))
            for c in range(c1 + 1, c2 + 1):
                inside.add((r, c))
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p = lambda t: "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(x)}</w:t></w:r></w:p>" for x in (t.split("\n") or [""]))
    body = [p(m["heading"])]
    rows = []
    for i, row in enumerate(f.rows):
        cells = []
        for j, v in enumerate(row):
            if (i, j) in inside:
                continue
            span, vm = starts.get((i, j), (1, None))
            pr = (f"<w:gridSpan w:val=\"{span}\"/>" if span > 1 else "") + (f"<w:vMerge w:val=\"{vm}\"/>" if vm == "restart" else "<w:vMerge/>" if vm else "")
            text = "" if vm == "continue" else str(v)
            cells.append(f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(text) if text else '<w:p/>'}</w:tc>")
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    grid = "<w:tblGrid>" + "<w:gridCol w:w=\"900\"/>" * mv.W + "</w:tblGrid>"
    body.append("<w:tbl><w:tblPr/>" + grid + "".join(rows) + "</w:tbl>")
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{"".join(body)}</w:body></w:document>'


_template = None


def write_docx(m, path):
    global _template
    if _template is None:
        with zipfile.ZipFile(DOCX_TEMPLATE) as z:
            _template = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in _template:
            z.writestr(info.filename, docx_document_xml(m) if info.filename == "word/document.xml" else data)


# --- main -----------------------------------------------------------------------------

def main():
    args = [a for a in sys.argv[1:]]
    seed = 1
    if "--seed" in args:
        k = args.index("--seed")
        seed = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    count, outdir = int(args[0]), args[1]
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(seed)
    seeds = sorted(os.listdir(SEEDS))
    weights = [w for _, w in LAYOUTS]
    manifest = ["file\tlayout\tdefect"]
    for i in range(count):
        layout = rng.choices([l for l, _ in LAYOUTS], weights)[0]
        # Only defects the layout carries: PDF text has no indicator table, Markdown only ledgers.
        applicable = {"markdown": ["ledger"], "pdf-text": ["sum", "rate", "ledger"], "tab-cells": DEFECTS}.get(layout, DEFECTS[:-1])
        defect = rng.choice(applicable) if layout != "seed" and rng.random() < 0.35 else ""
        sub = os.path.join(outdir, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        stem = os.path.join(sub, f"r{i:06d}")
        if layout == "seed":
            src = seeds[i % len(seeds)]
            path = f"{stem}-{src}"
            with open(os.path.join(SEEDS, src), encoding="utf-8") as f:
                text = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text + f"\n\n（基准测试副本 {i}）\n")
            defect = "(seed)"
        else:
            m = model(rng, defect)
            ext = {"docx": ".docx", "xlsx": ".xlsx", "json": ".json"}.get(layout, ".txt")
            path = stem + "-" + layout + ext
            if layout == "docx":
                write_docx(m, path)
            elif layout == "xlsx":
                mv.to_xlsx(m, path)
            else:
                text = {"tab-cells": lambda: tab_cells(rng, m, rng.randint(1, 3)),
                        "pdf-text": lambda: pdf_text(rng, m),
                        "markdown": lambda: markdown(rng, m, defect == "ledger"),
                        "web-text": lambda: web_text(rng, m),
                        "json": lambda: json_model(m, path)}[layout]()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
        manifest.append(f"{os.path.relpath(path, outdir)}\t{layout}\t{defect}")
    with open(os.path.join(outdir, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
