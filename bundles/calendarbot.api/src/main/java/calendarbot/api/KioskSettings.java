package calendarbot.api;

import java.time.ZoneId;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Kiosk-wide settings (configuration {@code calendarbot.kiosk}) other bundles need. */
@ProviderType
public interface KioskSettings {

    /** The kiosk's time zone: all-day dates, floating times and displayed times use it. */
    ZoneId zone();

    /** The name of the layout the kiosk page loads. */
    String layout();

    /** The kiosk owner's e-mail address, for PARTSTAT; may be null. */
    String meAddress();

    /** How often the kiosk page reports that it is alive (POST /api/browser-heartbeat), in seconds. */
    int heartbeatSeconds();

    /** Lower-case words: a meeting whose subject contains one is never the next meeting (focus time). */
    List<String> skipKeywords();
}
