"""Makes the HTML fixtures of the seed-000 form (hunan-gxt-2024-overall*.docx in
Tests/CoreTests/Fixtures) the two ways such pages are really made:

- *.libreoffice.html: `soffice --headless --convert-to html X.docx`, what Word users save;
- *.cms-gb2312.html: the table as government CMS pages print it, written here from the
  .docx's own grid: GB2312 bytes declared in <meta http-equiv>, rowspan/colspan for Word's
  vMerge/gridSpan, &nbsp; in empty cells, inline styles, upper-case tags, unquoted and
  single-quoted attributes, <td>/<tr> left unclosed, a <script> with table-like text,
  comments, and the whole article wrapped in a layout table with a breadcrumb table.

Only the standard library (zipfile, xml) and, for the first kind, LibreOffice are used.
Usage: python3 make_html_fixtures.py   (writes next to this script)"""

import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DOCX_DIR = os.path.join(HERE, '..', '..', '..', 'CoreTests', 'Fixtures')
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'

LIBREOFFICE = ['', '-sum', '-rate']
CMS = ['', '-score', '-note']


def docx_body(path):
    with zipfile.ZipFile(path) as z:
        return ET.fromstring(z.read('word/document.xml')).find(W + 'body')


def paragraph_text(p):
    out = []
    for el in p.iter():
        if el.tag == W + 't':
            out.append(el.text or '')
        elif el.tag in (W + 'br', W + 'cr'):
            out.append('\n')
        elif el.tag == W + 'tab':
            out.append('\t')
    return ''.join(out)


def docx_grid(path):
    """The first table as rows of cells {text, col, span, vmerge}, and the paragraphs before it."""
    body = docx_body(path)
    before = []
    for el in body:
        if el.tag == W + 'p':
            t = paragraph_text(el).strip()
            if t:
                before.append(t)
        elif el.tag == W + 'tbl':
            rows = []
            for tr in el.findall(W + 'tr'):
                col = 0
                cells = []
                for tc in tr.findall(W + 'tc'):
                    pr = tc.find(W + 'tcPr')
                    span, vmerge = 1, None
                    if pr is not None:
                        gs = pr.find(W + 'gridSpan')
                        if gs is not None:
                            span = int(gs.get(W + 'val'))
                        vm = pr.find(W + 'vMerge')
                        if vm is not None:
                            vmerge = vm.get(W + 'val') or 'continue'
                    text = '\n'.join(paragraph_text(p) for p in tc.findall(W + 'p')).rstrip('\n')
                    cells.append(dict(text=text, col=col, span=span, vmerge=vmerge))
                    col += span
                rows.append(cells)
            return before, rows
    raise SystemExit(f'{path}: no table')


def rowspans(rows):
    """rowspan of each vMerge restart: 1 + the continuation cells below it at its column."""
    for r, cells in enumerate(rows):
        for c in cells:
            if c['vmerge'] == 'restart':
                n = 1
                for below in rows[r + 1:]:
                    if any(b['col'] == c['col'] and b['vmerge'] == 'continue' for b in below):
                        n += 1
                    else:
                        break
                c['rowspan'] = n


def cell_html(text):
    if not text.strip():
        return '&nbsp;'
    return '<BR>'.join(html.escape(line, quote=False) for line in text.split('\n'))


def cms_page(before, rows, title):
    rowspans(rows)
    out = []
    out.append('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">')
    out.append('<HTML><HEAD>')
    out.append('<META http-equiv=Content-Type content="text/html; charset=gb2312">')
    out.append(f'<TITLE>{html.escape(title)}_财政预决算</TITLE>')
    out.append('<STYLE type=text/css>TD {font-size:12px; line-height:150%} .bt_link {color:#333}</STYLE>')
    out.append('<SCRIPT language=javascript>var t = "<table><tr><td>年度资金总额</td><td>1</td></tr></table>"; '
               'if (a < b && b > c) { document.write(t); }</SCRIPT>')
    out.append('</HEAD>')
    out.append('<BODY leftMargin=0 topMargin=0>')
    out.append('<!-- 页头 <table><tr><td>不是正文</td></tr></table> -->')
    out.append('<TABLE width=1000 align=center border=0 cellSpacing=0 cellPadding=0>')
    out.append('<TR><TD>')
    out.append("<TABLE cellSpacing=0 cellPadding=0 border=0><TR><TD><A href='/index.html' class=bt_link>首页</A>"
               "<TD>&gt; <A href='/czyjs/'>财政预决算</A>&nbsp;&gt;&nbsp;部门预决算</TD></TR></TABLE>")
    out.append('<TR><TD style="padding:10px 20px">')
    for p in before:
        out.append(f'<P align=left style="FONT-SIZE:14px">{html.escape(p)}</P>')
    out.append('<TABLE style="BORDER-COLLAPSE: collapse" borderColor=#000000 cellSpacing=0 cellPadding=2 width="100%" border=1>')
    out.append('<TBODY>')
    for r, cells in enumerate(rows):
        out.append("<TR style='HEIGHT: 20px'>")
        for i, c in enumerate(cells):
            if c['vmerge'] == 'continue':
                continue
            attrs = ''
            if c['span'] > 1:
                attrs += f' colSpan={c["span"]}'
            if c.get('rowspan', 1) > 1:
                attrs += f' rowSpan="{c["rowspan"]}"'
            attrs += " style='BORDER: #000000 1px solid; TEXT-ALIGN: center'"
            # Every other cell is left unclosed, as many CMS editors write them.
            close = '</TD>' if (r + i) % 2 == 0 else ''
            out.append(f'  <TD{attrs}>{cell_html(c["text"])}{close}')
        # Rows after the first few are left unclosed too.
        if r < 4:
            out.append('</TR>')
    out.append('</TBODY></TABLE>')
    out.append('<P>&nbsp;</P>')
    out.append('</TD></TR></TABLE>')
    out.append('</BODY></HTML>')
    text = '\r\n'.join(out) + '\r\n'
    return text.encode('gb2312', errors='xmlcharrefreplace')


def libreoffice(docx, out_name):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(['soffice', '--headless', '--convert-to', 'html', '--outdir', tmp, docx], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        produced = os.path.join(tmp, os.path.splitext(os.path.basename(docx))[0] + '.html')
        shutil.copyfile(produced, os.path.join(HERE, out_name))


def main():
    for v in LIBREOFFICE:
        docx = os.path.join(DOCX_DIR, f'hunan-gxt-2024-overall{v}.docx')
        libreoffice(docx, f'hunan-gxt-2024-overall{v}.libreoffice.html')
    for v in CMS:
        docx = os.path.join(DOCX_DIR, f'hunan-gxt-2024-overall{v}.docx')
        before, rows = docx_grid(docx)
        with open(os.path.join(HERE, f'hunan-gxt-2024-overall{v}.cms-gb2312.html'), 'wb') as f:
            f.write(cms_page(before, rows, rows[0][0]['text']))


if __name__ == '__main__':
    sys.exit(main())
