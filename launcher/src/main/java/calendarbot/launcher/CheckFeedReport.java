package calendarbot.launcher;

import calendarbot.api.EventStore;
import calendarbot.api.MeetingSelector;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.WhatsNext;
import calendarbot.json.JsonWriter;
import java.io.PrintStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What check-feed found, in three forms: text for a person, one JSON object for a script, and JSON lines (one per
 * occurrence) for comparing with another implementation. The meeting's fields carry calendarbot_lite's names.
 */
final class CheckFeedReport {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    /** How many meetings "not shown" before the next one are named. */
    static final int NOT_SHOWN = 10;

    private final URI uri;
    private final FetchOutcome outcome;
    private final long fetchMillis;
    private final ParseReport report;
    private final Expansion expansion;
    private final ExpansionWindow window;
    private final Instant now;
    private final ZoneId zone;
    private final EventStore store;
    private final MeetingSelector selector;
    private final WhatsNext whatsNext;

    CheckFeedReport(URI uri, FetchOutcome outcome, long fetchMillis, ParseReport report, Expansion expansion,
            ExpansionWindow window, Instant now, ZoneId zone, EventStore store, MeetingSelector selector) {
        this.uri = uri;
        this.outcome = outcome;
        this.fetchMillis = fetchMillis;
        this.report = report;
        this.expansion = expansion;
        this.window = window;
        this.now = now;
        this.zone = zone;
        this.store = store;
        this.selector = selector;
        this.whatsNext = selector.whatsNext(store, now);
    }

    /** One JSON object per occurrence starting in the window, cancelled and free ones too. */
    void writeJsonl(PrintStream out) {
        long a = window.from().getEpochSecond();
        long b = window.to().getEpochSecond();
        for (Occurrence o : store.range(a, b)) {
            if (o.start() < a || o.start() >= b) {
                continue;
            }
            ParsedEvent e = o.event();
            boolean series = e.isRecurring() || e.isOverride();
            out.println(new JsonWriter(256).beginObject()
                    .field("uid", e.uid())
                    .field("recurrence_id", series ? time(o.originalStart(), o.allDay()) : null)
                    .field("start", time(o.start(), o.allDay()))
                    .field("end", time(o.end(), o.allDay()))
                    .field("all_day", o.allDay())
                    .field("summary", e.summary())
                    .field("location", e.location())
                    .field("status", e.status())
                    .field("transp", e.transp())
                    .endObject());
        }
    }

    /** The whole report as one JSON object. */
    String json() {
        return json(new JsonWriter(2048)).toString();
    }

    /** The whole report as one JSON object, written to {@code w} (one calendar among several). */
    JsonWriter json(JsonWriter w) {
        w.beginObject()
                .field("feed", SourceSpec.shown(uri))
                .field("http_status", outcome.httpStatus())
                .field("bytes", report.bytes())
                .field("fetch_ms", fetchMillis)
                .field("parse_ms", report.millis())
                .field("parser", report.parser())
                .field("calendar_name", report.calendarName())
                .field("calendar_zone", report.calendarZone())
                .field("events", report.events())
                .field("masters", report.masters())
                .field("overrides", report.overrides())
                .field("skipped", report.skipped())
                .field("salvaged", report.salvaged());
        w.name("rules").beginObject();
        report.rules().forEach((rule, count) -> w.field(rule, count));
        w.endObject();
        w.name("errors").beginArray();
        for (ParseReport.ParseError e : report.errors()) {
            w.beginObject().field("line", e.line()).field("rule", e.rule()).field("dropped", e.dropped())
                    .field("reason", e.reason()).endObject();
        }
        w.endArray();
        w.name("zones").beginObject();
        report.zones().forEach((tzid, how) -> w.field(tzid, how));
        w.endObject();
        w.field("occurrences", expansion.occurrences().size())
                .field("window_from", utc(window.from()))
                .field("window_to", utc(window.to()))
                .field("series_capped", expansion.seriesCapped())
                .field("series_over_budget", expansion.seriesOverBudget())
                .field("now_iso", utc(now))
                .field("timezone", zone.getId());
        w.name("meeting");
        meeting(w, whatsNext.next());
        w.name("current");
        meeting(w, whatsNext.current());
        w.name("status").beginObject()
                .field("message", whatsNext.status().message())
                .field("is_urgent", whatsNext.status().urgent())
                .field("is_critical", whatsNext.status().critical())
                .endObject();
        w.name("all_day_events").beginArray();
        for (Occurrence o : whatsNext.allDay()) {
            w.value(o.event().summary());
        }
        w.endArray();
        w.name("not_shown").beginArray();
        for (NotShown n : notShown()) {
            w.beginObject().field("meeting_id", n.occurrence().id()).field("subject", n.occurrence().event().summary())
                    .field("start_iso", utc(n.occurrence().start())).field("why", n.why()).endObject();
        }
        w.endArray();
        return w.endObject();
    }

    void writeText(PrintStream out) {
        out.printf("Feed:        %s%n", SourceSpec.shown(uri));
        out.printf("Fetched:     HTTP %d, %,d bytes in %d ms (parse %d ms, %s parser)%n", outcome.httpStatus(),
                report.bytes(), fetchMillis, report.millis(), report.parser() == null ? "unnamed" : report.parser());
        if (report.calendarName() != null || report.calendarZone() != null) {
            out.printf("Calendar:    %s%s%n", report.calendarName() == null ? "(no name)" : report.calendarName(),
                    report.calendarZone() == null ? "" : ", X-WR-TIMEZONE " + report.calendarZone());
        }
        out.printf("Events:      %d (%d recurring masters, %d overrides, %d single)%n", report.events(),
                report.masters(), report.overrides(), report.events() - report.masters() - report.overrides());
        out.printf("Dropped:     %d malformed component(s)%s%n", report.skipped(),
                report.truncatedLines() > 0 ? ", " + report.truncatedLines() + " over-long line(s) cut" : "");
        out.printf("Salvaged:    %d component(s) kept with a value repaired or ignored%n", report.salvaged());
        problems(out);
        if (!report.zones().isEmpty()) {
            out.printf("Zones:       %d seen%s%n", report.zones().size(),
                    report.zoneFallbacks() > 0 ? ", " + report.zoneFallbacks() + " unresolved (fell back)" : "");
            report.zones().forEach((tzid, how) -> out.printf("  %-40s -> %s%n", '"' + tzid + '"', how));
        }
        out.printf("Expansion:   %,d occurrences in [%s, %s) %s from %d series in %d ms%n",
                expansion.occurrences().size(), utc(window.from()),
                utc(window.to()), zone, expansion.series(), expansion.millis());
        if (expansion.seriesCapped() > 0 || expansion.seriesOverBudget() > 0) {
            out.printf("  %d series cut at the per-rule cap, %d over the time budget%n", expansion.seriesCapped(),
                    expansion.seriesOverBudget());
        }
        for (String p : expansion.problems()) {
            out.printf("  %s%n", p);
        }
        WhatsNext wn = whatsNext;
        out.printf("%nAt %s (%s %s):%n", utc(now), LOCAL.format(now.atZone(zone)),
                zone);
        if (wn.current() != null) {
            out.printf("  Now:       %s, ends in %d min%n", describe(wn.current()),
                    (wn.current().end() - wn.now() + 59) / 60);
        }
        for (Occurrence o : wn.allDay()) {
            out.printf("  All day:   %s%n", o.event().summary());
        }
        if (wn.next() == null) {
            out.printf("  Next:      none -- %s%n", wn.status().message());
        } else {
            out.printf("  Next:      %s, in %s -- %s%n", describe(wn.next()), minutes(wn.secondsUntilStart()),
                    wn.status().message());
        }
        for (NotShown n : notShown()) {
            out.printf("  Not shown: %s -- %s%n", describe(n.occurrence()), n.why());
        }
    }

    /** Each dropped or salvaged component: its line, what happened to it and the rule; then the count by rule. */
    private void problems(PrintStream out) {
        int applied = 0;
        for (int n : report.rules().values()) {
            applied += n;
        }
        for (ParseReport.ParseError e : report.errors()) {
            out.printf("  line %-7d %-8s %-22s %s%n", e.line(), e.rule() == null ? "" : e.dropped() ? "dropped" : "kept",
                    e.rule() == null ? "" : e.rule(), e.reason());
        }
        if (applied > report.errors().size()) {
            out.printf("  ... %d more; by rule: %s%n", applied - report.errors().size(), report.rules().entrySet()
                    .stream().map(r -> r.getKey() + " " + r.getValue()).collect(Collectors.joining(", ")));
        }
    }

    private record NotShown(Occurrence occurrence, String why) {
    }

    /** Occurrences from now up to the next meeting that the kiosk leaves out, and why. */
    private List<NotShown> notShown() {
        List<NotShown> result = new ArrayList<>();
        Occurrence next = whatsNext.next();
        for (Occurrence o : store.startingFrom(now.getEpochSecond(), 200, o -> true)) {
            if (next != null && o.start() > next.start()) {
                break;
            }
            String why = selector.exclusion(o);
            if (why != null) {
                result.add(new NotShown(o, why));
                if (result.size() == NOT_SHOWN) {
                    break;
                }
            }
        }
        return result;
    }

    private void meeting(JsonWriter w, Occurrence o) {
        if (o == null) {
            w.nullValue();
            return;
        }
        ParsedEvent e = o.event();
        w.beginObject()
                .field("meeting_id", o.id())
                .field("subject", e.summary())
                .field("start_iso", utc(o.start()))
                .field("end_iso", utc(o.end()))
                .field("seconds_until_start", o.start() - now.getEpochSecond())
                .field("location", e.location())
                .field("is_online_meeting", e.onlineMeetingUrl() != null)
                .endObject();
    }

    private String describe(Occurrence o) {
        String summary = o.event().summary() == null ? "(no title)" : o.event().summary();
        String when = o.allDay() ? LocalDate.ofInstant(o.startInstant(), zone) + " (all day)"
                : LOCAL.format(o.startInstant().atZone(zone)) + "-"
                        + DateTimeFormatter.ofPattern("HH:mm").format(o.endInstant().atZone(zone));
        return '"' + summary + "\" " + when + " [" + o.id() + "]";
    }

    private String time(long epochSecond, boolean allDay) {
        Instant i = Instant.ofEpochSecond(epochSecond);
        return allDay ? LocalDate.ofInstant(i, zone).toString() : utc(epochSecond);
    }

    private static String minutes(long seconds) {
        long m = Math.max(0, seconds) / 60;
        return m >= 120 ? (m / 60) + " h " + (m % 60) + " min" : m + " min";
    }

    /** A UTC time stamp as calendarbot_lite writes it ("2026-11-24T16:00:00Z"). */
    private static String utc(Instant instant) {
        return UTC.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static String utc(long epochSecond) {
        return utc(Instant.ofEpochSecond(epochSecond));
    }
}
