package calendarbot.launcher;

import calendarbot.api.Clock;
import calendarbot.api.EventStore;
import calendarbot.api.FeedFetcher;
import calendarbot.api.IcsParser;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.RecurrenceExpander;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleException;

/**
 * {@code calendarbot check-feed}: "why is my meeting not shown?" answered by the kiosk's own services (fetcher,
 * parser, recurrence expander, event store, meeting selection) with the kiosk's own configuration: the profile's
 * {@code configs/}, the user's folder and the CALENDARBOT_* settings, as the server reads them. Without a feed it
 * checks each calendar the kiosk is configured with.
 */
final class CheckFeedCommand {
    static final String USAGE = "usage: calendarbot check-feed [<file|url>] [--now ISO] [--from DATE --to DATE] "
            + "[--tz ZONE] [--max-per-rule N] [--format text|json|jsonl] [--config DIR] [--data DIR]";
    /** The source id the feed is stored under in check-feed's own event store. */
    static final String SOURCE = "check-feed";
    /** A series' time budget when every occurrence is listed. */
    static final long LISTING_BUDGET_MILLIS = 60_000;

    private CheckFeedCommand() {
    }

    /**
     * What the command line asked for; null fields take the kiosk's configuration (its clock, zone and window).
     *
     * @param config the user's configuration folder (default {@code <data>/configs}, as for the server)
     * @param data the data folder (its skip list is read)
     */
    record Request(String feed, String now, String from, String to, String zone, Integer maxPerRule, String format,
            Path config, Path data) {
    }

    static int run(String[] args, Path home, Map<String, String> environment, PrintStream out, PrintStream err) {
        Request request;
        try {
            request = parse(args, home);
        } catch (IllegalArgumentException e) {
            err.println("check-feed: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        OneLineSettings settings;
        try {
            settings = OneLineSettings.read(environment, OneLineSettings.files(request.config(), request.data()));
        } catch (OneLineSettings.BadSetting e) {
            // word for word what the server says for the same value (Main)
            err.println("calendarbot: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("check-feed: " + e.getMessage());
            return 1;
        }
        settings.warnings().forEach(w -> err.println("calendarbot: " + w));
        // the launcher's host and port: check-feed listens nowhere
        List<OneLineSettings.Setting> all = settings.all(null, null);
        try (CheckFeedFramework kiosk = CheckFeedFramework.boot(home, request.data(), request.config(), all)) {
            if (request.feed() == null) {
                return ConfiguredCalendars.check(request, kiosk, out, err);
            }
            URI uri = feedUri(request.feed());
            return check(request, new SourceSpec(SOURCE, SOURCE, uri, null, true, null, Map.of()), kiosk, out, err);
        } catch (IllegalArgumentException e) {
            err.println("check-feed: " + e.getMessage());
            return 2;
        } catch (IOException | FetchException | BundleException e) {
            err.println("check-feed: " + failure(e));
            return 1;
        }
    }

    /** Why a feed could not be checked, in one line. */
    static String failure(Exception e) {
        if (e instanceof NotACalendarException) {
            return "not a calendar: " + e.getMessage();
        }
        if (e instanceof FetchException f) {
            return f.getCause() instanceof NotACalendarException notACalendar
                    ? "not a calendar: " + notACalendar.getMessage()
                    : "fetch failed (" + f.kind() + "): " + f.getMessage();
        }
        return e.getMessage();
    }

    static Request parse(String[] args, Path home) {
        Map<String, String> options = new java.util.HashMap<>();
        String feed = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                if (feed != null) {
                    throw new IllegalArgumentException("one feed at a time ('" + feed + "' and '" + a + "')");
                }
                feed = a;
                continue;
            }
            if (!List.of("--now", "--from", "--to", "--tz", "--max-per-rule", "--format", "--config", "--data")
                    .contains(a)) {
                throw new IllegalArgumentException("unknown option " + a);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            options.put(a, args[++i]);
        }
        String format = options.getOrDefault("--format", "text");
        if (!List.of("text", "json", "jsonl").contains(format)) {
            throw new IllegalArgumentException("--format is text, json or jsonl, not '" + format + "'");
        }
        if (feed == null && format.equals("jsonl")) {
            throw new IllegalArgumentException("--format jsonl lists one feed's occurrences: give a file or a URL");
        }
        Integer max = null;
        if (options.containsKey("--max-per-rule")) {
            try {
                max = Integer.parseInt(options.get("--max-per-rule"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--max-per-rule wants a number, not '"
                        + options.get("--max-per-rule") + "'");
            }
        }
        String zone = options.get("--tz");
        if (zone != null) {
            zone(zone);
        }
        Path data = Paths.get(options.getOrDefault("--data", home.resolve("data").toString())).toAbsolutePath()
                .normalize();
        Path config = options.containsKey("--config") ? Paths.get(options.get("--config")).toAbsolutePath().normalize()
                : data.resolve("configs");
        return new Request(feed, options.get("--now"), options.get("--from"), options.get("--to"), zone, max, format,
                config, data);
    }

    /** Checks one feed and prints its report in the format asked for. */
    static int check(Request r, SourceSpec source, CheckFeedFramework kiosk, PrintStream out, PrintStream err)
            throws IOException, FetchException {
        CheckFeedReport result = report(r, source, kiosk, err);
        switch (r.format()) {
            case "jsonl" -> result.writeJsonl(out);
            case "json" -> out.println(result.json());
            default -> result.writeText(out);
        }
        return 0;
    }

    /**
     * The report on {@code source}: fetched with its credentials and headers, parsed, expanded and selected from as
     * the kiosk would. Its occurrences stay in the kiosk's store under the source's id until the caller removes them,
     * after the report is written.
     */
    static CheckFeedReport report(Request r, SourceSpec source, CheckFeedFramework kiosk, PrintStream err)
            throws IOException, FetchException {
        URI uri = source.url();
        KioskSettings settings = kiosk.service(KioskSettings.class);
        ZoneId zone = r.zone() != null ? zone(r.zone()) : settings.zone();
        Instant now = r.now() != null ? instant(r.now(), zone, "--now") : kiosk.service(Clock.class).now();
        FeedFetcher fetcher = kiosk.service(FeedFetcher.class);
        IcsParser parser = kiosk.service(IcsParser.class);
        RecurrenceExpander expander = kiosk.service(RecurrenceExpander.class);

        List<ParsedEvent> events = new ArrayList<>();
        ParseReport[] report = new ParseReport[1];
        // the limits are the parser's configuration, as in the refresher (a Pi keeps shorter descriptions)
        ParseOptions options = new ParseOptions(zone, settings.meAddress(), ParseOptions.PARSER_SETTING,
                ParseOptions.PARSER_SETTING);
        long fetchStart = System.nanoTime();
        FetchOutcome outcome = fetcher.fetch(source, Validators.NONE,
                body -> report[0] = parser.parse(body.stream(), options, events::add));
        long fetchMillis = (System.nanoTime() - fetchStart) / 1_000_000;
        if (report[0] == null) {
            throw new IOException("the server sent nothing to parse (HTTP " + outcome.httpStatus() + ")");
        }

        // the kiosk's window and per-series limits; listing (jsonl) wants every occurrence of the series instead
        ExpansionWindow configured = expander.window(now, zone);
        boolean listing = r.format().equals("jsonl") && r.maxPerRule() == null;
        ExpansionWindow window = new ExpansionWindow(
                r.from() != null ? instant(r.from(), zone, "--from") : configured.from(),
                r.to() != null ? instant(r.to(), zone, "--to") : configured.to(), zone,
                r.maxPerRule() != null ? r.maxPerRule() : listing ? Integer.MAX_VALUE : configured.maxOccurrencesPerRule(),
                listing ? LISTING_BUDGET_MILLIS : configured.timeBudgetMillis());
        if (!window.to().isAfter(window.from())) {
            throw new IllegalArgumentException("--to must be after --from");
        }
        Expansion expansion = expand(expander, source.id(), events, window);
        // the kiosk's store removes duplicates (same UID and RECURRENCE-ID) and applies its cap, as on the wall
        EventStore store = kiosk.service(EventStore.class);
        store.replace(source.id(), expansion.occurrences());
        if (store.size(source.id()) < expansion.occurrences().size()) {
            err.printf("check-feed: the kiosk keeps %d of the %d occurrences (duplicates removed, and at most "
                    + "calendarbot.cache maxOccurrencesPerSource)%n", store.size(source.id()),
                    expansion.occurrences().size());
        }
        MeetingSelector selector = kiosk.service(MeetingSelector.class);
        return new CheckFeedReport(uri, outcome, fetchMillis, report[0], expansion, window, now, zone, store,
                selector);
    }

    private static Expansion expand(RecurrenceExpander expander, String id, List<ParsedEvent> events,
            ExpansionWindow window) throws IOException {
        try {
            return expander.expand(id, events, window).toCompletableFuture().get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new IOException("expanding recurrences failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer from the recurrence worker within 5 min");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    static URI feedUri(String feed) {
        String lower = feed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("webcal://")
                || lower.startsWith("webcals://") || lower.startsWith("file:") || lower.startsWith("demo:")) {
            return URI.create(feed);
        }
        Path file = Paths.get(feed).toAbsolutePath();
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return file.toUri();
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + name + "'");
        }
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
}
