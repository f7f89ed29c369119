package calendarbot.api;

import java.time.ZoneId;

/** Kiosk-wide settings (configuration {@code calendarbot.kiosk}) other bundles need. */
public interface KioskSettings {

    /** The kiosk's time zone: all-day dates, floating times and displayed times use it. */
    ZoneId zone();

    /** The name of the layout the kiosk page loads. */
    String layout();

    /** The kiosk owner's e-mail address, for PARTSTAT; may be null. */
    String meAddress();
}
