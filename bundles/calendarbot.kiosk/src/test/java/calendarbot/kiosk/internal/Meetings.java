package calendarbot.kiosk.internal;

import calendarbot.api.EventStore;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Small meetings and an in-memory store for the selection tests. */
final class Meetings {

    private Meetings() {
    }

    /** A timed meeting with everything the parser may set left plain. */
    static Builder meeting(String uid, String summary, Instant start, Duration length) {
        return new Builder(uid, summary, start, length);
    }

    static Occurrence allDay(String uid, String summary, LocalDate day, ZoneId kioskZone) {
        return allDay(uid, summary, day, kioskZone, null, null);
    }

    static Occurrence allDay(String uid, String summary, LocalDate day, ZoneId kioskZone, String status, String transp) {
        ParsedEvent e = new ParsedEvent(uid, summary, null, null, EventTime.ofDate(day), EventTime.ofDate(day.plusDays(1)),
                null, null, null, null, null, false, 0, status, transp, null, null, false, null, 0, null, null, 1);
        long start = day.atStartOfDay(kioskZone).toEpochSecond();
        return new Occurrence("work", e, start, day.plusDays(1).atStartOfDay(kioskZone).toEpochSecond(), start, true);
    }

    static final class Builder {
        private final String uid;
        private final String summary;
        private final Instant start;
        private final Duration length;
        private String status;
        private String transp;
        private String busyStatus;
        private boolean outlookDeleted;
        private String partStat;

        Builder(String uid, String summary, Instant start, Duration length) {
            this.uid = uid;
            this.summary = summary;
            this.start = start;
            this.length = length;
        }

        Builder status(String value) {
            status = value;
            return this;
        }

        Builder transparent() {
            transp = "TRANSPARENT";
            return this;
        }

        Builder busyStatus(String value) {
            busyStatus = value;
            return this;
        }

        Builder outlookDeleted() {
            outlookDeleted = true;
            return this;
        }

        Builder myPartStat(String value) {
            partStat = value;
            return this;
        }

        Occurrence build() {
            EventTime s = EventTime.ofUtc(LocalDateTime.ofInstant(start, ZoneOffset.UTC));
            EventTime e = EventTime.ofUtc(LocalDateTime.ofInstant(start.plus(length), ZoneOffset.UTC));
            ParsedEvent event = new ParsedEvent(uid, summary, "Room 1", "", s, e, null, null, null, null, null, false, 0,
                    status, transp, null, busyStatus, outlookDeleted, null, 2, partStat, null, 1);
            return new Occurrence("work", event, start.getEpochSecond(), start.plus(length).getEpochSecond(),
                    start.getEpochSecond(), false);
        }
    }

    /** An EventStore over a fixed list. */
    static final class ListStore implements EventStore {
        final List<Occurrence> occurrences = new ArrayList<>();

        ListStore(Occurrence... items) {
            for (Occurrence o : items) {
                occurrences.add(o);
            }
            occurrences.sort(Comparator.comparingLong(Occurrence::start).thenComparingLong(Occurrence::end));
        }

        @Override
        public void replace(String sourceId, List<Occurrence> list) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String sourceId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Occurrence> range(long from, long to) {
            return occurrences.stream().filter(o -> o.start() < to && (o.end() > from || o.start() >= from)).toList();
        }

        @Override
        public List<Occurrence> startingFrom(long t, int limit, Predicate<Occurrence> filter) {
            return occurrences.stream().filter(o -> o.start() >= t).filter(filter).limit(limit).toList();
        }

        @Override
        public List<Occurrence> inProgress(long t) {
            return occurrences.stream().filter(o -> o.inProgressAt(t)).toList();
        }

        @Override
        public int size(String sourceId) {
            return occurrences.size();
        }

        @Override
        public long generation() {
            return 1;
        }
    }
}
