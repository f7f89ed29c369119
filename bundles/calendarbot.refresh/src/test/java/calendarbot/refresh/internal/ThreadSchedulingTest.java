package calendarbot.refresh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.api.ConfigProxy;
import calendarbot.api.FeedFetcher;
import calendarbot.api.ManualTime;
import calendarbot.api.model.FetchException;
import calendarbot.api.model.SourceStatus.State;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real threads: latches only wait for them (a hang fails the test), nothing is timed. */
class ThreadSchedulingTest {

    @TempDir
    Path dir;

    @Test
    void refreshesRunOnANamedDaemonWorkerAndDeactivationInterruptsThem() throws Exception {
        CountDownLatch fetching = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        FeedFetcher hangingServer = (source, previous, reader) -> {
            worker.set(Thread.currentThread());
            fetching.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            throw new FetchException(FetchException.Kind.CANCELLED, "interrupted");
        };
        Fakes.Journal journal = new Fakes.Journal();
        FeedRefreshScheduler refresher = new FeedRefreshScheduler(hangingServer, new Fakes.Parser(journal),
                new Fakes.Expander(), new Fakes.Store(), new ManualTime("2026-03-02T09:30:00Z").asClock(),
                new ManualTime("2026-03-02T09:30:00Z"), Fakes.settings(),
                ThreadScheduling::new, new Random());
        refresher.bindSource(new Fakes.Definition("work", "https://calendar.example.com/work.ics"));
        refresher.configure(ConfigProxy.of(FeedRefreshScheduler.Config.class, Map.of("archiveDir", dir.toString())),
                key -> null);

        assertTrue(fetching.await(10, TimeUnit.SECONDS), "the first fetch starts on its own");
        assertTrue(worker.get().getName().startsWith("calendarbot-refresh-"), worker.get().getName());
        assertTrue(worker.get().isDaemon());

        refresher.deactivate();

        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "deactivation interrupts the running fetch");
        assertEquals(State.PENDING, refresher.status().get(0).state(), "a shutdown is not a failed fetch");
    }

    @Test
    void aDelayedTaskRunsOnTheTimerAndHandsWorkToAWorker() throws Exception {
        ThreadScheduling scheduling = new ThreadScheduling();
        try {
            CountDownLatch done = new CountDownLatch(1);
            AtomicReference<String> timerThread = new AtomicReference<>();
            AtomicReference<String> workerThread = new AtomicReference<>();
            scheduling.schedule(() -> {
                timerThread.set(Thread.currentThread().getName());
                scheduling.execute(() -> {
                    workerThread.set(Thread.currentThread().getName());
                    done.countDown();
                });
            }, 1);

            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals("calendarbot-refresh-timer", timerThread.get());
            assertTrue(workerThread.get().startsWith("calendarbot-refresh-"), workerThread.get());
        } finally {
            scheduling.shutdownNow();
        }
    }
}
