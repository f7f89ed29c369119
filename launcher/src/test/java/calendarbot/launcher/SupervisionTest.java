package calendarbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.json.JsonReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisionTest {

    static final String HEALTHY = """
            {"status":"ok","problems":[],"event_count":412,
             "sources":[{"id":"work","name":"Work","state":"OK"},
                        {"id":"home","name":"Home","state":"FAILING","error":"HTTP 401"},
                        {"id":"demo","name":"Demo","state":"DISABLED"}],
             "refresh_scheduler":{"alive":true,"stuck":[]}}""";
    static final String WEDGED = """
            {"status":"ok","problems":[],"event_count":412,"sources":[{"id":"work","name":"Work","state":"OK"}],
             "refresh_scheduler":{"alive":false,"stuck":["work: the fetch due 7 min ago has not started"]}}""";

    final SystemdNotify notify = new SystemdNotify("/run/systemd/notify", Duration.ofSeconds(60), "true");
    final Supervision supervision = new Supervision(URI.create("http://127.0.0.1:1/api/health"), notify, () -> { });

    @Test
    void theWatchdogIsRenewedOnlyWhileHttpAnswersAndTheSchedulerIsAtWork() {
        KioskProbe healthy = KioskProbe.of(JsonReader.parseObject(HEALTHY));
        assertEquals(List.of("WATCHDOG=1", "STATUS=ok: 1 calendar, 412 events; Home failing: HTTP 401"),
                supervision.message(healthy));
        assertEquals(List.of("WATCHDOG=1"), supervision.message(healthy), "the status only when it changes");

        KioskProbe wedged = KioskProbe.of(JsonReader.parseObject(WEDGED));
        assertFalse(wedged.schedulerAlive());
        assertEquals("the refresh scheduler is stuck: [work: the fetch due 7 min ago has not started]", wedged.why());
        assertEquals(List.of("STATUS=ok: 1 calendar, 412 events"), supervision.message(wedged), "no WATCHDOG=1");

        KioskProbe silent = new KioskProbe(false, false, "no answer", false, "no HTTP answer");
        assertEquals(List.of("STATUS=no HTTP answer"), supervision.message(silent));
    }

    @Test
    void readyWaitsUntilNoCalendarIsStillPending() {
        assertTrue(KioskProbe.of(JsonReader.parseObject(HEALTHY)).calendarsLoaded());
        assertFalse(KioskProbe.of(JsonReader.parseObject(
                "{\"status\":\"degraded\",\"problems\":[\"no calendar has been loaded yet\"],\"sources\":"
                        + "[{\"id\":\"work\",\"state\":\"PENDING\"}],\"refresh_scheduler\":{\"alive\":true}}"))
                .calendarsLoaded());
    }

    @Test
    void theWatchdogIsOursOnlyWhenItsPidIsOursOrUnset() {
        SystemdNotify mine = SystemdNotify.from(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC",
                "60000000", "WATCHDOG_PID", "42"), 42);
        assertEquals(Duration.ofSeconds(60), mine.watchdog());
        assertNull(SystemdNotify.from(Map.of("NOTIFY_SOCKET", "/x", "WATCHDOG_USEC", "60000000", "WATCHDOG_PID", "7"),
                42).watchdog());
        assertFalse(SystemdNotify.from(Map.of(), 42).active());
        assertFalse(SystemdNotify.from(Map.of(), 42).send("READY=1"), "nothing is sent outside systemd");
    }
}
