package calendarbot.it.osgi;

import static calendarbot.it.osgi.InFramework.getJson;
import static calendarbot.it.osgi.InFramework.state;
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
import java.util.List;
import java.util.Map;
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

/**
 * The medicine tracker as a user installs it on a pi: its jars from calendarbot-full/plugins/ dropped into deploy/,
 * used over HTTP, removed (the calendar goes on, the data stays on disk), installed again (the data is back).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MedicinePluginIT {
    static final List<String> JARS = List.of("sqlite-jdbc.jar", "calendarbot.medicine.jar",
            "calendarbot.layout.medicine.jar");

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        Path plugins = Distribution.home("full").resolve("plugins");
        return ProfileBoot.options("pi", work -> {
            Files.createDirectories(work.resolve("plugins"));
            for (String jar : JARS) {
                Files.copy(plugins.resolve(jar), work.resolve("plugins").resolve(jar), StandardCopyOption.REPLACE_EXISTING);
            }
        });
    }

    @Test
    public void installedUsedRemovedAndInstalledAgainWithItsData() throws Exception {
        Poll.until("/api/whats-next to answer 200", () -> Http.get(uri("/api/whats-next")).status(), s -> s == 200);
        assertEquals(404, Http.get(uri("/api/medicines")).status());
        InFramework.awaitDeployWatcher(context);

        install();
        Http.Response created = Http.postJson(uri("/api/medicines"), "{\"name\": \"Aspirin\", \"dose\": \"100 mg\","
                + " \"schedule\": {\"times\": [\"08:00\", \"20:00\"], \"days\": [\"MO\", \"TH\"]}, \"stock\": 4,"
                + " \"low_stock_threshold\": 4, \"notes\": \"with food\"}");
        assertEquals(created.body(), 201, created.status());
        long id = (Long) JsonReader.parseObject(created.body()).get("id");
        assertEquals(List.of("08:00", "20:00"), JsonReader.at(getJson("/api/medicines/" + id), "schedule", "times"));
        Http.Response taken = Http.postJson(uri("/api/medicines/" + id + "/take"), "{\"taken_by\": \"Anna\"}");
        assertEquals(taken.body(), 201, taken.status());
        assertEquals(400, Http.postJson(uri("/api/medicines"), "{\"name\": \"\"}").status());
        refusals();
        assertEquals(3L, JsonReader.at(getJson("/api/medicines/" + id), "stock"));
        assertEquals(200, Http.get(uri("/api/medicines/pending")).status());
        assertTrue(String.valueOf(getJson("/api/layouts").get("layouts")).contains("medicines"));
        // a medicine deleted is gone from the list, its dose stays in the history
        long gone = (Long) JsonReader.parseObject(Http.postJson(uri("/api/medicines"), "{\"name\": \"Old\"}").body())
                .get("id");
        Http.postJson(uri("/api/medicines/" + gone + "/take"), "");
        assertEquals(200, Http.delete(uri("/api/medicines/" + gone)).status());
        assertEquals(404, Http.get(uri("/api/medicines/" + gone)).status());

        for (String jar : JARS) {
            Files.delete(work().resolve("deploy").resolve(jar));
        }
        Poll.until("calendarbot.medicine to be uninstalled with its jar", () -> state(context, "calendarbot.medicine"),
                s -> s == -1);
        Poll.until("/api/medicines to be gone", () -> Http.get(uri("/api/medicines")).status(), s -> s == 404);
        assertEquals(200, Http.get(uri("/api/whats-next")).status());
        assertTrue("the data stays when the plug-in goes", Files.exists(work().resolve("data/medicines/medicines.db")));

        install();
        Map<String, Object> again = getJson("/api/medicines/" + id);
        assertEquals("Aspirin", again.get("name"));
        assertEquals(3L, again.get("stock"));
        Map<String, Object> history = getJson("/api/medicines/history");
        assertEquals(String.valueOf(history), 3, ((List<?>) history.get("doses")).size());
        assertTrue(String.valueOf(history).contains("Anna"));
        assertEquals(1L, getJson("/api/medicines").get("count"));
    }

    /** What the API refuses, and that a refused batch leaves nothing behind. */
    private void refusals() throws Exception {
        Http.Response daily = Http.postJson(uri("/api/medicines"),
                "{\"name\": \"Daily\", \"schedule\": {\"times\": [\"08:00\", \"20:00\"]}, \"stock\": 9}");
        long id = (Long) JsonReader.parseObject(daily.body()).get("id");
        String slot = String.valueOf(JsonReader.at(JsonReader.parseObject(
                Http.postJson(uri("/api/medicines/" + id + "/take"), "").body()), "doses", 0, "slot"));
        Http.Response again = Http.postJson(uri("/api/medicines/" + id + "/take"), "{\"slot\": \"" + slot + "\"}");
        assertEquals(again.body(), 409, again.status());
        assertEquals(404, Http.postJson(uri("/api/medicines/batch-take"), "{\"medicine_ids\": [" + id + ", 999]}")
                .status());
        assertEquals(400, Http.postJson(uri("/api/medicines/batch-take"), "{\"medicine_ids\": [1.5]}").status());
        assertEquals("the refused batch took nothing", 8L, getJson("/api/medicines/" + id).get("stock"));
        assertEquals(404, Http.get(uri("/api/medicines/nothing-here")).status());
        assertEquals(405, Http.delete(uri("/api/medicines")).status());
        assertEquals(200, Http.delete(uri("/api/medicines/" + id)).status());
    }

    private void install() throws Exception {
        for (String jar : JARS) {
            Path part = work().resolve("deploy/." + jar + ".part");
            Files.copy(work().resolve("plugins").resolve(jar), part, StandardCopyOption.REPLACE_EXISTING);
            Files.move(part, work().resolve("deploy").resolve(jar), StandardCopyOption.ATOMIC_MOVE);
        }
        Poll.until("calendarbot.medicine to start from deploy/", () -> state(context, "calendarbot.medicine"),
                s -> s == Bundle.ACTIVE);
        Poll.until("/api/medicines to answer 200", () -> Http.get(uri("/api/medicines")).status(), s -> s == 200);
    }
}
