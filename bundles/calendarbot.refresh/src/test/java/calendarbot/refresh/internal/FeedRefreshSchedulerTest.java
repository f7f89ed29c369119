package calendarbot.refresh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FixedKioskSettings;
import calendarbot.api.ManualTime;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.FetchException.Kind;
import calendarbot.api.model.ParseOptions;
import calendarbot.api.model.SourceSpec;
import calendarbot.api.model.SourceStatus;
import calendarbot.api.model.SourceStatus.State;
import calendarbot.api.model.Validators;
import calendarbot.refresh.internal.Fakes.Definition;
import calendarbot.refresh.internal.Fakes.Expander;
import calendarbot.refresh.internal.Fakes.Fetcher;
import calendarbot.refresh.internal.Fakes.Journal;
import calendarbot.refresh.internal.Fakes.ManualScheduling;
import calendarbot.refresh.internal.Fakes.Parser;
import calendarbot.refresh.internal.Fakes.Store;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedRefreshSchedulerTest {

    /** A single and a daily master of three: four occurrences. */
    static final String TWO_MEETINGS = "BEGIN:VCALENDAR\nEVENT:standup\nMASTER:daily-sync\nEND:VCALENDAR\n";
    /** Three singles: three occurrences. */
    static final String THREE_SINGLES = "BEGIN:VCALENDAR\nEVENT:one\nEVENT:two\nEVENT:three\nEND:VCALENDAR\n";
    /** What Outlook serves when the published link was revoked: a sign-in page with 200. */
    static final String SIGN_IN_PAGE = "<!DOCTYPE html><html><body>Sign in</body></html>\n";
    static final String LAST_MODIFIED = "Mon, 02 Mar 2026 08:00:00 GMT";
    static final Validators V1 = new Validators("\"v1\"", LAST_MODIFIED);
    static final String URL = "https://outlook.example.com/owa/calendar/secret/calendar.ics";

    @TempDir
    Path dir;

    final Journal journal = new Journal();
    final Fetcher fetcher = new Fetcher(journal);
    final Parser parser = new Parser(journal);
    final Expander expander = new Expander();
    final Store store = new Store();
    /** The kiosk's "now", and bookkeeping time four years apart: an assertion shows which one was read. */
    final ManualTime kioskNow = new ManualTime("2026-03-02T09:30:00Z");
    final ManualTime time = new ManualTime("2030-07-15T12:00:00Z");
    final FixedKioskSettings settings = Fakes.settings();
    ManualScheduling scheduling;

    FeedRefreshScheduler newScheduler() {
        ManualScheduling manual = new ManualScheduling();
        scheduling = manual;
        return new FeedRefreshScheduler(fetcher, parser, expander, store, kioskNow.asClock(), time, settings,
                () -> manual, new Random(7));
    }

    void activate(FeedRefreshScheduler refresher, Map<String, ?> config) {
        Map<String, Object> values = new HashMap<>();
        values.put("archiveDir", dir.toString());
        values.put("jitterSeconds", 0);
        values.put("refreshNowMinSeconds", 0); // the spacing of requests has a test of its own
        values.putAll(config);
        refresher.configure(ConfigProxy.of(FeedRefreshScheduler.Config.class, values), key -> null);
    }

    /** Binds the sources and activates: with the manual scheduling the first refresh has run on return. */
    FeedRefreshScheduler started(Map<String, ?> config, Definition... sources) {
        FeedRefreshScheduler refresher = newScheduler();
        for (Definition d : sources) {
            refresher.bindSource(d);
        }
        activate(refresher, config);
        return refresher;
    }

    FeedRefreshScheduler started(Definition... sources) {
        return started(Map.of(), sources);
    }

    static Definition work() {
        return new Definition("work", URL);
    }

    static SourceStatus status(FeedRefreshScheduler refresher, String id) {
        return refresher.status().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no source " + id));
    }

    Properties meta(String id) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(id + ".meta"))) {
            p.load(in);
        }
        return p;
    }

    Set<String> filesInArchive() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void firstFetchShowsTheEventsAndArchivesTheBodyWithItsValidators() throws IOException {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);

        FeedRefreshScheduler refresher = started(work());

        assertEquals(Validators.NONE, fetcher.previousSeen.get(0));
        assertEquals(List.of("fetch", "parse"), journal.calls());
        assertEquals(4, store.size("work"));
        assertEquals(TWO_MEETINGS, Files.readString(dir.resolve("work.ics")));
        Properties meta = meta("work");
        assertEquals("\"v1\"", meta.getProperty("etag"));
        assertEquals(LAST_MODIFIED, meta.getProperty("lastModified"));
        assertNull(meta.getProperty("url"), "the URL is the feed's secret");
        assertEquals(FeedKey.of(java.net.URI.create(URL)), meta.getProperty("feed"));
        assertEquals(String.valueOf(TWO_MEETINGS.length()), meta.getProperty("bytes"));
        assertEquals(Set.of("work.ics", "work.meta"), filesInArchive());

        SourceStatus st = status(refresher, "work");
        assertEquals(State.OK, st.state());
        assertNull(st.error());
        assertEquals(4, st.events());
        assertEquals(TWO_MEETINGS.length(), st.bytes());
        assertEquals(time.instant(), st.lastAttempt());
        assertEquals(time.instant(), st.lastSuccess());
        assertEquals(time.instant().plusSeconds(300), st.nextAttempt());
        assertEquals(kioskNow.instant().minus(Duration.ofDays(1)), expander.windows.get(0).from(),
                "the window is placed by the kiosk's clock");
        assertEquals(300, scheduling.pendingDelaySeconds());

        assertEquals(settings.zone, parser.lastOptions.kioskZone());
        assertEquals("me@example.com", parser.lastOptions.meAddress());
        // limits are the parser's configuration, not the refresh's
        assertEquals(ParseOptions.PARSER_SETTING, parser.lastOptions.maxDescriptionLength());
        assertEquals(ParseOptions.PARSER_SETTING, parser.lastOptions.maxLineLength());
    }

    @Test
    void aRefreshWaitingForAWorkerOrUnderWaySaysSinceWhenAndASuccessItsPhases() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        List<Runnable> waiting = new ArrayList<>();
        Scheduling held = new Scheduling() {
            @Override
            public Future<?> schedule(Runnable task, long delayMillis) {
                return new FutureTask<Void>(task, null);
            }

            @Override
            public void execute(Runnable refresh) {
                waiting.add(refresh);
            }

            @Override
            public void shutdownNow() {
            }
        };
        FeedRefreshScheduler refresher = new FeedRefreshScheduler(fetcher, parser, expander, store,
                kioskNow.asClock(), time, settings, () -> held, new Random(7));
        refresher.bindSource(work());
        activate(refresher, Map.of());
        Instant submitted = time.instant();
        time.advance(Duration.ofSeconds(5));
        SourceStatus queued = status(refresher, "work");
        assertEquals(submitted, queued.refreshingSince(), "what tells a wedged worker from a slow one");
        assertNull(queued.nextAttempt());
        assertNull(queued.lastPhases());

        waiting.remove(0).run();
        SourceStatus done = status(refresher, "work");
        assertNull(done.refreshingSince());
        assertNotNull(done.lastPhases());
        assertTrue(done.lastPhases().totalMillis() >= 0);
    }

    @Test
    void aBodyThatIsNotACalendarLeavesTheArchiveAndTheEventsAsTheyWere() throws IOException {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED).body(SIGN_IN_PAGE, "\"v2\"", null);
        FeedRefreshScheduler refresher = started(work());

        assertTrue(refresher.refreshNow("work"));

        assertEquals(TWO_MEETINGS, Files.readString(dir.resolve("work.ics")));
        assertEquals("\"v1\"", meta("work").getProperty("etag"));
        assertEquals(Set.of("work.ics", "work.meta"), filesInArchive(), "the temp copy is deleted");
        assertEquals(List.of("standup", "daily-sync"), store.uids("work"));
        SourceStatus st = status(refresher, "work");
        assertEquals(State.FAILING, st.state());
        assertEquals("not a calendar: HTML page", st.error());
        assertEquals(4, st.events());

        // the archived body still matches its validators, so the next fetch stays conditional
        refresher.refreshNow("work");
        assertEquals(V1, fetcher.previousSeen.get(2));
        assertEquals(State.OK, status(refresher, "work").state());
    }

    @Test
    void nothingIsArchivedUntilABodyParses() throws IOException {
        fetcher.body(SIGN_IN_PAGE, "\"login\"", null);

        FeedRefreshScheduler refresher = started(work());

        assertEquals(Set.of(), filesInArchive());
        assertEquals(State.FAILING, status(refresher, "work").state());
        assertEquals(0, store.size("work"));
    }

    @Test
    void aSourceAddedWhileRunningIsFetchedAtOnce() {
        FeedRefreshScheduler refresher = started();
        assertEquals(0, fetcher.fetches());
        fetcher.body(THREE_SINGLES, "\"h1\"", null);

        refresher.bindSource(new Definition("home", "https://calendar.example.org/home.ics"));

        assertEquals(1, fetcher.fetches());
        assertEquals(3, store.size("home"));
        assertEquals(State.OK, status(refresher, "home").state());
        assertEquals(300, scheduling.pendingDelaySeconds());
    }

    @Test
    void aConnectionBrokenMidBodyKeepsTheArchiveAndSaysSo() throws IOException {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED).broken("BEGIN:VCALENDAR\nEVENT:half", "Connection reset");
        FeedRefreshScheduler refresher = started(work());

        refresher.refreshNow("work");

        assertEquals(TWO_MEETINGS, Files.readString(dir.resolve("work.ics")));
        assertEquals(Set.of("work.ics", "work.meta"), filesInArchive());
        assertEquals(4, store.size("work"));
        assertEquals("reading the feed failed: Connection reset", status(refresher, "work").error());
    }

    @Test
    void aRefreshThatNeverEndedMakesTheNextStartWaitItsBackoffInsteadOfFetchingAtOnce() throws IOException {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        started(work()).deactivate();
        // the kiosk ran out of memory while reading this feed: its mark outlived the process
        Files.writeString(dir.resolve("work.unfinished"), "1");
        store.snapshots.clear();
        journal.calls.clear();

        FeedRefreshScheduler after = started(work());

        assertEquals(List.of("parse"), journal.calls(), "the archive is shown, the feed is not fetched");
        SourceStatus st = status(after, "work");
        assertEquals(State.FAILING, st.state());
        assertTrue(st.error().contains("did not finish"), st.error());
        assertEquals(4, st.events());
        assertEquals(30, scheduling.pendingDelaySeconds(), "the first retry's backoff");

        scheduling.fire();

        assertEquals(List.of("parse", "fetch"), journal.calls());
        assertEquals(State.OK, status(after, "work").state());
        assertFalse(Files.exists(dir.resolve("work.unfinished")), "a refresh that ends clears the mark");
    }

    @Test
    void afterARestartTheArchiveIsShownFirstAndTheFirstFetchIsConditional() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        FeedRefreshScheduler before = started(work());
        Instant fetchedAt = time.instant();
        before.deactivate();

        // a reboot: new instances, empty store
        store.snapshots.clear();
        journal.calls.clear();
        kioskNow.advance(Duration.ofHours(1));
        time.advance(Duration.ofHours(1));
        FeedRefreshScheduler after = newScheduler();
        after.bindSource(work());
        AtomicReference<SourceStatus> atFetch = new AtomicReference<>();
        fetcher.duringFetch = () -> atFetch.set(status(after, "work"));
        activate(after, Map.of());

        assertEquals(List.of("parse", "fetch"), journal.calls(), "archive parsed before the fetch, 304 not parsed");
        assertEquals(V1, fetcher.previousSeen.get(1));
        assertEquals(State.ARCHIVE, atFetch.get().state());
        assertEquals(4, atFetch.get().events());
        assertEquals(fetchedAt, atFetch.get().lastSuccess());
        assertEquals(TWO_MEETINGS.length(), atFetch.get().bytes());

        SourceStatus st = status(after, "work");
        assertEquals(State.OK, st.state());
        assertEquals(4, st.events());
    }

    @Test
    void anArchivedBodyWithoutItsMetaIsShownWithoutInventingAnAge() throws IOException {
        // a power cut between the body and its meta: the file's time is no refresh time (and another clock)
        Files.writeString(dir.resolve("work.ics"), TWO_MEETINGS);
        fetcher.fail(Kind.NETWORK, 0, "connection refused");

        FeedRefreshScheduler refresher = started(work());

        SourceStatus st = status(refresher, "work");
        assertEquals(4, st.events());
        assertNull(st.lastSuccess());
        assertEquals(time.instant(), st.lastAttempt());
    }

    @Test
    void tempFilesLeftByAPowerCutAreRemovedAtStart() throws IOException {
        Files.writeString(dir.resolve("work.ics.tmp"), "BEGIN:VCALENDAR\nEVENT:half-writ");
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);

        started(work());

        assertEquals(Set.of("work.ics", "work.meta"), filesInArchive());
    }

    @Test
    void notModifiedKeepsTheEventsWithoutParsing() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        FeedRefreshScheduler refresher = started(work());
        kioskNow.advance(Duration.ofMinutes(5));
        time.advance(Duration.ofMinutes(5));

        scheduling.fire(); // 304

        assertEquals(V1, fetcher.previousSeen.get(1));
        assertEquals(1, parser.parses);
        assertEquals(4, store.size("work"));
        SourceStatus st = status(refresher, "work");
        assertEquals(State.OK, st.state());
        assertEquals(time.instant(), st.lastSuccess());
        assertEquals(300, scheduling.pendingDelaySeconds());
    }

    @Test
    void notModifiedAfterSixHoursReexpandsTheArchiveForTheMovedWindow() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        started(work());
        kioskNow.advance(Duration.ofHours(7));

        scheduling.fire(); // 304

        assertEquals(2, parser.parses);
        assertEquals(2, expander.windows.size());
        assertEquals(kioskNow.instant().minus(Duration.ofDays(1)), expander.windows.get(1).from());
        assertEquals(4, store.size("work"));
    }

    @Test
    void aFixedKioskTimeKeepsTheWindowHoweverLongTheKioskRuns() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        started(work());
        time.advance(Duration.ofDays(30));

        scheduling.fire(); // 304

        assertEquals(1, parser.parses, "the kiosk's now did not move: nothing to re-expand");
        assertEquals(1, expander.windows.size());
    }

    @Test
    void aKioskTimeSetBackAYearReexpandsAtTheNextAnswer() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        started(work());
        kioskNow.set(kioskNow.instant().minus(Duration.ofDays(365)));

        scheduling.fire(); // 304

        assertEquals(2, expander.windows.size());
        assertEquals(kioskNow.instant().minus(Duration.ofDays(1)), expander.windows.get(1).from());
    }

    @Test
    void aFeedWithMoreEventsThanTheBoundIsRefusedAndTheLastGoodEventsStay() throws IOException {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        FeedRefreshScheduler refresher = started(Map.of("maxEventsPerSource", 100), work());
        StringBuilder huge = new StringBuilder("BEGIN:VCALENDAR\n");
        for (int i = 0; i < 101; i++) {
            huge.append("EVENT:e").append(i).append('\n');
        }
        fetcher.body(huge.append("END:VCALENDAR\n").toString(), "\"v2\"", null);

        scheduling.fire();

        SourceStatus st = status(refresher, "work");
        assertEquals(State.FAILING, st.state());
        assertTrue(st.error().contains("more than 100 events (calendarbot.refresh maxEventsPerSource)"), st.error());
        assertEquals(4, st.events(), "the last good events stay");
        assertEquals(TWO_MEETINGS, Files.readString(dir.resolve("work.ics")), "the archive keeps the good body");
    }

    @Test
    void aTimeZoneTheParserHadToGuessIsAWarningUntilAFeedNeedsNoGuess() {
        fetcher.body("BEGIN:VCALENDAR\nUNKNOWN-TZID:Nowhere\nEVENT:standup\nEND:VCALENDAR\n", "\"v1\"", null);
        FeedRefreshScheduler refresher = started(work());

        SourceStatus st = status(refresher, "work");
        assertEquals(State.OK, st.state(), "the events are shown all the same");
        assertEquals(List.of("unknown time zone 'Nowhere': its times are shown in " + settings.zone
                + " - check the calendar's VTIMEZONE or the kiosk's timeZone"), st.warnings());

        fetcher.body(TWO_MEETINGS, "\"v2\"", null);
        scheduling.fire();
        assertEquals(List.of(), status(refresher, "work").warnings());
    }

    @Test
    void refreshNowFetchesAtMostOncePerSpacingAndCoalescesTheRequestsBetween() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        FeedRefreshScheduler refresher = started(Map.of("refreshNowMinSeconds", 60), work());
        assertEquals(1, fetcher.fetches());

        for (int i = 0; i < 200; i++) {
            assertTrue(refresher.refreshNow("work"));
        }

        assertEquals(1, fetcher.fetches(), "200 requests right after a fetch: no fetch upstream");
        assertEquals(60, scheduling.pendingDelaySeconds(), "one fetch when the spacing has passed");
        time.advance(Duration.ofSeconds(60));
        scheduling.fire();
        assertEquals(2, fetcher.fetches());
        time.advance(Duration.ofSeconds(61));
        assertTrue(refresher.refreshNow("work"));
        assertEquals(3, fetcher.fetches(), "after the spacing a request fetches at once");
    }

    @Test
    void aServersRetryAfterIsHonouredByTheScheduleUpToTheLongestRetry() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        FeedRefreshScheduler refresher = started(Map.of("maxBackoffSeconds", 1800), work());
        fetcher.fail(new FetchException(Kind.HTTP_STATUS, 429, "429 Too Many Requests", null, Duration.ofSeconds(900)));

        scheduling.fire();

        assertEquals(900, scheduling.pendingDelaySeconds(), "not the 30 s of a first retry");
        fetcher.fail(new FetchException(Kind.HTTP_STATUS, 429, "429 Too Many Requests", null, Duration.ofHours(5)));
        scheduling.fire();
        assertEquals(1800, scheduling.pendingDelaySeconds(), "capped at the longest retry delay");
        assertEquals(State.FAILING, status(refresher, "work").state());
    }

    @Test
    void failuresBackOffFrom30SecondsDoublingUpToTheCapAndSuccessResetsIt() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        FeedRefreshScheduler refresher = started(Map.of("maxBackoffSeconds", 100), work());

        List<Long> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fetcher.fail(Kind.TIMEOUT, 0, "timeout after 30 s");
            scheduling.fire();
            delays.add(scheduling.pendingDelaySeconds());
        }

        assertEquals(List.of(30L, 60L, 100L, 100L), delays);
        SourceStatus st = status(refresher, "work");
        assertEquals(State.FAILING, st.state());
        assertEquals("timeout after 30 s", st.error());
        assertEquals(4, st.events(), "the last good events stay");
        assertEquals(time.instant().plusSeconds(100), st.nextAttempt());

        fetcher.body(THREE_SINGLES, "\"v2\"", null);
        scheduling.fire();

        st = status(refresher, "work");
        assertEquals(State.OK, st.state());
        assertNull(st.error());
        assertEquals(3, st.events());
        assertEquals(300, scheduling.pendingDelaySeconds());
    }

    @Test
    void aRevokedSecretUrlSaysWhereToLook() {
        fetcher.fail(Kind.AUTHENTICATION, 401, "HTTP 401");

        FeedRefreshScheduler refresher = started(work());

        SourceStatus st = status(refresher, "work");
        assertEquals(State.FAILING, st.state());
        assertEquals("401 Unauthorized — check the calendar URL's secret", st.error());
        assertEquals(0, st.events());
        assertEquals(30, scheduling.pendingDelaySeconds());
    }

    @Test
    void refreshNowFetchesAtOnceAndCoalescesWhileOneRuns() {
        Definition home = new Definition("home", "https://calendar.example.org/home.ics");
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED).body(THREE_SINGLES, "\"h1\"", null);
        FeedRefreshScheduler refresher = started(work(), home);
        assertEquals(2, fetcher.fetches());

        assertFalse(refresher.refreshNow("no-such-source"));
        assertTrue(refresher.refreshNow("work"));
        assertEquals(3, fetcher.fetches());
        assertEquals(2, scheduling.pending().size(), "one timer per source, the old one replaced");

        // a second request while the fetch runs joins it instead of fetching twice
        fetcher.duringFetch = () -> assertTrue(refresher.refreshNow("work"));
        refresher.refreshNow("work");
        assertEquals(4, fetcher.fetches());

        assertTrue(refresher.refreshNow(null));
        assertEquals(6, fetcher.fetches());
    }

    @Test
    void refreshNowAfterTheServerAnsweredGetsARunOfItsOwn() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED).body(TWO_MEETINGS, "\"v2\"", LAST_MODIFIED);
        FeedRefreshScheduler refresher = started(work());
        int before = fetcher.fetches();
        // asked while the body is being read (the server has answered): the answer may predate the request
        fetcher.afterBody = () -> {
            assertTrue(refresher.refreshNow("work"));
            assertTrue(refresher.refreshNow("work"));
        };
        refresher.refreshNow("work");
        assertEquals(before + 2, fetcher.fetches(), "one run for the request, one follow-up for both late ones");
    }

    @Test
    void aRemovedSourceLeavesTheStoreAndIsNotFetchedAgain() {
        Definition home = new Definition("home", "https://calendar.example.org/home.ics");
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED).body(THREE_SINGLES, "\"h1\"", null);
        FeedRefreshScheduler refresher = started(work(), home);
        assertEquals(3, store.size("home"));

        refresher.unbindSource(home);

        assertEquals(0, store.size("home"));
        assertEquals(List.of("home"), store.removed);
        assertEquals(List.of("work"), refresher.status().stream().map(SourceStatus::id).toList());
        assertEquals(1, scheduling.pending().size());
        assertFalse(refresher.refreshNow("home"));
    }

    @Test
    void aSourceRemovedDuringItsFetchDoesNotComeBack() {
        Definition work = work();
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED).body(THREE_SINGLES, "\"v2\"", null);
        FeedRefreshScheduler refresher = started(work);

        fetcher.duringFetch = () -> refresher.unbindSource(work);
        refresher.refreshNow("work");

        assertEquals(0, store.size("work"));
        assertTrue(refresher.status().isEmpty());
        assertTrue(scheduling.pending().isEmpty());
    }

    @Test
    void anUnwritableArchiveKeepsTheEventsInMemoryAndSaysSo() throws IOException {
        Path notAFolder = dir.resolve("not-a-folder");
        Files.writeString(notAFolder, "a file where the archive folder should be");
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);

        FeedRefreshScheduler refresher = started(Map.of("archiveDir", notAFolder.resolve("feeds").toString()), work());

        assertEquals(4, store.size("work"));
        SourceStatus st = status(refresher, "work");
        assertEquals(State.OK, st.state());
        assertTrue(st.error().startsWith("archive not written in " + notAFolder.resolve("feeds")), st.error());
        assertTrue(st.error().endsWith("showing the new events from memory"), st.error());

        // without an archived body a 304 would leave nothing to re-read: the next fetch is unconditional
        refresher.refreshNow("work");
        assertEquals(Validators.NONE, fetcher.previousSeen.get(1));
    }

    @Test
    void theDemoDisabledByAFileWithoutAUrlIsDisabledNotFailing() {
        // the README's way: "enabled = false" in a file of the demo's name in the user's folder, which replaces
        // the profile's file and so carries no URL
        Definition demo = new Definition("demo", "demo:calendar", false);
        demo.spec = new SourceSpec("demo", "Demo", null, "#2e7d32", false, null, null);
        demo.problem = "no feed URL configured";
        FeedRefreshScheduler refresher = started(demo);

        SourceStatus st = status(refresher, "demo");
        assertEquals(State.DISABLED, st.state());
        assertNull(st.error());
        assertEquals(0, fetcher.fetches());
    }

    @Test
    void aDisabledSourceIsNeitherFetchedNorShownUntilEnabled() {
        Definition holidays = new Definition("holidays", "https://calendar.example.org/holidays.ics", false);
        FeedRefreshScheduler refresher = started(holidays);

        assertEquals(0, fetcher.fetches());
        assertEquals(State.DISABLED, status(refresher, "holidays").state());
        assertEquals(List.of("holidays"), store.removed);
        assertTrue(scheduling.pending().isEmpty());
        assertFalse(refresher.refreshNow("holidays"));

        fetcher.body(THREE_SINGLES, "\"h1\"", null);
        refresher.updatedSource(holidays.with(Fakes.withEnabled(holidays.spec, true)));
        assertEquals(1, fetcher.fetches());
        assertEquals(State.OK, status(refresher, "holidays").state());
        assertEquals(3, store.size("holidays"));

        refresher.updatedSource(holidays.with(Fakes.withEnabled(holidays.spec, false)));
        assertEquals(0, store.size("holidays"));
        assertEquals(State.DISABLED, status(refresher, "holidays").state());
        assertTrue(scheduling.pending().isEmpty());
    }

    @Test
    void aNewUrlIsFetchedAtOnceWithoutTheOldValidators() {
        Definition work = work();
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        FeedRefreshScheduler refresher = started(work);

        String newUrl = "https://outlook.example.com/owa/calendar/new-secret/calendar.ics";
        fetcher.body(THREE_SINGLES, "\"n1\"", null);
        refresher.updatedSource(work.with(Fakes.withUrl(work.spec, newUrl)));

        assertEquals(2, fetcher.fetches());
        assertEquals(newUrl, fetcher.sourcesSeen.get(1).url().toString());
        assertEquals(Validators.NONE, fetcher.previousSeen.get(1));
        assertEquals(3, store.size("work"));
    }

    @Test
    void anExpansionThatFailsAfterTheArchiveWasWrittenIsRedoneOnTheNext304() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED).body(THREE_SINGLES, "\"v2\"", null);
        FeedRefreshScheduler refresher = started(work());
        expander.failNext = new RejectedExecutionException("queue full");

        refresher.refreshNow("work");
        assertEquals(State.FAILING, status(refresher, "work").state());
        assertEquals("the recurrence worker is busy (queue full)", status(refresher, "work").error());
        assertEquals(4, store.size("work"), "old events kept");

        refresher.refreshNow("work"); // 304 for v2, whose body is archived but not shown yet
        assertEquals(new Validators("\"v2\"", null), fetcher.previousSeen.get(2));
        assertEquals(List.of("one", "two", "three"), store.uids("work"));
        assertEquals(State.OK, status(refresher, "work").state());
    }

    @Test
    void intervalsAreJitteredWithinTheConfiguredSpread() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        started(Map.of("jitterSeconds", 30), work());

        Set<Long> delays = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            long delay = scheduling.pendingDelaySeconds();
            assertTrue(delay >= 270 && delay <= 330, "delay " + delay);
            delays.add(delay);
            scheduling.fire();
        }
        assertTrue(delays.size() > 1, "the delay varies");
    }

    @Test
    void sourcesWithTheSameNameGetDistinctStableIds() {
        fetcher.body(TWO_MEETINGS, "\"v1\"", null).body(THREE_SINGLES, "\"w1\"", null);

        FeedRefreshScheduler refresher = started(new Definition("work", "work", URL, true),
                new Definition("work", "work2", "https://calendar.example.org/other.ics", true));

        assertEquals(Set.of("work", "work-work2"),
                refresher.status().stream().map(SourceStatus::id).collect(Collectors.toSet()));
        assertEquals(7, store.size("work") + store.size("work-work2"));
    }

    @Test
    void deactivationStopsTimersAndLeavesTheStoreForTheNextActivation() {
        Definition work = work();
        fetcher.body(TWO_MEETINGS, "\"v1\"", LAST_MODIFIED);
        FeedRefreshScheduler refresher = started(work);

        refresher.deactivate();
        refresher.unbindSource(work); // SCR unbinds after deactivate

        assertTrue(scheduling.shutDown);
        assertTrue(scheduling.pending().isEmpty());
        assertFalse(refresher.refreshNow("work"));
        assertEquals(4, store.size("work"));
    }

    @Test
    void aSourceWithABadUrlIsReportedNotFetched() {
        Definition broken = work();
        broken.problem = "the feed URL must start with https://, http://, webcal:// or file:";

        FeedRefreshScheduler refresher = started(broken);

        assertEquals(0, fetcher.fetches());
        SourceStatus st = status(refresher, "work");
        assertEquals(State.FAILING, st.state());
        assertEquals(broken.problem, st.error());
    }

    @Test
    void theArchiveFolderComesFromTheFrameworkProperty() {
        assertEquals(Path.of("/var/lib/calendarbot/feeds"),
                FeedArchive.folder("${calendarbot.data}/feeds", k -> "/var/lib/calendarbot"));
        assertEquals(Path.of("./data/feeds"), FeedArchive.folder("${calendarbot.data}/feeds", k -> null));
        assertEquals(Path.of("/srv/feeds"), FeedArchive.folder("/srv/feeds", k -> "/ignored"));
        assertNotEquals(Path.of("./data/feeds"), FeedArchive.folder(" ", k -> "/data"));
    }
}
