package calendarbot.display.internal;

import calendarbot.api.EventBuilder;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.ManualTime;
import calendarbot.api.MeetingSelector;
import calendarbot.api.MemoryEventStore;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.Screen;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.WhatsNext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A kiosk for the renderer, set up by a test: the selector's answer given outright (what the screen makes of an
 * answer is under test here, not the selection), the kiosk's "now" and the bookkeeping time apart, one source.
 * The kiosk's time is 2026-11-24 15:50 UTC, 07:50 in Los Angeles; bookkeeping time is another day entirely.
 */
final class Wall {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final Instant NOW = Instant.parse("2026-11-24T15:50:00Z");
    static final Instant BOOKKEEPING = Instant.parse("2027-03-01T10:00:00Z");

    final ManualTime kioskTime = new ManualTime(NOW);
    final ManualTime bookkeeping = new ManualTime(BOOKKEEPING);
    final MemoryEventStore store = new MemoryEventStore();
    final List<SourceStatus> sources = new ArrayList<>();
    Occurrence next;
    Occurrence current;
    final List<Occurrence> allDay = new ArrayList<>();
    WhatsNext.Status status = new WhatsNext.Status("Starting soon", true, false);

    /** "Design review" at 16:00 UTC (in ten minutes), online, in Room Fuji; fresh data from one source. */
    static Wall designReview() {
        Wall w = new Wall();
        w.next = meeting("design", "Design review", NOW.plusSeconds(600), Duration.ofMinutes(30))
                .location("Room Fuji").onlineMeetingUrl("https://teams.example/join/1").occurrence("work");
        w.fresh();
        return w;
    }

    static EventBuilder meeting(String uid, String summary, Instant start, Duration length) {
        return EventBuilder.meeting(uid, summary, start, length);
    }

    Wall fresh() {
        return source(SourceStatus.State.OK, BOOKKEEPING.minusSeconds(60));
    }

    Wall source(SourceStatus.State state, Instant lastSuccess) {
        sources.clear();
        sources.add(new SourceStatus("work", "Work", null, state, BOOKKEEPING.minusSeconds(30), lastSuccess,
                state == SourceStatus.State.FAILING ? "connection refused" : null, 3, 1000, 0, null));
        return this;
    }

    Wall inProgress(String summary, Instant start, Instant end) {
        current = EventBuilder.meeting("now-" + summary, summary, start, Duration.between(start, end))
                .occurrence("work");
        return this;
    }

    Wall allDay(String summary) {
        allDay.add(EventBuilder.allDay("day-" + summary, summary, LocalDate.of(2026, 11, 24))
                .allDayOccurrence("work", ZONE));
        return this;
    }

    ScreenRenderer renderer() {
        ScreenRenderer r = new ScreenRenderer();
        r.time = bookkeeping;
        r.clock = kioskTime.asClock();
        r.store = store;
        r.kiosk = new FixedKioskSettings(ZONE);
        r.selector = new MeetingSelector() {
            @Override
            public WhatsNext whatsNext(EventStore events, Instant now) {
                return new WhatsNext(next, current, List.copyOf(allDay),
                        next == null ? new WhatsNext.Status("No meetings scheduled", false, false) : status,
                        now.getEpochSecond());
            }

            @Override
            public String exclusion(Occurrence occurrence) {
                return null;
            }
        };
        r.refresher = new FeedRefresher() {
            @Override
            public List<SourceStatus> status() {
                return List.copyOf(sources);
            }

            @Override
            public boolean refreshNow(String sourceId) {
                return true;
            }
        };
        return r;
    }

    /** The picture's pixels. */
    int[] paint(Screen screen) {
        int[] rgb = new int[screen.fileWidth() * screen.fileHeight()];
        renderer().paint(screen, rgb);
        return rgb;
    }
}
