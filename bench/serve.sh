# Sourced by the bench scripts that time a served store (bench/portal, bench/first-visit, bench/guidance-pages,
# bench/case-pages):
#   start_atlas LOG JAR STORE PORT HEAP [SERVE-OPTION...]
# starts `atlas serve` in the background (its pid in $atlas_pid, its output in LOG) and returns once GET /$/ping
# answers and the release files the server writes at start, if the store's were missing or of other data, are
# written: so that writing them does not share the machine with what is measured. Exits if the server stops first.
start_atlas() {
  local log=$1 jar=$2 store=$3 port=$4 heap=$5
  shift 5
  java "-Xmx$heap" -jar "$jar" serve --store "$store" --port "$port" "$@" > "$log" 2>&1 &
  atlas_pid=$!
  until curl -s -o /dev/null "http://localhost:$port/\$/ping"; do
    kill -0 "$atlas_pid" 2>/dev/null || { echo "the server stopped: see $log" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  # The server says whether it writes them before it says it is serving (ReleasePublisher), and when it is done.
  until grep -q "Partnership Atlas is serving" "$log"; do sleep 0.1; done
  while grep -q "writing them in the background" "$log" \
      && ! grep -qE "release files to|were not written|Stopped before" "$log"; do
    sleep 1
  done
}

# stats SECONDS...: the first of the times given (curl's %{time_total}), then the p50 and p95 of all, in ms.
stats() {
  python3 -c "import sys,statistics as s; v=[float(x)*1000 for x in sys.argv[1:]]; w=sorted(v); print('first %.0f ms; p50 %.1f ms, p95 %.1f ms (n=%d)' % (v[0], s.median(w), w[min(len(w)-1,int(0.95*len(w)))], len(w)))" "$@"
}
