package calendarbot.it.osgi;

import static calendarbot.it.osgi.InFramework.getJson;
import static calendarbot.it.osgi.InFramework.uri;
import static calendarbot.it.osgi.InFramework.work;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import calendarbot.it.Poll;
import calendarbot.json.JsonReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The pi profile: the essential bundles only, and a layout arriving and leaving through deploy/. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PiProfileIT {
    private static final String WEEK_JAR = "calendarbot.it.week.jar";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        // The week layout as a user would copy it from the full distribution.
        Path week = Distribution.home("full").resolve("bundle/calendarbot.layout.week.jar");
        return ProfileBoot.options("pi",
                work -> Files.copy(week, work.resolve(WEEK_JAR), StandardCopyOption.REPLACE_EXISTING));
    }

    @Test
    public void onlyEssentialBundlesAreActiveAndTheKioskAnswers() throws Exception {
        Poll.until("/api/whats-next to answer 200", () -> Http.get(uri("/api/whats-next")).status(), s -> s == 200);
        List<String> names = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            names.add(b.getSymbolicName());
            boolean fragment = b.getHeaders().get("Fragment-Host") != null;
            assertEquals(b.getSymbolicName(), fragment ? Bundle.RESOLVED : Bundle.ACTIVE, b.getState());
        }
        assertTrue(names.contains("calendarbot.layout.whatsnext"));
        for (String absent : List.of("org.apache.felix.webconsole", "calendarbot.layout.week",
                "calendarbot.layout.compact", "org.apache.felix.gogo.runtime")) {
            assertTrue(absent + " must not be in the pi profile", !names.contains(absent));
        }
        assertEquals(404, Http.get(uri("/system/console/bundles")).status());
        Object threshold = JsonReader.at(getJson("/api/status"), "config", "calendarbot.fetcher", "streamThresholdBytes");
        assertEquals("262144", String.valueOf(threshold));
        // the wall's morning summary is the kiosk's DayOverview worded by web: both wired in the small profile
        Http.Response morning = Http.get(uri("/api/morning-summary?date=2026-12-01&timezone=UTC"));
        assertEquals(morning.body(), 200, morning.status());
        assertEquals("2026-12-01T06:00:00Z", JsonReader.at(JsonReader.parseObject(morning.body()), "summary",
                "timeframe_start"));
    }

    @Test
    public void layoutCopiedIntoDeployAppearsAndLeavesWithoutRestart() throws Exception {
        Poll.until("/api/layouts to answer 200", () -> Http.get(uri("/api/layouts")).status(), s -> s == 200);
        assertTrue(!layouts().contains("week"));
        InFramework.awaitDeployWatcher(context);
        Path target = work().resolve("deploy/calendarbot.layout.week.jar");
        Path tmp = work().resolve("deploy/.week.part");
        Files.copy(work().resolve(WEEK_JAR), tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        Poll.until("the week layout in /api/layouts", PiProfileIT::layouts, l -> l.contains("week"));
        assertEquals(200, Http.get(uri("/?layout=week")).status());
        Files.delete(target);
        Poll.until("the week layout gone from /api/layouts", PiProfileIT::layouts, l -> !l.contains("week"));
    }

    private static String layouts() throws IOException {
        return String.valueOf(getJson("/api/layouts").get("layouts"));
    }
}
