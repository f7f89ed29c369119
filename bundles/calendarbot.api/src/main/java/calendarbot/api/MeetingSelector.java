package calendarbot.api;

import calendarbot.api.model.Occurrence;
import calendarbot.api.model.WhatsNext;
import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** Chooses the meeting the kiosk shows, with calendarbot_lite's rules (configuration {@code calendarbot.kiosk}). */
@ProviderType
public interface MeetingSelector {

    /** What to show at {@code now}, from the occurrences in {@code store}, leaving out skipped ones. */
    WhatsNext whatsNext(EventStore store, Instant now);

    /**
     * Why {@code occurrence} can never be the next meeting (all-day, cancelled, free, declined, a skip keyword,
     * skipped on the kiosk), in the kiosk owner's words; null when it can be. "Why is my meeting not shown?"
     */
    String exclusion(Occurrence occurrence);
}
