#!/bin/bash
# Which embedded database for the medicine tracker: the pi distribution with nothing in deploy/, with SQLite's
# driver, and with H2, each with DbProbe.java as a plug-in that opens the database as the tracker does, creates its
# tables, writes 50 medicines and a week of doses and queries them. Prints the launcher's "ready in" time, the
# probe's own times and the RSS 10 s later. Needs launcher/target/calendarbot-pi (./calendarbot build).
#   bench/dbchoice/run.sh [runs]     (M2=~/.m2/repository by default)
set -e
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
M2=${M2:-$HOME/.m2/repository}
SQLITE=$M2/org/xerial/sqlite-jdbc/3.51.3.0/sqlite-jdbc-3.51.3.0.jar
H2=$M2/com/h2database/h2/2.3.232/h2-2.3.232.jar
[ -f "$H2" ] || mvn -q dependency:get -Dartifact=com.h2database:h2:2.3.232 -Dmaven.repo.local="$M2"
[ -f "$SQLITE" ] || mvn -q dependency:get -Dartifact=org.xerial:sqlite-jdbc:3.51.3.0 -Dmaven.repo.local="$M2"
WORK=$ROOT/bench/target/dbchoice
rm -rf "$WORK" && mkdir -p "$WORK/classes"
javac --release 17 -cp "$ROOT/launcher/target/calendarbot-pi/lib/felix.jar" -d "$WORK/classes" "$ROOT/bench/dbchoice/DbProbe.java"
printf 'Bundle-ManifestVersion: 2\nBundle-SymbolicName: probe.db\nBundle-Version: 1.0.0\nBundle-Activator: probe.DbProbe\nImport-Package: org.osgi.framework\nDynamicImport-Package: org.h2,org.sqlite\n' > "$WORK/manifest.mf"
jar cfm "$WORK/probe.jar" "$WORK/manifest.mf" -C "$WORK/classes" .
for r in $(seq 1 "${1:-3}"); do
  for v in none sqlite h2; do
    D=$WORK/$v-$r; PORT=$((18600 + r))
    cp -r "$ROOT/launcher/target/calendarbot-pi" "$D"; rm -rf "$D/data"; rm -f "$D/configs/calendarbot.source-demo.cfg"
    case $v in sqlite) cp "$SQLITE" "$WORK/probe.jar" "$D/deploy/" ;; h2) cp "$H2" "$WORK/probe.jar" "$D/deploy/" ;; esac
    CALENDARBOT_CDS=off JAVA_OPTS="-Dprobe.engine=$v" "$D/bin/calendarbot" --port $PORT > "$D/out.log" 2>&1 &
    PID=$!
    for i in $(seq 1 300); do
      if [ $v = none ]; then grep -q "ready in" "$D/out.log" && break; else grep -q "^probe" "$D/out.log" && break; fi
      sleep 0.1
    done
    sleep 10
    echo "$v run $r: $(grep -o 'ready in [0-9]* ms' "$D/out.log") | $(grep '^probe' "$D/out.log" || true) | RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$PID/status) / 1024 )) MB"
    kill $PID; wait $PID 2>/dev/null || true
  done
done
