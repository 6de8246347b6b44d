#!/usr/bin/env python3
"""Writes one 一般公共预算支出功能分类 table per notation real budget disclosures use, for
LedgerVariantTests (which injects one wrong amount into each): codes split over 类/款/项 columns,
the seven-digit code in one column, the code and the name in one cell, bracketed class codes, and
amounts in 元 with a `单位：元` line. Run it to regenerate the files beside it; they are committed."""
import os

here = os.path.dirname(os.path.abspath(__file__))
# (code parts, name, 合计, 基本支出, 项目支出) in 万元.
ITEMS = [
    (('201',), '一般公共服务支出', '1,320.50', '820.50', '500.00'),
    (('201', '03'), '政府办公厅（室）及相关机构事务', '1,320.50', '820.50', '500.00'),
    (('201', '03', '01'), '行政运行', '820.50', '820.50', ''),
    (('201', '03', '02'), '一般行政管理事务', '500.00', '', '500.00'),
    (('208',), '社会保障和就业支出', '96.34', '96.34', ''),
    (('208', '05'), '行政事业单位养老支出', '96.34', '96.34', ''),
    (('208', '05', '05'), '机关事业单位基本养老保险缴费支出', '64.22', '64.22', ''),
    (('208', '05', '06'), '机关事业单位职业年金缴费支出', '32.12', '32.12', ''),
]
TOTAL = ('1,416.84', '916.84', '500.00')
TITLE = '2025年部门一般公共预算支出功能分类预算表'


def yuan(a):
    if not a:
        return a
    return '{:,.2f}'.format(float(a.replace(',', '')) * 10000)


def write(name, lines):
    with open(os.path.join(here, name), 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')


# 类/款/项 in three columns under a stacked header, Markdown pipes.
lines = [TITLE, '单位：万元', '| 科目编码 | | | 科目名称 | 合计 | 基本支出 | 项目支出 |', '| 类 | 款 | 项 | | | | |']
for code, name, *amounts in ITEMS:
    parts = list(code) + [''] * (3 - len(code))
    lines.append('| ' + ' | '.join(parts + [name] + amounts) + ' |')
lines.append('| 合计 | | | | ' + ' | '.join(TOTAL) + ' |')
write('split-codes.md', lines)

# The whole code in one column (2010301), TAB rows, amounts in 元.
lines = [TITLE, '单位：元', '\t'.join(['功能分类科目编码', '功能分类科目名称', '合计', '基本支出', '项目支出'])]
for code, name, *amounts in ITEMS:
    lines.append('\t'.join([''.join(code), name] + [yuan(a) for a in amounts]))
lines.append('\t'.join(['合计', ''] + [yuan(a) for a in TOTAL]))
write('joined-codes-yuan.tsv.txt', lines)

# Code and name in one cell ("201 03 01 行政运行"), total above the items.
lines = [TITLE, '单位：万元', '| 项目 | 合计 | 基本支出 | 项目支出 |', '| 合计 | ' + ' | '.join(TOTAL) + ' |']
for code, name, *amounts in ITEMS:
    lines.append('| ' + ' '.join(code) + ' ' + name + ' | ' + ' | '.join(amounts) + ' |')
write('code-in-name.md', lines)
