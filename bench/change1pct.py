# Copies generated sources and changes about 1% of partnerships (renamed) and 1% of memberships (ended, or, every
# tenth, removed), deterministically (every 100th row), as a realistic monthly change.
import csv, shutil, sys, os
src, dst = sys.argv[1], sys.argv[2]
if os.path.exists(dst):
    shutil.rmtree(dst)
shutil.copytree(src, dst)
def rewrite(name, change):
    path = os.path.join(dst, name)
    with open(path, newline='', encoding='utf-8') as f:
        rows = list(csv.reader(f))
    out, n = [rows[0]], 0
    for i, row in enumerate(rows[1:], 1):
        row2 = change(i, rows[0], row)
        if row2 is not row:
            n += 1
        if row2 is not None:
            out.append(row2)
    with open(path, 'w', newline='', encoding='utf-8') as f:
        csv.writer(f, lineterminator='\n').writerows(out)
    print(name, 'changed', n, 'of', len(rows) - 1)
def partnership(i, head, row):
    if i % 100 != 50:
        return row
    r = list(row); r[head.index('name')] = r[head.index('name')] + ' (renamed)'; return r
def membership(i, head, row):
    if i % 100 != 50:
        return row
    if i % 1000 == 50:
        return None
    r = list(row); r[head.index('end_date')] = '2009-03'; return r
rewrite('partnerships.csv', partnership)
rewrite('memberships.csv', membership)
