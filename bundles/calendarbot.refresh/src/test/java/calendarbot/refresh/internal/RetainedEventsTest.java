package calendarbot.refresh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.EventBuilder;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.ParsedEvent;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetainedEventsTest {

    private static final EventTime NINE = EventTime.ofUtc(LocalDateTime.of(2026, 11, 24, 9, 0));

    private static ParsedEvent invitation(String uid, String summary, int sequence) {
        return EventBuilder.event(uid).summary(summary).start(NINE).sequence(sequence).build();
    }

    @Test
    void aReSentInvitationReplacesTheOneBeforeItAndTheHigherSequenceWins() {
        RetainedEvents events = new RetainedEvents(10);
        events.accept(invitation("a", "Review", 0));
        events.accept(invitation("b", "Standup", 0));
        events.accept(invitation("a", "Review (moved)", 1));
        events.accept(invitation("a", "Review (stale copy)", 0));
        assertEquals(List.of("Review (moved)", "Standup"), events.list().stream().map(ParsedEvent::summary).toList());
        assertEquals(2, events.replaced());
    }

    @Test
    void overridesAreKeptPerRecurrenceId() {
        RetainedEvents events = new RetainedEvents(10);
        events.accept(EventBuilder.event("w").start(NINE).rrule("FREQ=WEEKLY").build());
        events.accept(EventBuilder.event("w").start(NINE).recurrenceId(NINE).summary("moved").build());
        events.accept(EventBuilder.event("w").start(NINE)
                .recurrenceId(EventTime.ofUtc(LocalDateTime.of(2026, 12, 1, 9, 0))).build());
        assertEquals(3, events.list().size());
    }

    @Test
    void anEndlessStreamOfTheSameEventsStaysSmallAndTooManyDistinctOnesAreRefused() {
        RetainedEvents events = new RetainedEvents(100);
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < 100; i++) {
                events.accept(invitation("e" + i, "Meeting " + i, 0));
            }
        }
        assertEquals(100, events.list().size());
        RetainedEvents.TooManyEvents e = assertThrows(RetainedEvents.TooManyEvents.class,
                () -> events.accept(invitation("one-more", "Too many", 0)));
        assertTrue(e.getMessage().contains("more than 100 events (calendarbot.refresh maxEventsPerSource)"));
    }
}
