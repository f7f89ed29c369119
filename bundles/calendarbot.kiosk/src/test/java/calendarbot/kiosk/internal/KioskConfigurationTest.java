package calendarbot.kiosk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import calendarbot.api.ConfigProxy;
import calendarbot.api.ManualTime;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KioskConfigurationTest {

    static KioskConfiguration.Config config(Map<String, ?> values) {
        return ConfigProxy.of(KioskConfiguration.Config.class, values);
    }

    /** Bookkeeping time, far from every fixed time below so a mix-up shows. */
    static final ManualTime TIME = new ManualTime("2031-05-06T07:08:09Z");

    static KioskConfiguration withEnvironment(Map<String, String> env) {
        return new KioskConfiguration(env::get, TIME);
    }

    @Test
    void defaultsAreWhatsNextTheJvmZoneAndTheBookkeepingTime() {
        ManualTime time = new ManualTime("2026-11-24T08:00:00Z");
        KioskConfiguration kiosk = new KioskConfiguration(Map.<String, String>of()::get, time);
        kiosk.configure(config(Map.of()));
        assertEquals("whatsnext", kiosk.layout());
        assertEquals(ZoneId.systemDefault(), kiosk.zone());
        assertNull(kiosk.meAddress());
        assertEquals(Instant.parse("2026-11-24T08:00:00Z"), kiosk.now());
        time.advance(Duration.ofMinutes(90));
        assertEquals(Instant.parse("2026-11-24T09:30:00Z"), kiosk.now(), "unfixed, the kiosk's now follows it");
    }

    @Test
    void heartbeatAndSkipKeywordsComeFromTheConfigurationWithCalendarbotLitesDefaults() {
        KioskConfiguration kiosk = withEnvironment(Map.of());
        kiosk.configure(config(Map.of()));
        assertEquals(30, kiosk.heartbeatSeconds());
        assertEquals(java.util.List.of("focus time", "focus", "deep work", "thinking time", "planning time"),
                kiosk.skipKeywords());
        kiosk.configure(config(Map.of("heartbeatSeconds", 45, "skipKeywords", new String[] { " Gym ", "" })));
        assertEquals(45, kiosk.heartbeatSeconds());
        assertEquals(java.util.List.of("gym"), kiosk.skipKeywords(), "trimmed, lower case, blanks dropped");
    }

    @Test
    void theTestTimeVariableWinsOverTheConfiguredFixedTime() {
        KioskConfiguration kiosk = withEnvironment(Map.of("CALENDARBOT_TEST_TIME", "2025-11-24T08:00:00Z"));
        kiosk.configure(config(Map.of("fixedTime", "2030-01-01T00:00:00Z")));
        assertEquals(Instant.parse("2025-11-24T08:00:00Z"), kiosk.now());
        assertEquals(kiosk.now(), kiosk.now(), "a fixed clock stays fixed");
    }

    @Test
    void theConfiguredFixedTimeAppliesWithoutTheVariable() {
        KioskConfiguration kiosk = withEnvironment(Map.of());
        kiosk.configure(config(Map.of("fixedTime", "2030-01-01T10:00:00+02:00")));
        assertEquals(Instant.parse("2030-01-01T08:00:00Z"), kiosk.now());
    }

    @Test
    void aLocalTestTimeIsReadInTheKioskZone() {
        KioskConfiguration kiosk = withEnvironment(Map.of("CALENDARBOT_TEST_TIME", "2025-07-01T09:30:00"));
        kiosk.configure(config(Map.of("timeZone", "America/Los_Angeles")));
        assertEquals(Instant.parse("2025-07-01T16:30:00Z"), kiosk.now());
    }

    @Test
    void anUnreadableTestTimeFallsBackToTheConfiguredOne() {
        KioskConfiguration kiosk = withEnvironment(Map.of("CALENDARBOT_TEST_TIME", "tomorrow-ish"));
        kiosk.configure(config(Map.of("fixedTime", "2030-01-01T00:00:00Z")));
        assertEquals(Instant.parse("2030-01-01T00:00:00Z"), kiosk.now());
    }

    @Test
    void removingTheFixedTimeReturnsToTheBookkeepingTime() {
        KioskConfiguration kiosk = withEnvironment(Map.of());
        kiosk.configure(config(Map.of("fixedTime", "2001-01-01T00:00:00Z")));
        assertEquals(Instant.parse("2001-01-01T00:00:00Z"), kiosk.now());
        kiosk.configure(config(Map.of()));
        assertEquals(TIME.instant(), kiosk.now());
    }

    @Test
    void anUnknownZoneKeepsThePreviousOne() {
        KioskConfiguration kiosk = withEnvironment(Map.of());
        kiosk.configure(config(Map.of("timeZone", "Europe/Berlin", "layout", "week", "meAddress", "me@x.org")));
        kiosk.configure(config(Map.of("timeZone", "Mars/Olympus_Mons", "layout", "week")));
        assertEquals(ZoneId.of("Europe/Berlin"), kiosk.zone());
        assertEquals("week", kiosk.layout());
    }

    @Test
    void fixedNowFormsCalendarbotLiteAccepts() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertEquals(Instant.parse("2025-11-24T08:00:00Z"), FixedNow.parse("2025-11-24T08:00:00Z", berlin));
        assertEquals(Instant.parse("2025-10-27T15:20:00Z"), FixedNow.parse("2025-10-27T08:20:00-07:00", berlin));
        assertEquals(Instant.parse("2025-11-24T07:00:00Z"), FixedNow.parse("2025-11-24 08:00:00", berlin));
        assertEquals(Instant.parse("2025-11-24T07:00:00Z"), FixedNow.parse("2025-11-24T08:00", berlin));
        assertEquals(Instant.parse("2025-11-23T23:00:00Z"), FixedNow.parse("2025-11-24", berlin));
        assertEquals(Instant.parse("2025-11-24T08:00:00Z"), FixedNow.parse("20251124T080000Z", berlin));
        assertThrows(DateTimeException.class, () -> FixedNow.parse("next tuesday", berlin));
    }
}
