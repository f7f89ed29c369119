package calendarbot.rrule.internal;

import static calendarbot.api.EventBuilder.event;
import static calendarbot.rrule.internal.TestEvents.BERLIN;
import static calendarbot.rrule.internal.TestEvents.time;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.model.Expansion;
import calendarbot.api.model.ExpansionWindow;
import calendarbot.api.model.ParsedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded worker: settings, named daemon threads, refusal when full, resizing, stopping. */
class RecurrenceWorkerTest {

    private static final Instant NOW = Instant.parse("2025-06-02T08:00:00Z");
    private static final ParsedEvent DAILY = event("daily").start(time("20250601T090000", BERLIN))
            .duration(Duration.ofHours(1)).rrule("FREQ=DAILY").build();

    private final RecurrenceWorker worker = new RecurrenceWorker();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        worker.deactivate();
    }

    private void configure(Map<String, Object> values) {
        worker.configure(ConfigProxy.of(RecurrenceWorker.Config.class, values));
    }

    /** A feed whose reading blocks until the test releases it, telling when a worker thread has it. */
    private final class BlockingFeed extends AbstractList<ParsedEvent> {
        final CountDownLatch started = new CountDownLatch(1);
        volatile Thread thread;

        @Override
        public ParsedEvent get(int index) {
            return DAILY;
        }

        @Override
        public int size() {
            thread = Thread.currentThread();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            return 1;
        }
    }

    private CompletableFuture<Expansion> expand(List<ParsedEvent> events) {
        return worker.expand("work", events, worker.window(NOW, BERLIN)).toCompletableFuture();
    }

    @Test
    void theWindowFollowsTheSettingsAndTheirChanges() {
        configure(Map.of("pastDays", 2, "windowDays", 30, "maxOccurrencesPerRule", 100, "timeBudgetMs", 50L));
        ExpansionWindow w = worker.window(NOW, BERLIN);
        assertEquals(NOW.minus(Duration.ofDays(2)), w.from());
        assertEquals(NOW.plus(Duration.ofDays(30)), w.to());
        assertEquals(100, w.maxOccurrencesPerRule());
        assertEquals(50, w.timeBudgetMillis());
        assertEquals(BERLIN, w.dateZone());

        configure(Map.of("windowDays", 7));
        assertEquals(NOW.plus(Duration.ofDays(7)), worker.window(NOW, BERLIN).to());
        assertEquals(250, worker.window(NOW, BERLIN).maxOccurrencesPerRule());
    }

    @Test
    void feedsAreExpandedOnANamedDaemonThread() throws Exception {
        configure(Map.of("windowDays", 7));
        BlockingFeed feed = new BlockingFeed();
        release.countDown();
        Expansion e = expand(feed).get(30, TimeUnit.SECONDS);
        assertEquals(8, e.occurrences().size()); // 2 to 9 June; 1 June ended when the window begins
        assertTrue(feed.thread.getName().startsWith("calendarbot-rrule-"), feed.thread.getName());
        assertTrue(feed.thread.isDaemon());
    }

    @Test
    void aFeedWithMoreOccurrencesThanTheBoundIsRefusedNotHeld() throws Exception {
        configure(Map.of("maxOccurrencesPerFeed", 1000, "maxOccurrencesPerRule", 400));
        release.countDown();
        ParsedEvent[] series = new ParsedEvent[3];
        for (int i = 0; i < series.length; i++) {
            series[i] = event("daily-" + i).start(time("20250601T090000", BERLIN)).duration(Duration.ofHours(1))
                    .rrule("FREQ=DAILY").build();
        }
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> worker.expand("big", List.of(series), worker.window(NOW, BERLIN)).toCompletableFuture()
                        .get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("more than 1000 occurrences"), e.getCause().getMessage());
        // two series of 365 fit
        Expansion fits = worker.expand("fits", List.of(series[0], series[1]), worker.window(NOW, BERLIN))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(732, fits.occurrences().size());
    }

    @Test
    void aFullQueueRefusesTheFeedAtOnce() throws Exception {
        configure(Map.of("workerConcurrency", 1, "queueCapacity", 1, "windowDays", 7));
        BlockingFeed running = new BlockingFeed();
        CompletableFuture<Expansion> first = expand(running);
        assertTrue(running.started.await(30, TimeUnit.SECONDS));
        CompletableFuture<Expansion> queued = expand(List.of(DAILY));
        CompletableFuture<Expansion> refused = expand(List.of(DAILY));

        assertTrue(refused.isCompletedExceptionally());
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(RejectedExecutionException.class, e.getCause());

        release.countDown();
        assertEquals(8, first.get(30, TimeUnit.SECONDS).occurrences().size());
        assertEquals(8, queued.get(30, TimeUnit.SECONDS).occurrences().size());
    }

    @Test
    void resizingLetsTheRunningExpansionFinishAndServesNewFeedsAtOnce() throws Exception {
        configure(Map.of("workerConcurrency", 1, "queueCapacity", 1, "windowDays", 7));
        BlockingFeed running = new BlockingFeed();
        CompletableFuture<Expansion> first = expand(running);
        assertTrue(running.started.await(30, TimeUnit.SECONDS));

        configure(Map.of("workerConcurrency", 2, "queueCapacity", 4, "windowDays", 7));
        Expansion meanwhile = expand(List.of(DAILY)).get(30, TimeUnit.SECONDS); // the new pool is free
        assertEquals(8, meanwhile.occurrences().size());
        assertTrue(!first.isDone());

        release.countDown();
        assertEquals(8, first.get(30, TimeUnit.SECONDS).occurrences().size());
    }

    @Test
    void stoppingFailsTheFeedsStillWaiting() throws Exception {
        configure(Map.of("workerConcurrency", 1, "queueCapacity", 2));
        BlockingFeed running = new BlockingFeed();
        CompletableFuture<Expansion> first = expand(running);
        assertTrue(running.started.await(30, TimeUnit.SECONDS));
        CompletableFuture<Expansion> waiting = expand(List.of(DAILY));

        worker.deactivate();
        ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(30, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, e.getCause());
        assertThrows(ExecutionException.class, () -> first.get(30, TimeUnit.SECONDS)); // interrupted
        ExecutionException after = assertThrows(ExecutionException.class,
                () -> expand(List.of(DAILY)).get(30, TimeUnit.SECONDS));
        assertInstanceOf(RejectedExecutionException.class, after.getCause());
    }
}
