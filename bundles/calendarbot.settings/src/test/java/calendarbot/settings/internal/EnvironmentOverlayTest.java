package calendarbot.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.SettingOrigins;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentOverlayTest {

    /** What the launcher hands over for CALENDARBOT_ICS_URL and CALENDARBOT_REFRESH_INTERVAL. */
    static final String TRANSPORT = """
            {"settings":[
             {"variable":"CALENDARBOT_ICS_URL","pid":"calendarbot.source~default","property":"url",
              "value":"https://example.com/secret.ics","origin":"environment"},
             {"variable":"CALENDARBOT_WEB_PORT","pid":null,"property":"port","value":8080,"origin":"default"},
             {"variable":"CALENDARBOT_REFRESH_INTERVAL","pid":"calendarbot.refresh","property":"intervalSeconds",
              "value":600,"origin":".env /etc/calendarbot/calendarbot.env"},
             {"variable":"CALENDARBOT_DEFAULT_TIMEZONE","pid":"calendarbot.kiosk","property":"timeZone","value":null,
              "origin":null},
             {"variable":"CALENDARBOT_ICS_URL","pid":"calendarbot.source~demo","property":"enabled","value":false,
              "origin":"environment"}]}""";

    final EnvironmentOverlay overlay = EnvironmentOverlay.parse(TRANSPORT);

    @Test
    void theVariablesAreLaidOverWhatTheFileSaysAndOnlyWhereTheyAreSet() {
        Hashtable<String, Object> refresh = props("calendarbot.refresh", null);
        refresh.put("intervalSeconds", 300);
        refresh.put("jitterSeconds", 10);
        overlay.modifyConfiguration(null, refresh);
        assertEquals(600, refresh.get("intervalSeconds"), "an int, as the component's configuration wants");
        assertEquals(10, refresh.get("jitterSeconds"));

        Hashtable<String, Object> kiosk = props("calendarbot.kiosk", null);
        kiosk.put("timeZone", "Europe/Berlin");
        overlay.modifyConfiguration(null, kiosk);
        assertEquals("Europe/Berlin", kiosk.get("timeZone"), "no variable set: the file's value stays");

        Hashtable<String, Object> demo = props("calendarbot.source~demo", "calendarbot.source");
        overlay.modifyConfiguration(null, demo);
        assertEquals(false, demo.get("enabled"));
        assertEquals(Map.of("calendarbot.source~default", Map.of("url", "https://example.com/secret.ics"),
                "calendarbot.refresh", Map.of("intervalSeconds", 600),
                "calendarbot.source~demo", Map.of("enabled", false)), overlay.overlays());
    }

    @Test
    void aCalendarMadeForAVariableNoLongerSetIsOffUntilItIsRemoved() {
        Hashtable<String, Object> stale = props("calendarbot.source~work", "calendarbot.source");
        stale.put(EnvironmentConfigurations.MARKER, EnvironmentConfigurations.MADE_FROM_ENVIRONMENT);
        assertTrue(SettingOrigins.madeForVariablesOnly(stale));
        overlay.modifyConfiguration(null, stale);
        assertEquals(false, stale.get("enabled"));
        stale.remove("enabled");
        stale.put("colour", "#123456"); // someone made it their own in the console
        assertFalse(SettingOrigins.madeForVariablesOnly(stale));
    }

    @Test
    void withoutTheLauncherThereIsNothingToLayOver() {
        EnvironmentOverlay none = EnvironmentOverlay.parse(null);
        Hashtable<String, Object> refresh = props("calendarbot.refresh", null);
        none.modifyConfiguration(null, refresh);
        assertNull(refresh.get("intervalSeconds"));
        assertTrue(none.overlays().isEmpty());
    }

    private static Hashtable<String, Object> props(String pid, String factoryPid) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("service.pid", pid);
        if (factoryPid != null) {
            props.put("service.factoryPid", factoryPid);
        }
        return props;
    }
}
