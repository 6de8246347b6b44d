#!/usr/bin/env python3
"""Writes one clean 绩效自评表 per template variant, each in a layout real documents come in, for
CardVariantTests (which injects one defect per form check into each). The content is seed 000's and
002's kind of form; the header words are other templates' (财预〔2020〕10号 national template, and the
synonyms provinces use). Run it to regenerate the .txt/.md files beside it; they are committed."""
import os

here = os.path.dirname(os.path.abspath(__file__))

# Each variant: title lines, funding rows, indicator header, indicator rows, total row, layout.
VARIANTS = {
    # The national template: full pipes with a separator row, 年度总体目标 block between the
    # funding block and the indicators, a leading 绩效指标 cell over the indicator columns.
    'national-markdown.md': dict(
        layout='markdown',
        title=['2024年度项目支出绩效自评表', '（2024年度）'],
        rows=[
            ['项目名称', '社区居家养老服务补助', '', '', '', '', '', '', ''],
            ['主管部门', '某某区民政局', '', '', '实施单位', '某某区民政局', '', '', ''],
            ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', ''],
            ['', '年度资金总额', '200.00', '240.00', '228.00', '10', '95.00%', '9.5', ''],
            ['', '其中：当年财政拨款', '180.00', '210.00', '200.00', '—', '—', '—', ''],
            ['', '上年结转资金', '20.00', '30.00', '28.00', '—', '—', '—', ''],
            ['', '其他资金', '0.00', '0.00', '0.00', '—', '—', '—', ''],
            ['年度总体目标', '预期目标', '', '', '', '实际完成情况', '', '', ''],
            ['', '为辖区老年人提供助餐、助洁和上门照护服务，全年服务不少于5000人次。', '', '', '', '全年服务老年人5200人次，助餐点运营正常。', '', '', ''],
            ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
            ['', '产出指标', '数量指标', '服务老年人人次', '≥5000人次', '5200人次', '20', '20', ''],
            ['', '', '质量指标', '服务对象投诉处理率', '100%', '100%', '15', '15', ''],
            ['', '', '时效指标', '补助资金按时拨付率', '≥95%', '98%', '15', '15', ''],
            ['', '效益指标', '社会效益指标', '老年人生活便利程度', '明显提升', '助餐覆盖12个社区，等待时间缩短一半', '30', '30', ''],
            ['', '满意度指标', '服务对象满意度指标', '老年人满意度', '≥90%', '93%', '10', '10', ''],
            ['总分', '', '', '', '', '', '100', '99.5', ''],
        ]),
    # Another province's words, one row a line with TABs between cells (an Excel sheet saved as
    # text), the 一级指标 weight in its own column and 权重 for the indicators' weight.
    'weight-column.tsv.txt': dict(
        layout='tsv',
        title=['2024年度部门整体支出绩效自评表'],
        rows=[
            ['部门名称', '某某县农业农村局'],
            ['资金情况（万元）', '', '年初预算数', '调整后预算数', '预算执行数', '分值', '执行率', '得分'],
            ['', '资金总额', '1,250.00', '1,300.00', '1,170.00', '10', '90.00%', '9'],
            ['', '其中：财政拨款', '1,000.00', '1,050.00', '960.00', '', '', ''],
            ['', '上年结转', '250.00', '250.00', '210.00', '', '', ''],
            ['', '其他资金', '0.00', '0.00', '0.00', '', '', ''],
            ['一级指标', '分值', '二级指标', '三级指标', '目标值', '完成值', '权重', '得分', '偏差原因'],
            ['产出指标', '50', '数量指标', '高标准农田建设面积', '≥2万亩', '2.1万亩', '20', '20', ''],
            ['', '', '质量指标', '工程验收合格率', '100%', '100%', '15', '15', ''],
            ['', '', '时效指标', '项目按期完工率', '≥90%', '95%', '15', '15', ''],
            ['效益指标', '30', '经济效益指标', '亩均粮食增产', '≥50公斤', '62公斤', '30', '30', ''],
            ['满意度指标', '10', '服务对象满意度指标', '农户满意度', '≥90%', '94%', '10', '10', ''],
            ['总分', '100', '', '', '', '', '', '99', ''],
        ]),
    # Web-page text whose table lost its row ends: every cell a line ending in " |".
    'web-cells.txt': dict(
        layout='web-cells',
        title=['项目支出绩效自评表', '（2023年度）'],
        rows=[
            ['项目名称', '中小学校舍维修改造'],
            ['项目资金（万元）', '', '年初预算数', '全年预算数', '实际支出', '权重', '执行率', '得分'],
            ['', '项目资金合计', '500.00', '520.00', '520.00', '10', '100.00%', '10'],
            ['', '其中：本年财政拨款', '450.00', '470.00', '470.00', '', '', ''],
            ['', '上年结转', '50.00', '50.00', '50.00', '', '', ''],
            ['', '其他来源', '0.00', '0.00', '0.00', '', '', ''],
            ['一级指标', '二级指标', '三级指标', '预期指标值', '实际完成情况', '权重', '得分', '原因分析及改进措施'],
            ['产出指标（50分）', '数量指标', '维修改造校舍面积', '≥8000平方米', '8200平方米', '20', '20', ''],
            ['', '质量指标', '工程质量验收合格率', '100%', '100%', '15', '15', ''],
            ['', '时效指标', '暑期完工率', '≥95%', '100%', '15', '15', ''],
            ['效益指标（30分）', '社会效益指标', '校舍安全隐患消除率', '100%', '100%', '30', '30', ''],
            ['满意度指标（10分）', '服务对象满意度指标', '师生满意度', '≥90%', '95%', '10', '10', ''],
            ['总分', '', '', '', '', '100', '100', ''],
        ]),
    # A template that prints the target in three cells (指标性质 | 指标值 | 度量单位), 权重/完成值/
    # 未完成原因分析, four sources with their own 执行率, a caption over the label column that is a
    # column word itself (年度预算数(万元)), saved as web-page text whose cells end in " |" (a lone
    # "|" for an empty cell) and whose 一级指标 cells span rows (printed once).
    'split-target-web-cells.txt': dict(
        layout='web-cells',
        title=[],
        rows=[
            ['部门预算项目支出绩效自评表(2024年度)'],
            ['项目名称', '某某县乡村道路养护经费'],
            ['主管部门', '某某县交通运输局'],
            ['实施单位 (盖章)', '某某县公路养护中心'],
            ['预算执行情况(10分)', '年度预算数(万元)', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'],
            ['总额', '300.00', '320.00', '304.00', '95.00%', '10', '9.5', ''],
            ['1.预算执行率=预算执行数/调整后预算数,预算执行率未达到90%的需说明原因;2.其他资金包括:社会投入资金、银行贷款.'],
            ['其中:财政资金', '280.00', '300.00', '285.00', '95.00%', '/', '/'],
            ['财政专户管理资金', '0.00', '0.00', '0.00', '0.00%', '/', '/'],
            ['单位资金', '20.00', '20.00', '19.00', '95.00%', '/', '/'],
            ['其他资金', '', '', '', '', '/', '/'],
            ['绩效指标(90分)', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'],
            ['产出指标', '数量指标', '养护农村公路里程', '≥', '120', '公里', '125', '30', '30', ''],
            ['质量指标', '路面优良率', '≥', '85', '%', '80', '20', '16', '部分路段雨季损毁，已列入下年度计划'],
            ['效益指标', '社会效益指标', '群众出行条件', '定性', '明显改善', '', '沿线行政村通行时间平均缩短15分钟', '20', '20', ''],
            ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥', '90', '%', '93', '20', '20', ''],
            ['合计', '100', '95.5', ''],
            ['评价结论', '项目按计划完成，路面优良率未达目标，已制定整改措施。'],
        ]),
    # The same template published unscored (完成值 and 得分 left empty), as web-page cells: the
    # rows keep only their 分值, so nothing can be summed or compared, and nothing is reported.
    'unscored-web-cells.txt': dict(
        layout='web-cells',
        title=[],
        rows=[
            ['部门预算项目支出绩效自评表(2023年度)'],
            ['项目名称', '某某县工资性支出'],
            ['预算执行情况(10分)', '年度预算数(万元)', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分', '原因'],
            ['总额', '238.93', '251.89', '251.89', '100.00%', '10', ''],
            ['其中:财政资金', '238.93', '251.89', '251.89', '100.00%', '/', '/'],
            ['财政专户管理资金', '0.00', '0.00', '0.00', '0.00%', '/', '/'],
            ['单位资金', '0.00', '0.00', '0.00', '0.00%', '/', '/'],
            ['其他资金', '', '', '', '', '/', '/'],
            ['绩效指标(90分)', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '完成值', '权重', '得分', '未完成原因分析'],
            ['产出指标', '数量指标', '发放(缴纳)覆盖率', '=', '100', '%', '', '60', '', ''],
            ['效益指标', '社会效益指标', '足额保障率(参保率)', '=', '100', '%', '', '30', '', ''],
            ['合计', '100', '', ''],
        ]),
}


# The national form as web-page text keeps it after a rowspan was lost: the 绩效指标（90分） cell that
# spans the indicator rows stands only in their header row, so every indicator row is one cell short
# (shifted left against its header), and there is no Markdown separator row.
national = VARIANTS['national-markdown.md']
lost = []
for r in national['rows']:
    if r[0] == '绩效指标':
        r = ['绩效指标（90分）'] + r[1:]
    elif r[0] == '' and r[1] in ('产出指标', '效益指标', '满意度指标', ''):
        if r[2].endswith('指标'):
            r = r[1:]
    lost.append(r)
VARIANTS['rowspan-lost.md'] = dict(layout='pipes', title=national['title'], rows=lost)


def render(layout, title, rows):
    out = list(title)
    if layout == 'markdown':
        width = max(len(r) for r in rows)
        for i, r in enumerate(rows):
            r = r + [''] * (width - len(r))
            out.append('| ' + ' | '.join(r) + ' |')
            if i == 0:
                out.append('|' + '---|' * width)
    elif layout == 'pipes':
        out += ['| ' + ' | '.join(r) + ' |' for r in rows]
    elif layout == 'tsv':
        out += ['\t'.join(r).rstrip('\t') for r in rows]
    elif layout == 'web-cells':
        for r in rows:
            cells = list(r)
            while cells and cells[-1] == '':
                cells.pop()
            out += [c + ' |' if c else '|' for c in cells]
    return '\n'.join(out) + '\n'


for name, v in VARIANTS.items():
    with open(os.path.join(here, name), 'w', encoding='utf-8') as f:
        f.write(render(v['layout'], v['title'], v['rows']))
