#!/usr/bin/env python3
"""Writes the pipe-row form of project-pipes-without-leading-pipe.txt in two more layouts of
published web-page text: every cell a line ending in " |" (a lone "|" for an empty cell, no row
ends), and one cell per paragraph with blank lines between (empty cells vanish)."""
import os
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, 'project-pipes-without-leading-pipe.txt'), encoding='utf-8').read().split('\n')
web, paragraphs = [], []
for line in src:
    if '|' not in line:
        web.append(line)
        if line:
            paragraphs += [line, '']
        continue
    cells = [c.strip() for c in line.split('|')]
    while cells and cells[-1] == '':
        cells.pop()
    for c in cells:
        web.append(c + ' |' if c else '|')
        if c:
            paragraphs += [c, '']
open(os.path.join(here, 'project-web-cells.txt'), 'w', encoding='utf-8').write('\n'.join(web).rstrip('\n') + '\n')
open(os.path.join(here, 'project-cell-paragraphs.txt'), 'w', encoding='utf-8').write('\n'.join(paragraphs).rstrip('\n') + '\n')
