package calendarbot.launcher;

import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import calendarbot.api.model.WhatsNext;
import calendarbot.cache.internal.SnapshotEventStore;
import calendarbot.fetcher.internal.HttpFeedFetcher;
import calendarbot.kiosk.internal.SelectionRules;
import calendarbot.kiosk.internal.WhatsNextSelector;
import calendarbot.parser.internal.StreamingIcsParser;
import calendarbot.rrule.internal.RecurrenceWorker;
import calendarbot.web.internal.WhatsNextJson;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code calendarbot check-feed}: runs the server's own fetcher, parser, recurrence expansion, cache and meeting
 * selection on one feed, outside the framework, to answer "why is my meeting not shown?".
 */
final class CheckFeedCommand {
    static final String USAGE = "usage: calendarbot check-feed <file|url> [--now ISO] [--from DATE --to DATE] "
            + "[--tz ZONE] [--max-per-rule N] [--format text|json|jsonl]";
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final int SERVER_CAP = 250;
    private static final long SERVER_BUDGET_MS = 200;

    private CheckFeedCommand() {
    }

    /** What the command line asked for. */
    record Request(String feed, Instant now, boolean nowGiven, String from, String to, ZoneId zone, Integer maxPerRule,
            String format) {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("check-feed: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            return check(request, out);
        } catch (NotACalendarException e) {
            err.println("check-feed: not a calendar: " + e.getMessage());
            return 1;
        } catch (FetchException e) {
            if (e.getCause() instanceof NotACalendarException notACalendar) {
                err.println("check-feed: not a calendar: " + notACalendar.getMessage());
            } else {
                err.println("check-feed: fetch failed (" + e.kind() + "): " + e.getMessage());
            }
            return 1;
        } catch (IOException e) {
            err.println("check-feed: " + e.getMessage());
            return 1;
        }
    }

    static Request parse(String[] args) {
        String feed = null;
        String nowText = null;
        String from = null;
        String to = null;
        ZoneId zone = ZoneId.systemDefault();
        Integer max = null;
        String format = "text";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (feed != null) {
                    throw new IllegalArgumentException("one feed at a time ('" + feed + "' and '" + a + "')");
                }
                feed = a;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--now" -> nowText = v;
                case "--from" -> from = v;
                case "--to" -> to = v;
                case "--tz" -> {
                    try {
                        zone = ZoneId.of(v);
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException("unknown time zone '" + v + "'");
                    }
                }
                case "--max-per-rule" -> {
                    try {
                        max = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--max-per-rule wants a number, not '" + v + "'");
                    }
                }
                case "--format" -> {
                    if (!List.of("text", "json", "jsonl").contains(v)) {
                        throw new IllegalArgumentException("--format is text, json or jsonl, not '" + v + "'");
                    }
                    format = v;
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (feed == null) {
            throw new IllegalArgumentException("which feed? give a file or a URL");
        }
        Instant now = nowText == null ? Instant.now() : instant(nowText, zone, "--now");
        return new Request(feed, now, nowText != null, from, to, zone, max, format);
    }

    /** An instant, an offset date-time, a local date-time in {@code zone}, or a date (its midnight in {@code zone}). */
    static Instant instant(String text, ZoneId zone, String option) {
        String t = text.trim().replace(' ', 'T');
        try {
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.length() > 19 && (t.charAt(19) == '+' || t.charAt(19) == '-' || t.lastIndexOf('+') > 10)) {
                return OffsetDateTime.parse(t).toInstant();
            }
            if (t.contains("T")) {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            }
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " wants an ISO date or date-time, not '" + text + "'");
        }
    }

    private static int check(Request r, PrintStream out) throws IOException, FetchException {
        URI uri = feedUri(r.feed());
        HttpFeedFetcher fetcher = new HttpFeedFetcher();
        fetcher.configure(AnnotationDefaults.of(HttpFeedFetcher.Config.class));
        StreamingIcsParser parser = new StreamingIcsParser();
        parser.activate(AnnotationDefaults.of(StreamingIcsParser.Config.class));
        ParseOptions options = parser.defaultOptions(r.zone());

        List<ParsedEvent> events = new ArrayList<>();
        ParseReport[] report = new ParseReport[1];
        SourceSpec source = new SourceSpec("check-feed", "check-feed", uri, null, true, null, Map.of());
        long fetchStart = System.nanoTime();
        FetchOutcome outcome = fetcher.fetch(source, Validators.NONE,
                body -> report[0] = parser.parse(body.stream(), options, events::add));
        long fetchMillis = (System.nanoTime() - fetchStart) / 1_000_000;
        if (report[0] == null) {
            throw new IOException("the server sent nothing to parse (HTTP " + outcome.httpStatus() + ")");
        }

        boolean jsonl = r.format().equals("jsonl");
        Instant from = r.from() != null ? instant(r.from(), r.zone(), "--from") : r.now().minus(Duration.ofDays(1));
        Instant to = r.to() != null ? instant(r.to(), r.zone(), "--to") : r.now().plus(Duration.ofDays(365));
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("--to must be after --from");
        }
        int cap = r.maxPerRule() != null ? r.maxPerRule() : jsonl ? Integer.MAX_VALUE : SERVER_CAP;
        long budget = jsonl && r.maxPerRule() == null ? 60_000 : SERVER_BUDGET_MS;
        Expansion expansion = RecurrenceWorker.expandNow("check-feed", events,
                new ExpansionWindow(from, to, r.zone(), cap, budget));

        // The server's cache removes duplicates (same UID and RECURRENCE-ID) before anything is shown.
        SnapshotEventStore store = new SnapshotEventStore();
        store.configure(jsonl ? AnnotationDefaults.of(SnapshotEventStore.Config.class,
                Map.of("maxOccurrencesPerSource", Integer.MAX_VALUE))
                : AnnotationDefaults.of(SnapshotEventStore.Config.class));
        store.replace("check-feed", expansion.occurrences());
        switch (r.format()) {
            case "jsonl" -> writeJsonl(store.range(from.getEpochSecond(), to.getEpochSecond()), from, to, r.zone(), out);
            case "json" -> out.println(WhatsNextJson.render(selector(r).whatsNext(store, r.now()), r.zone(), "whatsnext"));
            default -> writeText(r, uri, outcome, fetchMillis, report[0], expansion, store, from, to, out);
        }
        return 0;
    }

    static URI feedUri(String feed) {
        String lower = feed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("webcal://")
                || lower.startsWith("webcals://") || lower.startsWith("file:")) {
            return URI.create(feed);
        }
        Path file = Paths.get(feed).toAbsolutePath();
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return file.toUri();
    }

    private static WhatsNextSelector selector(Request r) {
        return new WhatsNextSelector(SelectionRules.DEFAULTS, r.zone(), WhatsNextSelector.NO_SKIPS);
    }

    /** One JSON object per occurrence starting in [from, to), cancelled and free ones too. */
    static void writeJsonl(List<Occurrence> occurrences, Instant from, Instant to, ZoneId zone, PrintStream out) {
        long a = from.getEpochSecond();
        long b = to.getEpochSecond();
        StringBuilder line = new StringBuilder(256);
        for (Occurrence o : occurrences) {
            if (o.start() < a || o.start() >= b) {
                continue;
            }
            ParsedEvent e = o.event();
            boolean series = e.isRecurring() || e.isOverride();
            line.setLength(0);
            line.append("{\"uid\":").append(json(e.uid()))
                    .append(",\"recurrence_id\":").append(series ? json(time(o.originalStart(), o.allDay(), zone)) : "null")
                    .append(",\"start\":").append(json(time(o.start(), o.allDay(), zone)))
                    .append(",\"end\":").append(json(time(o.end(), o.allDay(), zone)))
                    .append(",\"all_day\":").append(o.allDay())
                    .append(",\"summary\":").append(json(e.summary()))
                    .append(",\"location\":").append(json(e.location()))
                    .append(",\"status\":").append(json(e.status()))
                    .append(",\"transp\":").append(json(e.transp()))
                    .append('}');
            out.println(line);
        }
    }

    private static String time(long epochSecond, boolean allDay, ZoneId zone) {
        Instant i = Instant.ofEpochSecond(epochSecond);
        return allDay ? LocalDate.ofInstant(i, zone).toString() : UTC.format(i.atOffset(ZoneOffset.UTC));
    }

    private static void writeText(Request r, URI uri, FetchOutcome outcome, long fetchMillis, ParseReport report,
            Expansion expansion, SnapshotEventStore store, Instant from, Instant to, PrintStream out) {
        out.printf("Feed:        %s%n", redact(uri));
        out.printf("Fetched:     HTTP %d, %,d bytes in %d ms (parse %d ms)%n", outcome.httpStatus(), report.bytes(),
                fetchMillis, report.millis());
        if (report.calendarName() != null || report.calendarZone() != null) {
            out.printf("Calendar:    %s%s%n", report.calendarName() == null ? "(no name)" : report.calendarName(),
                    report.calendarZone() == null ? "" : ", X-WR-TIMEZONE " + report.calendarZone());
        }
        out.printf("Events:      %d (%d recurring masters, %d overrides, %d single)%n", report.events(),
                report.masters(), report.overrides(), report.events() - report.masters() - report.overrides());
        out.printf("Skipped:     %d malformed component(s)%s%n", report.skipped(),
                report.truncatedLines() > 0 ? ", " + report.truncatedLines() + " over-long line(s) cut" : "");
        for (ParseReport.ParseError e : report.errors()) {
            out.printf("  line %d: %s%n", e.line(), e.reason());
        }
        if (!report.zones().isEmpty()) {
            out.printf("Zones:       %d seen%s%n", report.zones().size(),
                    report.zoneFallbacks() > 0 ? ", " + report.zoneFallbacks() + " unresolved (fell back)" : "");
            report.zones().forEach((tzid, how) -> out.printf("  %-40s -> %s%n", '"' + tzid + '"', how));
        }
        out.printf("Expansion:   %,d occurrences in [%s, %s) %s from %d series in %d ms%n",
                expansion.occurrences().size(), UTC.format(from.atOffset(ZoneOffset.UTC)),
                UTC.format(to.atOffset(ZoneOffset.UTC)), r.zone(), expansion.series(), expansion.millis());
        if (expansion.seriesCapped() > 0 || expansion.seriesOverBudget() > 0) {
            out.printf("  %d series cut at the per-rule cap, %d over the time budget%n", expansion.seriesCapped(),
                    expansion.seriesOverBudget());
        }
        for (String p : expansion.problems()) {
            out.printf("  %s%n", p);
        }
        if (!r.nowGiven()) {
            return;
        }
        WhatsNextSelector selector = selector(r);
        WhatsNext wn = selector.whatsNext(store, r.now());
        out.printf("%nAt %s (%s %s):%n", UTC.format(r.now().atOffset(ZoneOffset.UTC)),
                LOCAL.format(r.now().atZone(r.zone())), r.zone());
        if (wn.current() != null) {
            out.printf("  Now:       %s, ends in %d min%n", describe(wn.current(), r.zone()),
                    (wn.current().end() - wn.now() + 59) / 60);
        }
        for (Occurrence o : wn.allDay()) {
            out.printf("  All day:   %s%n", o.event().summary());
        }
        if (wn.next() == null) {
            out.printf("  Next:      none -- %s%n", wn.status().message());
        } else {
            out.printf("  Next:      %s, in %s -- %s%n", describe(wn.next(), r.zone()),
                    minutes(wn.secondsUntilStart()), wn.status().message());
        }
        int shown = 0;
        for (Occurrence o : store.startingFrom(r.now().getEpochSecond(), 200, o -> true)) {
            if (wn.next() != null && o.start() > wn.next().start()) {
                break;
            }
            String why = selector.exclusion(o);
            if (why != null && shown++ < 10) {
                out.printf("  Not shown: %s -- %s%n", describe(o, r.zone()), why);
            }
        }
    }

    private static String describe(Occurrence o, ZoneId zone) {
        String summary = o.event().summary() == null ? "(no title)" : o.event().summary();
        String when = o.allDay() ? LocalDate.ofInstant(o.startInstant(), zone) + " (all day)"
                : LOCAL.format(o.startInstant().atZone(zone)) + "-"
                        + DateTimeFormatter.ofPattern("HH:mm").format(o.endInstant().atZone(zone));
        return '"' + summary + "\" " + when + " [" + o.id() + "]";
    }

    private static String minutes(long seconds) {
        long m = Math.max(0, seconds) / 60;
        return m >= 120 ? (m / 60) + " h " + (m % 60) + " min" : m + " min";
    }

    /** Calendar URLs carry their secret in the path or query: show the host only. */
    static String redact(URI uri) {
        if ("file".equals(uri.getScheme())) {
            return uri.getPath();
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPath() == null || uri.getPath().isEmpty() ? "" : "/...");
    }

    static String json(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
