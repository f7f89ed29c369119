package calendarbot.api;

import calendarbot.api.model.WhatsNext;
import java.time.Instant;

/** Chooses the meeting the kiosk shows, with calendarbot_lite's rules (configuration {@code calendarbot.kiosk}). */
public interface MeetingSelector {

    /** What to show at {@code now}, from the occurrences in {@code store}, leaving out skipped ones. */
    WhatsNext whatsNext(EventStore store, Instant now);
}
