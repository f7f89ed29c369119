package calendarbot.refresh.internal;

import calendarbot.api.SourceDefinition;
import calendarbot.api.EventBuilder;
import calendarbot.api.EventStore;
import calendarbot.api.FeedFetcher;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.IcsParser;
import calendarbot.api.RecurrenceExpander;
import calendarbot.api.model.EventTime;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.FeedBody;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchOutcome;
import calendarbot.api.model.NotACalendarException;
import calendarbot.api.model.Occurrence;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.ParseReport;
import calendarbot.api.model.ParsedEvent;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.Validators;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Small stand-ins for the services the refresher uses. The "feed" format is a toy: BEGIN:VCALENDAR, then
 * EVENT:uid (a single), MASTER:uid (a daily series, three occurrences) or BAD:x (a skipped component), then
 * END:VCALENDAR. Every call is written to a shared journal so tests can check the order of things.
 */
final class Fakes {

    private Fakes() {
    }

    static final class Journal {
        final List<String> calls = new ArrayList<>();

        synchronized void add(String call) {
            calls.add(call);
        }

        synchronized List<String> calls() {
            return List.copyOf(calls);
        }
    }

    /** The kiosk's settings as the refresher tests need them: Berlin, the owner's address. */
    static FixedKioskSettings settings() {
        FixedKioskSettings s = new FixedKioskSettings(ZoneId.of("Europe/Berlin"));
        s.meAddress = "me@example.com";
        return s;
    }

    static final class Parser implements IcsParser {
        final Journal journal;
        int parses;
        ParseOptions lastOptions;

        Parser(Journal journal) {
            this.journal = journal;
        }

        @Override
        public ParseReport parse(InputStream in, ParseOptions options, Consumer<ParsedEvent> sink) throws IOException {
            parses++;
            lastOptions = options;
            journal.add("parse");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String first = reader.readLine();
            if (first == null) {
                throw new NotACalendarException("empty body");
            }
            if (first.startsWith("<")) {
                throw new NotACalendarException("HTML page");
            }
            if (!first.equals("BEGIN:VCALENDAR")) {
                throw new NotACalendarException("no BEGIN:VCALENDAR");
            }
            int events = 0;
            int masters = 0;
            int skipped = 0;
            Map<String, String> zones = new java.util.LinkedHashMap<>();
            Map<String, Integer> rules = new java.util.LinkedHashMap<>();
            int salvaged = 0;
            int line = 1;
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                line++;
                if (l.equals("END:VCALENDAR")) {
                    return new ParseReport(null, null, 0, events, masters, 0, skipped, List.of(), 0, zones,
                            zones.size(), 1, salvaged, rules, "fake");
                }
                if (l.startsWith("EVENT:")) {
                    sink.accept(event(l.substring(6), false, line));
                    events++;
                } else if (l.startsWith("UNKNOWN-TZID:")) {
                    // as the real parser reports a zone it had to fall back from
                    zones.put(l.substring(13), options.kioskZone() + ParseReport.FALLBACK + "kiosk zone)");
                } else if (l.startsWith("SALVAGED:")) {
                    // SALVAGED:uid:rule, an event kept with a value the real parser repaired or ignored
                    String[] parts = l.split(":");
                    sink.accept(event(parts[1], false, line));
                    events++;
                    salvaged++;
                    rules.merge(parts[2], 1, Integer::sum);
                } else if (l.startsWith("DROPPED:")) {
                    skipped++;
                    rules.merge(l.substring(8), 1, Integer::sum);
                } else if (l.startsWith("MASTER:")) {
                    sink.accept(event(l.substring(7), true, line));
                    events++;
                    masters++;
                } else {
                    skipped++;
                }
            }
            throw new NotACalendarException("truncated before END:VCALENDAR");
        }
    }

    static ParsedEvent event(String uid, boolean daily, int line) {
        EventTime start = EventTime.ofUtc(LocalDateTime.of(2026, 3, 2, 10, 0));
        EventBuilder e = EventBuilder.event(uid).summary("Meeting " + uid).start(start).duration(Duration.ofMinutes(30))
                .line(line);
        return (daily ? e.rrule("FREQ=DAILY;COUNT=3") : e).build();
    }

    static final class Expander implements RecurrenceExpander {
        final List<ExpansionWindow> windows = new ArrayList<>();
        RuntimeException failNext;

        @Override
        public ExpansionWindow window(Instant now, ZoneId dateZone) {
            return new ExpansionWindow(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), dateZone, 250,
                    200);
        }

        @Override
        public CompletionStage<Expansion> expand(String sourceId, List<ParsedEvent> events, ExpansionWindow window) {
            windows.add(window);
            if (failNext != null) {
                RuntimeException e = failNext;
                failNext = null;
                return CompletableFuture.failedFuture(e);
            }
            List<Occurrence> out = new ArrayList<>();
            int series = 0;
            for (ParsedEvent e : events) {
                long start = e.start().toInstant(window.dateZone()).getEpochSecond();
                int count = e.isRecurring() ? 3 : 1;
                series += e.isRecurring() ? 1 : 0;
                for (int i = 0; i < count; i++) {
                    long s = start + i * 86_400L;
                    out.add(new Occurrence(sourceId, e, s, s + 1800, s, false));
                }
            }
            return CompletableFuture.completedFuture(new Expansion(out, series, 0, 0, List.of(), 1));
        }
    }

    static final class Store implements EventStore {
        final Map<String, List<Occurrence>> snapshots = new HashMap<>();
        final List<String> removed = new ArrayList<>();
        long generation;

        @Override
        public synchronized void replace(String sourceId, List<Occurrence> occurrences) {
            snapshots.put(sourceId, List.copyOf(occurrences));
            generation++;
        }

        @Override
        public synchronized void remove(String sourceId) {
            snapshots.remove(sourceId);
            removed.add(sourceId);
            generation++;
        }

        @Override
        public List<Occurrence> range(long from, long to) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Occurrence> startingFrom(long t, int limit, Predicate<Occurrence> filter) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Occurrence> inProgress(long t) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized int size(String sourceId) {
            return snapshots.getOrDefault(sourceId, List.of()).size();
        }

        @Override
        public synchronized long generation() {
            return generation;
        }

        synchronized List<String> uids(String sourceId) {
            return snapshots.getOrDefault(sourceId, List.of()).stream().map(o -> o.event().uid()).distinct().toList();
        }
    }

    /** Answers fetches from a script; with the script empty, 304. */
    static final class Fetcher implements FeedFetcher {
        final Journal journal;
        final Deque<Answer> script = new ArrayDeque<>();
        final List<Validators> previousSeen = new ArrayList<>();
        final List<SourceSpec> sourcesSeen = new ArrayList<>();
        Runnable duringFetch;
        /** Runs once, after the reader has consumed a body: the server has answered. */
        Runnable afterBody;

        Fetcher(Journal journal) {
            this.journal = journal;
        }

        sealed interface Answer permits Body, NotModified, Failure, BrokenStream {
        }

        record Body(String text, Validators validators) implements Answer {
        }

        record NotModified() implements Answer {
        }

        record Failure(FetchException exception) implements Answer {
        }

        /** A body whose connection breaks after {@code text}. */
        record BrokenStream(String text, String error) implements Answer {
        }

        Fetcher body(String text, String etag, String lastModified) {
            script.add(new Body(text, new Validators(etag, lastModified)));
            return this;
        }

        Fetcher notModified() {
            script.add(new NotModified());
            return this;
        }

        Fetcher fail(FetchException.Kind kind, int status, String message) {
            return fail(new FetchException(kind, status, message, null));
        }

        Fetcher fail(FetchException failure) {
            script.add(new Failure(failure));
            return this;
        }

        Fetcher broken(String text, String error) {
            script.add(new BrokenStream(text, error));
            return this;
        }

        int fetches() {
            return previousSeen.size();
        }

        @Override
        public FetchOutcome fetch(SourceSpec source, Validators previous, BodyReader reader) throws FetchException {
            journal.add("fetch");
            previousSeen.add(previous);
            sourcesSeen.add(source);
            if (duringFetch != null) {
                Runnable hook = duringFetch;
                duringFetch = null;
                hook.run();
            }
            Answer answer = script.isEmpty() ? new NotModified() : script.poll();
            if (answer instanceof NotModified) {
                return new FetchOutcome(true, 304, previous, 0, 1, 2);
            }
            if (answer instanceof Failure f) {
                throw f.exception();
            }
            byte[] bytes;
            InputStream stream;
            Validators validators;
            if (answer instanceof Body b) {
                bytes = b.text().getBytes(StandardCharsets.UTF_8);
                stream = new ByteArrayInputStream(bytes);
                validators = b.validators();
            } else {
                BrokenStream broken = (BrokenStream) answer;
                bytes = broken.text().getBytes(StandardCharsets.UTF_8);
                stream = new BreakingStream(bytes, broken.error());
                validators = Validators.NONE;
            }
            try {
                reader.read(new FeedBody(stream, bytes.length, true, validators, source.url()));
                if (afterBody != null) {
                    Runnable hook = afterBody;
                    afterBody = null;
                    hook.run();
                }
            } catch (NotACalendarException e) {
                throw new FetchException(FetchException.Kind.NOT_A_CALENDAR, 200, e.getMessage(), e);
            } catch (IOException e) {
                throw new FetchException(FetchException.Kind.NETWORK, 200, e.getMessage(), e);
            }
            return new FetchOutcome(false, 200, validators, bytes.length, 1, 3);
        }
    }

    static final class BreakingStream extends InputStream {
        private final ByteArrayInputStream data;
        private final String error;

        BreakingStream(byte[] bytes, String error) {
            this.data = new ByteArrayInputStream(bytes);
            this.error = error;
        }

        @Override
        public int read() throws IOException {
            int b = data.read();
            if (b < 0) {
                throw new IOException(error);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = data.read(b, off, len);
            if (n < 0) {
                throw new IOException(error);
            }
            return n;
        }
    }

    /** Timers are only recorded (a test fires them); refreshes run at once on the calling thread. */
    static final class ManualScheduling implements Scheduling {
        record Timer(FutureTask<Void> task, long delayMillis) {
            boolean pending() {
                return !task.isDone();
            }
        }

        final List<Timer> timers = new ArrayList<>();
        boolean shutDown;

        @Override
        public Future<?> schedule(Runnable task, long delayMillis) {
            if (shutDown) {
                throw new RejectedExecutionException("shut down");
            }
            FutureTask<Void> f = new FutureTask<>(task, null);
            timers.add(new Timer(f, delayMillis));
            return f;
        }

        @Override
        public void execute(Runnable refresh) {
            if (shutDown) {
                throw new RejectedExecutionException("shut down");
            }
            refresh.run();
        }

        @Override
        public void shutdownNow() {
            shutDown = true;
            timers.forEach(t -> t.task().cancel(true));
        }

        List<Timer> pending() {
            return timers.stream().filter(Timer::pending).toList();
        }

        /** Fires the one pending timer, as if its delay had passed. */
        void fire() {
            List<Timer> pending = pending();
            if (pending.size() != 1) {
                throw new AssertionError("expected one pending timer, found " + pending.size());
            }
            pending.get(0).task().run();
        }

        long pendingDelaySeconds() {
            List<Timer> pending = pending();
            if (pending.size() != 1) {
                throw new AssertionError("expected one pending timer, found " + pending.size());
            }
            return pending.get(0).delayMillis() / 1000;
        }
    }

    /** A configured source, as CalendarSourceConfig would register it. */
    static final class Definition implements SourceDefinition {
        volatile SourceSpec spec;
        volatile String problem;
        final String configName;

        Definition(String id, String url) {
            this(id, url, true);
        }

        Definition(String id, String url, boolean enabled) {
            this(id, id, url, enabled);
        }

        Definition(String id, String configName, String url, boolean enabled) {
            this.spec = new SourceSpec(id, id, URI.create(url), "#4a90d9", enabled, null, null);
            this.configName = configName;
        }

        Definition with(SourceSpec newSpec) {
            this.spec = newSpec;
            return this;
        }

        @Override
        public SourceSpec spec() {
            return spec;
        }

        @Override
        public String configName() {
            return configName;
        }

        @Override
        public String problem() {
            return problem;
        }
    }

    static SourceSpec withUrl(SourceSpec s, String url) {
        return new SourceSpec(s.id(), s.name(), URI.create(url), s.colour(), s.enabled(), s.auth(), s.headers());
    }

    static SourceSpec withEnabled(SourceSpec s, boolean enabled) {
        return new SourceSpec(s.id(), s.name(), s.url(), s.colour(), enabled, s.auth(), s.headers());
    }
}
