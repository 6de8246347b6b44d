"""Copy of /work/shared/fixtures/make_office_fixtures.py that writes the one-defect variants
used by the reader and lint tests: hunan-gxt-2024-overall-<defect>.docx/.xlsx with defect in
sum, rate, score, note, templated (see VARIANTS at the bottom).
Usage: python3 make_variants.py OUTDIR   (SEED000=path/to/000_*.txt to override the seed)

Original description: makes real Word (.docx) and Excel (.xlsx) versions of the seed-000 evaluation form,
laid out like the published template (merged cells: gridSpan / vMerge in Word, merged
ranges in Excel; numbers typed as numbers and 95.91% as a percent-formatted 0.9591).
Needs: pip install python-docx openpyxl.   Usage: python3 make_office_fixtures.py OUTDIR
To make a variant with a defect, edit the rows of seed000() before writing."""

import re
import os
SRC = os.environ.get('SEED000', '/work/shared/seeds/000_3870ed54750f2314.txt')
L2 = {'数量指标','质量指标','时效指标','成本指标','经济效益指标','社会效益指标','生态效益指标','可持续影响指标','服务对象满意度指标'}
def load():
    lines=[l.strip() for l in open(SRC,encoding='utf-8') if l.strip()]
    i=lines.index('偏差原因分析及改进措施')
    num=re.compile(r'^\d+(\.\d+)?$')
    l1=None; l2=None; rows=[]; buf=[]
    j=i+1
    while j < len(lines):
        l=lines[j]
        if l=='总分': break
        m=re.match(r'^(产出指标|效益指标|满意度指标)（(\d+)分）$',l)
        if m: l1=l; j+=1; continue
        if l in ('绩效','目标'): j+=1; continue
        if l in L2: l2=l; j+=1; continue
        if num.match(l) and j+1<len(lines) and num.match(lines[j+1]) and len(buf)>=3:
            name,target,actual=buf[-3:]
            # anything before is a note of the previous row
            if len(buf)>3 and rows: rows[-1]['note']='\n'.join(buf[:-3])
            rows.append(dict(l1=l1,l2=l2,name=name,target=target,actual=actual,weight=l,score=lines[j+1],note=''))
            buf=[]; j+=2; continue
        buf.append(l); j+=1
    if buf and rows: rows[-1]['note']='\n'.join(buf)
    return rows

import docx, openpyxl
from docx.shared import Pt
from openpyxl.styles import Alignment

W = 10  # logical columns

class Form:
    def __init__(self): self.rows=[]; self.merges=[]
    def row(self, cells):
        """cells: list of (text, span). Returns row index."""
        r=[]; c=0
        i=len(self.rows)
        for text,span in cells:
            r.append(text); r += ['']*(span-1)
            if span>1: self.merges.append((i,c,i,c+span-1))
            c+=span
        assert c==W, (c,cells)
        self.rows.append(r); return i
    def vmerge(self, r1, r2, c):
        if r2>r1: self.merges.append((r1,c,r2,c))

def build(m):
    f=Form()
    f.row([(m['title'],W)])
    f.row([('预算部门、单位名称',2),(m['unit'],8)])
    a=f.row([('年度预算申请（万元）',2),('',1),('年初预算数',1),('全年预算数',1),('全年执行数',1),('分值',1),('执行率',1),('得分',2)])
    fu=m['funding']
    f.row([('',2),('年度资金总额',1),(fu['initial'],1),(fu['annual'],1),(fu['executed'],1),(fu['weight'],1),(fu['rate'],1),(fu['score'],2)])
    f.row([('',2),('按收入性质分：',4),('按支出性质分：',4)])
    inc=fu['income']; exp=fu['expense']
    for i in range(max(len(inc),len(exp))):
        x=inc[i] if i<len(inc) else ('','')
        y=exp[i] if i<len(exp) else ('','')
        last=f.row([('',2),(x[0],2),(x[1],2),(y[0],2),(y[1],2)])
    f.vmerge(a,last,0)
    g=f.row([('年度总体目标',2),('预期目标',4),('实际完成情况',4)])
    f.row([('',2),(m['goal'],4),(m['achieved'],4)]); f.vmerge(g,g+1,0)
    h=f.row([('绩效指标',2),('一级指标',1),('二级指标',1),('三级指标',1),('年度指标值',1),('实际完成值',1),('分值',1),('得分',1),('偏差原因分析及改进措施',1)])
    start1=start2=None; prev1=prev2=None; idx=None
    for r in m['rows']:
        new1 = r['l1']!=prev1; new2 = new1 or r['l2']!=prev2
        idx=f.row([('',2),(r['l1'] if new1 else '',1),(r['l2'] if new2 else '',1),(r['name'],1),(r['target'],1),(r['actual'],1),(r['weight'],1),(r['score'],1),(r['note'],1)])
        if new1:
            if start1 is not None: f.vmerge(start1,idx-1,2)
            start1=idx
        if new2:
            if start2 is not None: f.vmerge(start2,idx-1,3)
            start2=idx
        prev1,prev2=r['l1'],r['l2']
    f.vmerge(start1,idx,2); f.vmerge(start2,idx,3); f.vmerge(h,idx,0)
    f.row([('总分',7),(m['total_weight'],1),(m['total_score'],1),('',1)])
    return f

def to_docx(m, path):
    f=build(m); d=docx.Document()
    d.styles['Normal'].font.size=Pt(9)
    d.add_paragraph(m['heading'])
    t=d.add_table(rows=len(f.rows), cols=W); t.style='Table Grid'
    for i,row in enumerate(f.rows):
        for j,v in enumerate(row):
            if v!='' : t.cell(i,j).text=str(v)
    for (r1,c1,r2,c2) in f.merges:
        t.cell(r1,c1).merge(t.cell(r2,c2))
    if m.get('after'): d.add_paragraph(m['after'])
    d.save(path)

def to_xlsx(m, path):
    f=build(m); wb=openpyxl.Workbook(); ws=wb.active; ws.title=m.get('sheet','绩效自评表')
    for i,row in enumerate(f.rows, start=1):
        for j,v in enumerate(row, start=1):
            if v!='':
                c=ws.cell(row=i,column=j,value=_num(v)); c.alignment=Alignment(wrap_text=True, vertical='center')
                if _is_pct(v): c.value=float(str(v).strip()[:-1])/100; c.number_format='0.00%'
    for (r1,c1,r2,c2) in f.merges:
        ws.merge_cells(start_row=r1+1,start_column=c1+1,end_row=r2+1,end_column=c2+1)
    wb.save(path)

def _num(v):
    """Numbers go in as numbers, as a person typing into Excel would get them."""
    if isinstance(v,(int,float)): return v
    s=str(v).strip().replace(',','')
    try: return float(s) if '.' in s else int(s)
    except ValueError: return v

def _is_pct(v):
    s=str(v).strip()
    if not s.endswith('%'): return False
    try: float(s[:-1]); return True
    except ValueError: return False

def seed000(rows=None, income_first='85,198.38', other_funds='7,188.94', rate='95.91%'):
    """The seed-000 form as a model; pass edited rows to make a variant."""
    return dict(heading='附表2', title='2024年度部门整体支出绩效评价表', unit='湖南省工业和信息化厅',
      funding=dict(initial='73,360.55',annual='108,535.97',executed='104,092.39',weight='10',rate=rate,score='9.00',
        income=[('其中：一般公共预算：',income_first),('政府性基金拨款：',''),('纳入专户管理的非税收入拨款：','16,148.65'),('其他资金：',other_funds)],
        expense=[('其中：基本支出：','63,114.68'),('项目支出：','40,977.71')]),
      goal='（略，见原表）', achieved='（略，见原表）', rows=rows if rows is not None else load(), total_weight='100', total_score='96.4')

def _edit(name, **changes):
    """The seed rows with the indicator called `name` changed."""
    rows=load(); hit=[r for r in rows if r['name']==name]
    assert len(hit)==1, (name, len(hit))
    hit[0].update(changes)
    return rows

# Each variant injects exactly one defect into the seed-000 form.
VARIANTS = {
    'sum': lambda: seed000(other_funds='7,288.94'),                      # income parts no longer add up
    'rate': lambda: seed000(rate='96.91%'),                             # 104,092.39 / 108,535.97 is 95.91%
    'score': lambda: seed000(rows=_edit('新增百亿企业数量', score='4')),   # score 4 above weight 3
    'note': lambda: seed000(rows=_edit('新增碳减排标杆企业数量', note='')), # 0.5 of 1 without a reason
    'templated': lambda: seed000(rows=_edit('全省新增规模以上工业企业数量', actual='/')),  # no actual value
}

if __name__ == '__main__':
    import sys
    out = sys.argv[1] if len(sys.argv) > 1 else '.'
    for defect, make in VARIANTS.items():
        to_docx(make(), os.path.join(out, 'hunan-gxt-2024-overall-%s.docx' % defect))
        to_xlsx(make(), os.path.join(out, 'hunan-gxt-2024-overall-%s.xlsx' % defect))
