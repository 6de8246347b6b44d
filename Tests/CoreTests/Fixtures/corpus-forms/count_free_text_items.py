"""Independent count of the free-text indicator items per page of a Guangzhou 绩效目标表 PDF.

`pdftotext -raw` prints each page's text in the order it was drawn, which keeps a cell's text
together (unlike -layout, which interleaves the columns line by line). Per page, whitespace is
removed (an item start that wrapped, "3、3-满" / "意度指标", is whole again) and the item starts
"<digits><dash><一级指标>" are counted, and so are the "年度指标值" labels (one per item) as a
cross-check. Pages where the two differ are marked for a hand check."""
import re, subprocess, sys
pdf = sys.argv[1]
pages = int(re.search(r'Pages:\s+(\d+)', subprocess.run(['pdfinfo', pdf], capture_output=True, text=True).stdout).group(1))
start = re.compile(r'\d[-－—–‐](产出|效益|满意度|成本)')
total = 0
for n in range(1, pages + 1):
    raw = subprocess.run(['pdftotext', '-raw', '-f', str(n), '-l', str(n), pdf, '-'], capture_output=True, text=True).stdout
    t = re.sub(r'\s+', '', raw)
    k = len(start.findall(t))
    v = t.count('年度指标值')
    total += k
    print(f'{n}\t{k}\t{v}' + ('' if k == v else '\t<- differs'))
print('total', total)
