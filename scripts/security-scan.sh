#!/usr/bin/env bash
# `npm run security:scan`: real scanners against the real app, on loopback only.
#
#   1. testssl.sh on the HTTPS port: only TLS 1.3 offered, no weak cipher, no vulnerability.
#   2. testssl.sh on the embedded Postgres (--starttls postgres): the same.
#   3. sqlmap on JSON API endpoints with a valid session (query, path and JSON body
#      parameters): no injectable parameter.
#
# Installs testssl.sh and sqlmap from Debian when missing. Every step is bounded by
# `timeout`; the whole script stays under ten minutes on two cores. Any finding fails it.
set -uo pipefail
cd "$(dirname "$0")/.."

APP_PORT=${SCAN_APP_PORT:-10443}
PG_PORT=${SCAN_PG_PORT:-15432}
work=$(mktemp -d /tmp/vetloop-scan.XXXXXX)
failures=()
sqlmap_pids=()
stack_pid=""

finish() {
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    kill -TERM "$stack_pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$stack_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap finish EXIT

say() { printf '\n== security scan: %s ==\n' "$*"; }
fail() { failures+=("$*"); printf 'FAIL: %s\n' "$*" >&2; }

ensure_tools() {
  local missing=()
  command -v testssl >/dev/null || command -v testssl.sh >/dev/null || missing+=(testssl.sh)
  command -v sqlmap >/dev/null || missing+=(sqlmap)
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} from Debian"
  if [ "$(id -u)" -ne 0 ]; then echo "run as root or install: ${missing[*]}" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y "${missing[@]}" >/dev/null \
    || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y "${missing[@]}" >/dev/null; } \
    || { echo "could not install ${missing[*]}" >&2; exit 1; }
}

build_if_needed() {
  local dist=${NEXT_DIST_DIR:-.next-security}
  if [ ! -f "$dist/BUILD_ID" ] || [ -n "$(find app lib components proxy.ts next.config.js -newer "$dist/BUILD_ID" -print -quit 2>/dev/null)" ]; then
    say "next build ($dist)"
    NODE_ENV=production NEXT_DIST_DIR=$dist NEXT_TELEMETRY_DISABLED=1 timeout 480 node node_modules/next/dist/bin/next build >"$work/build.log" 2>&1 \
      || { tail -30 "$work/build.log" >&2; echo "next build failed" >&2; exit 1; }
  fi
}

start_stack() {
  say "starting the app (HTTPS :$APP_PORT, embedded Postgres :$PG_PORT, loopback)"
  SCAN_APP_PORT=$APP_PORT SCAN_PG_PORT=$PG_PORT node --import tsx scripts/security-scan-stack.ts "$work/target.json" >"$work/stack.log" 2>&1 &
  stack_pid=$!
  for _ in $(seq 1 120); do
    grep -q READY "$work/stack.log" 2>/dev/null && return 0
    kill -0 "$stack_pid" 2>/dev/null || break
    sleep 1
  done
  tail -30 "$work/stack.log" >&2
  echo "the app did not start" >&2
  exit 1
}

json() { node -e "const t=require('$work/target.json'); process.stdout.write(String($1))"; }

# testssl.sh writes one JSON finding per check; these ids judge the certificate itself,
# which is self-signed on loopback by design, and are not findings about TLS.
CERT_IDS='^(cert|chain_of_trust|intermediate|OCSP|DNS_CAA|crl|trust|BREACH|overall_grade|grade_cap)'

judge_testssl() {
  local label=$1 file=$2
  node - "$file" "$label" "$CERT_IDS" <<'EOF' || fail "testssl.sh $label"
const [file, label, certIds] = process.argv.slice(2);
const findings = JSON.parse(require('fs').readFileSync(file, 'utf8'));
const list = Array.isArray(findings) ? findings : findings.scanResult ?? [];
const byId = new Map(list.map((f) => [f.id, f]));
const problems = [];
for (const id of ['SSLv2', 'SSLv3', 'TLS1', 'TLS1_1', 'TLS1_2']) {
  const f = byId.get(id);
  if (!f || !/not offered/i.test(f.finding)) problems.push(`${id}: ${f ? f.finding : 'not checked'}`);
}
const tls13 = byId.get('TLS1_3');
if (!tls13 || !/^offered/i.test(tls13.finding)) problems.push(`TLS1_3: ${tls13 ? tls13.finding : 'not checked'}`);
for (const f of list) {
  if (new RegExp(certIds).test(f.id)) continue;
  if (['MEDIUM', 'HIGH', 'CRITICAL'].includes(f.severity)) problems.push(`${f.id} (${f.severity}): ${f.finding}`);
  if (f.id === 'scanProblem' || f.severity === 'FATAL') problems.push(`${f.id}: ${f.finding}`);
}
const offered = list.filter((f) => /^cipher_x13/.test(f.id)).map((f) => f.finding.replace(/\s+/g, ' ').trim());
if (offered.length === 0) problems.push('no TLS 1.3 cipher was enumerated: the scan did not really run');
console.log(`${label}: only TLS 1.3 offered, ciphers: ${offered.map((c) => c.split(' ').pop()).join(', ') || 'none'}`);
for (const p of problems) console.error(`  ${label}: ${p}`);
process.exit(problems.length ? 1 : 0);
EOF
}

run_testssl() {
  local label=$1 out=$2; shift 2
  local bin; bin=$(command -v testssl || command -v testssl.sh)
  # -p protocols, -e each cipher, -U vulnerabilities; no DNS, no outside lookups.
  timeout 240 "$bin" --quiet --color 0 --warnings off --nodns none --sneaky -p -e -U \
    --jsonfile "$out" "$@" >"$out.log" 2>&1
  local rc=$?
  if [ ! -s "$out" ]; then
    tail -20 "$out.log" >&2
    fail "testssl.sh $label produced no result (exit $rc)"
    return
  fi
  judge_testssl "$label" "$out"
}

scan_https() {
  say "testssl.sh: HTTPS 127.0.0.1:$APP_PORT"
  run_testssl https "$work/https.json" --ip 127.0.0.1 "https://localhost:$APP_PORT"
}

scan_postgres() {
  say "testssl.sh: Postgres 127.0.0.1:$PG_PORT (STARTTLS)"
  run_testssl postgres "$work/pg.json" --starttls postgres "127.0.0.1:$PG_PORT"
}

# Starts one bounded sqlmap run in the background; judge_sqlmap reads its verdict. Each run
# has its own session, so their rate limits (the api tier, per session) do not add up.
start_sqlmap() {
  local label=$1 session=$2 delay=$3 bound=$4 techniques=$5; shift 5
  local out="$work/sqlmap-$label"
  # Postgres payloads only (it is the one back end), level 2 / risk 1, boolean and error
  # techniques (and UNION on reads, where a result set could carry it): bounded, and nothing
  # that rewrites data beyond what the endpoint itself allows. The delay keeps each run
  # under its session's tier: 0.2 s for reads (api, 300 a minute), 1.1 s for writes
  # (api_write, 60), which therefore get a longer bound. The runs go side by side.
  (
    timeout "$bound" sqlmap --batch --disable-coloring --flush-session --skip-waf --output-dir "$out" \
      --level 2 --risk 1 --dbms PostgreSQL --technique "$techniques" --delay "$delay" \
      --timeout 10 --retries 1 \
      --cookie "__Host-vetloop_session=$session" -H "Accept: application/json" \
      -H "Origin: https://localhost:$APP_PORT" "$@" >"$out.log" 2>&1
    echo $? >"$out.rc"
  ) &
  sqlmap_pids+=($!)
}

judge_sqlmap() {
  local label=$1
  local out="$work/sqlmap-$label" rc tested
  rc=$(cat "$out.rc" 2>/dev/null || echo 1)
  if grep -qE "429 \(Too Many Requests\)" "$out.log"; then
    fail "sqlmap $label: throttled by the rate limit, so its verdict would mean nothing"

    return
  fi
  tested=$(grep -ciE "does not seem to be injectable|is not injectable" "$out.log")
  if grep -qiE "is vulnerable|identified the following injection point" "$out.log"; then
    grep -iE "vulnerable|injectable|injection point" "$out.log" >&2
    fail "sqlmap $label: injectable parameter"
  elif grep -qiE "all tested parameters do not appear to be injectable" "$out.log"; then
    echo "sqlmap $label: $tested parameter(s) tested, none injectable"
  elif [ "$rc" -eq 124 ] && [ "$tested" -gt 0 ]; then
    echo "sqlmap $label: stopped at its time bound; $tested parameter(s) finished, none injectable"
  else
    grep -iE "\[CRITICAL\]|\[ERROR\]" "$out.log" | head -5 >&2
    tail -3 "$out.log" >&2
    fail "sqlmap $label: did not complete a test (exit $rc)"
  fi
}

scan_sqlmap() {
  say "sqlmap: JSON API with a valid session"
  # Plain HTTP to the stack's loopback forwarder, which speaks TLS 1.3 to the app (see
  # scripts/security-scan-stack.ts: Debian's sqlmap cannot do TLS 1.3). -p names the
  # parameters: left to itself sqlmap also mutates the session cookie, gets 401 and stops.
  local base referral list
  base="http://127.0.0.1:$(json 't.forwardPort')"
  referral=$(json 't.fixtures.a.referralId')
  list="$base/api/v1/referrals?q=biscuit&service=Cardiology&sort=priority"
  start_sqlmap list-q "$(json 't.fixtures.a.sessions.nurse')" 0.2 100 BEU -u "$list" -p q
  start_sqlmap list-service "$(json 't.fixtures.a.sessions.front_desk')" 0.2 100 BEU -u "$list" -p service
  start_sqlmap list-sort "$(json 't.fixtures.a.sessions.read_only')" 0.2 100 BEU -u "$list" -p sort
  start_sqlmap path-id "$(json 't.fixtures.a.sessions.clinician')" 0.2 100 BEU \
    -u "$base/api/v1/referrals/${referral}*/messages"
  local body='{"history":"Edited by the scan","reason":"Scan"}'
  start_sqlmap body-history "$(json 't.fixtures.a.sessions.admin')" 1.1 240 BE --method PATCH \
    -u "$base/api/v1/referrals/$referral" -H "Content-Type: application/json" --data "$body" \
    -p history
  start_sqlmap body-reason "$(json 't.fixtures.a.spareSessions[5]')" 1.1 240 BE --method PATCH \
    -u "$base/api/v1/referrals/$referral" -H "Content-Type: application/json" --data "$body" \
    -p reason
  wait "${sqlmap_pids[@]}"
  for label in list-q list-service list-sort path-id body-history body-reason; do
    judge_sqlmap "$label"
  done
}

main() {
  ensure_tools
  build_if_needed
  start_stack
  scan_https
  scan_postgres
  scan_sqlmap
  if [ ${#failures[@]} -gt 0 ]; then
    printf '\nsecurity scan FAILED:\n' >&2
    printf '  - %s\n' "${failures[@]}" >&2
    exit 1
  fi
  printf '\nsecurity scan passed: TLS 1.3 only on HTTPS and Postgres, no weak cipher or vulnerability flagged, no injectable parameter found.\n'
}

main
