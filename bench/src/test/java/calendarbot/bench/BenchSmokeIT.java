package calendarbot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness's smoke (what {@code bench/run smoke} does) against the assembled pi distribution, so that CI notices
 * when the harness or the figures it reads (the refresh log line, /metrics, /api/health) break. It asserts that the
 * scenario ran and its figures are there, never how fast or how small they are.
 */
class BenchSmokeIT {

    @Test
    void smallScenarioRunsAndReportsEveryFigure() throws Exception {
        Path dist = Path.of(System.getProperty("bench.dist", "../launcher/target")).toAbsolutePath();
        Path work = Path.of(System.getProperty("bench.work", "target/smoke")).toAbsolutePath();
        assertTrue(Distributions.present(dist, "pi"), "no pi distribution under " + dist + ": build the launcher first");
        Map<String, Object> run;
        try (Context ctx = new Context(work, dist, true, System.out)) {
            run = Bench.smoke(ctx);
        }
        Report.print(run, System.out);
        Files.writeString(work.resolve("smoke.json"), calendarbot.json.JsonWriter.indented(2).value(run) + "\n");
        List<String> problems = Bench.smokeProblems(run);
        assertEquals(List.of(), problems, "the smoke's problems");
    }
}
