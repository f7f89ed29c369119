package calendarbot.api;

import java.time.ZoneId;
import java.util.List;

/** Kiosk settings a test sets field by field. */
public final class FixedKioskSettings implements KioskSettings {

    public ZoneId zone;
    public String layout = "whatsnext";
    public String meAddress;
    public int heartbeatSeconds = 30;
    public List<String> skipKeywords = List.of();

    public FixedKioskSettings(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public String layout() {
        return layout;
    }

    @Override
    public String meAddress() {
        return meAddress;
    }

    @Override
    public int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    @Override
    public List<String> skipKeywords() {
        return skipKeywords;
    }
}
