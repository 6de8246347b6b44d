#!/usr/bin/env python3
"""Writes the inputs of Benchmarks/text_scaling.sh: for each shape, a file of N units.

    python3 Benchmarks/make_text_scaling.py OUTDIR SEED000 N

Shapes (one unit each):
  tabs        64 TABs on one line (web-text trimmed trailing blanks quadratically)
  narrative   seed 000 followed, without a blank line, by one narrative line per unit
              (each line went onto the last TAB cell with +=, recompacting it)
  headings    one merged-cell heading group ("产出指标" + blank line) inside an indicator table
              (the look-ahead for the next TAB group rescanned every following group)
  paragraphs  one funding row printed one cell per paragraph (layout 1)
  sheet       one funding row of a sheet flattened onto one line (layout 4)
  webstream   one funding row of " |" cells without row ends (layout 2)
"""
import os, sys

out, seed, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out, exist_ok=True)
header = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
def row(i):
    return ["年度资金总额", f"{i}.00", f"{i}.00", f"{i}.00", "10", "100.00%", "10"]
def write(name, text):
    with open(os.path.join(out, f"{name}-{n}.txt"), "w", encoding="utf-8") as f:
        f.write(text)

write("tabs", "\t" * (64 * n))
filler = "本年度项目资金严格按照预算执行，资金使用规范，未发现挤占挪用情况，绩效目标基本完成。\n"
write("narrative", open(seed, encoding="utf-8").read() + filler * n)
ind = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
r = ["产出指标（50分）", "数量指标", "培训人数", "≥100人", "120人", "10", "10", "无"]
lines = ["项目支出绩效自评表", ""] + ["\t" + h for h in ind] + [""] + ["\t" + x for x in r] + [""]
lines += ["产出指标", ""] * n + ["\t" + x for x in r] + [""]
write("headings", "\n".join(lines))
cells = header + [c for i in range(n) for c in row(i)]
write("paragraphs", "\n\n".join(cells) + "\n")
write("sheet", " ".join(cells) + "\n")
write("webstream", "\n".join(c + " |" for c in cells) + "\n")
