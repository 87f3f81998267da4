#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Speed and memory of `dcexit import` on RVTools vInfo sheets of N VMs (rows cycled from the
real kubev2v export, 90 columns) merged with a generic applications sheet of N apps (three
dependencies each), and (--real) on the real exports in ../shared/real-data/exports. Prints
Markdown tables. Usage: import_bench.py [--sizes 1000,10000,100000] [--real]"""
import argparse, csv, os, random, re, subprocess, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VINFO = os.path.join(ROOT, '..', 'shared', 'real-data', 'inventories', 'kubev2v-rvtools',
                     'rvtools_example1_vInfo.csv')
DCEXIT = os.path.join(ROOT, 'build', 'release', 'app', 'dcexit')
EXPORTS = os.path.join(ROOT, '..', 'shared', 'real-data', 'exports')
# The real exports the issue bounds at 2 s each, with what is imported with them.
REAL = [
    ('RVTools 3.x workbook, 805 VMs', ['rvtools/ibm_SizingWorkshop-RVTools.xlsx']),
    ('Azure Migrate assessment, 547 machines', ['azure-migrate/azdocs_Perf_PAYG.xlsx']),
    ('the assessment + software inventory (19,905 rows)',
     ['azure-migrate/azdocs_Perf_PAYG.xlsx',
      'azure-migrate/azdocs_Application_Inventory_Export_Sample.xlsx']),
]


def write_sheets(folder, n):
    rows = list(csv.reader(open(VINFO, newline='')))
    header, body = rows[0], rows[1:]
    dc = header.index('Datacenter')
    vinfo = os.path.join(folder, f'vinfo-{n}.csv')
    with open(vinfo, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(header)
        for i in range(n):
            row = list(body[i % len(body)])
            row[0], row[dc] = f'vm-{i:06d}', f'DC{i % 3}'
            w.writerow(row)
    rng = random.Random(n)
    apps = os.path.join(folder, f'apps-{n}.csv')
    with open(apps, 'w', newline='') as f:
        w = csv.writer(f)
        w.writerow(['app', 'name', 'department', 'criticality', 'users', 'servers', 'depends_on'])
        for i in range(n):
            deps = ';'.join(f'app-{j:06d}' for j in rng.sample(range(n), min(3, n - 1)) if j != i)
            w.writerow([f'app-{i:06d}', f'Application {i}', f'Dept {i % 40}',
                        rng.choice(['low', 'medium', 'high', 'critical']), rng.randint(0, 5000),
                        f'vm-{i:06d}', deps])
    return vinfo, apps


def measure(args):
    out = subprocess.run(['/usr/bin/time', '-f', '%e %M', DCEXIT] + args, capture_output=True,
                         text=True, check=True)
    seconds, kb = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) / 1024


def real_exports(runs):
    print('| real export | input MB | import s (median) | peak MB |')
    print('|---|---|---|---|')
    with tempfile.TemporaryDirectory() as folder:
        target = os.path.join(folder, 'estate.yaml')
        for label, files in REAL:
            paths = [os.path.join(EXPORTS, f) for f in files]
            timed = sorted(measure(['import', '-q', '--start', '2027-01-04', '--force'] + paths +
                                   ['-o', target]) for _ in range(runs))
            seconds, mb = timed[len(timed) // 2]
            size_in = sum(os.path.getsize(p) for p in paths) / 1e6
            print(f'| {label} | {size_in:.1f} | {seconds:.2f} | {mb:.0f} |')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--sizes', default='1000,10000,100000')
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--real', action='store_true', help='the real exports only')
    options = parser.parse_args()
    if options.real:
        real_exports(options.runs)
        return
    print('| VMs + apps | input MB | output MB | import s (median) | peak MB | validate s |')
    print('|---|---|---|---|---|---|')
    with tempfile.TemporaryDirectory() as folder:
        for n in map(int, options.sizes.split(',')):
            vinfo, apps = write_sheets(folder, n)
            target = os.path.join(folder, f'estate-{n}.yaml')
            runs = sorted(measure(['import', '-q', '--start', '2027-01-04', '--force',
                                   f'rvtools:{vinfo}', f'csv:{apps}', '-o', target])
                          for _ in range(options.runs))
            seconds, mb = runs[len(runs) // 2]
            check, _ = measure(['validate', '-q', target])
            size_in = (os.path.getsize(vinfo) + os.path.getsize(apps)) / 1e6
            print(f'| {n:,} | {size_in:.1f} | {os.path.getsize(target) / 1e6:.1f} | {seconds:.2f} '
                  f'| {mb:.0f} | {check:.2f} |')


if __name__ == '__main__':
    main()
