#!/bin/sh
# Parser throughput: bytes to ParsedEvents in MB/s on a generated, realistic Outlook/Google feed
# (calendarbot.parser's ParserThroughput, a main class in its test sources). Prints wall-clock and
# CPU-time rates (the CPU figure is the one to compare on a busy machine) and heap use.
#
#   bench/parser/run.sh                 # 50 MB feed as one byte[], 7 timed runs
#   JAVA_OPTS=-Xmx16m bench/parser/run.sh   # small heap: the feed is streamed, the parser must fit
#   bench/parser/run.sh 20 5            # 20 MB, 5 runs
set -e
cd "$(dirname "$0")/../.."
mvn -o -q -B -pl bundles/calendarbot.parser -DskipTests install
mvn -o -q -B -pl bundles/calendarbot.parser dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
module=bundles/calendarbot.parser
exec java ${JAVA_OPTS} -cp "$module/target/classes:$module/target/test-classes:$(cat $module/target/bench-classpath.txt)" \
    calendarbot.parser.internal.ParserThroughput "$@"
