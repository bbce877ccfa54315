#!/usr/bin/env bash
# LDES pages at N=35 (BENCHMARKS.md, issue 19): generation (first request after the pages are removed) and serving (first/repeat), with
# reading the release's union dump once (zcat) as the baseline, in the same run.
set -u
U=${U:-http://localhost:3392}   # a running atlas serve --releases R
R=${R:-/tmp/ldes/rel35}         # its releases folder, with release 1
A='application/n-quads,application/trig;q=0.95,application/ld+json;q=0.9,application/n-triples;q=0.8,text/turtle;q=0.6'
t() { curl -s -o /dev/null -H "Accept: $A" -w '%{http_code} %{time_total} %{size_download}\n' "$1"; }
for i in 1 2 3; do
  s=$(date +%s.%N); zcat $R/1/atlas.nt.gz | wc -l > /dev/null; e=$(date +%s.%N)
  echo "baseline zcat union: $(echo "$e - $s" | bc) s"
  rm -rf $R/.ldes/1
  echo "generate+serve page 100: $(t $U/ldes/1/100)"
  echo "pages: $(tr '\n' ' ' < $R/.ldes/1/pages.tsv) size: $(du -sb $R/.ldes/1 | cut -f1) bytes"
  for p in 1 100 208; do echo "page $p first: $(t $U/ldes/1/$p)"; for j in 1 2 3 4 5; do echo "page $p repeat: $(t $U/ldes/1/$p)"; done; done
  echo "turtle page 100: $(curl -s -o /dev/null -H 'Accept: text/turtle' -w '%{http_code} %{time_total} %{size_download}' $U/ldes/1/100)"
  echo "view: $(t $U/ldes/view)"
done
