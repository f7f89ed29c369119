package calendarbot.launcher;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Watches the kiosk from outside the framework, over its own HTTP port, and tells systemd how it is: READY=1 once
 * HTTP answers and every calendar has shown its archive (or its feed answered; at most {@link #READY_WAIT}), STATUS=
 * whenever the health line changes, and WATCHDOG=1 every half watchdog period, but only while HTTP answers and the
 * refresh scheduler is at work: a wedged connector or scheduler lets the watchdog run out and systemd restarts the
 * kiosk. (STOPPING=1 is sent by the launcher's shutdown hook.)
 */
final class Supervision implements Runnable {

    static final Duration FIRST_ANSWER = Duration.ofMinutes(2);
    /** A calendar whose feed does not answer must not hold up the start: it shows when it comes. */
    static final Duration READY_WAIT = Duration.ofSeconds(30);
    /** How often the health line is looked at when there is no watchdog. */
    static final Duration STATUS_EVERY = Duration.ofSeconds(30);

    private final URI health;
    private final SystemdNotify notify;
    private final Runnable firstAnswer;
    private String lastStatus;
    private String lastWhy;

    /** @param firstAnswer prints the "ready in N ms" line */
    Supervision(URI health, SystemdNotify notify, Runnable firstAnswer) {
        this.health = health;
        this.notify = notify;
        this.firstAnswer = firstAnswer;
    }

    @Override
    public void run() {
        try {
            KioskProbe probe = awaitAnswer();
            if (probe == null) {
                System.err.println("calendarbot: no HTTP answer at " + health + " after " + FIRST_ANSWER.toMinutes()
                        + " minutes");
                return;
            }
            firstAnswer.run();
            if (!notify.active()) {
                return;
            }
            long readyBy = System.nanoTime() + READY_WAIT.toNanos();
            while (!probe.calendarsLoaded() && System.nanoTime() - readyBy < 0) {
                Thread.sleep(250);
                probe = KioskProbe.ask(health);
            }
            List<String> ready = new ArrayList<>(List.of("READY=1"));
            ready.addAll(message(probe));
            notify.send(ready.toArray(String[]::new));
            Duration every = notify.watchdog() == null ? STATUS_EVERY : notify.watchdog().dividedBy(2);
            while (true) {
                Thread.sleep(every.toMillis());
                List<String> message = message(KioskProbe.ask(health));
                if (!message.isEmpty()) {
                    notify.send(message.toArray(String[]::new));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private KioskProbe awaitAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + FIRST_ANSWER.toNanos();
        while (System.nanoTime() - deadline < 0) {
            KioskProbe probe = KioskProbe.ask(health);
            if (probe.answered()) {
                return probe;
            }
            Thread.sleep(50);
        }
        return null;
    }

    /**
     * What to tell systemd after a probe: WATCHDOG=1 while HTTP answers and the scheduler is at work, STATUS= when
     * the line changed. Says once on the console when the watchdog stops being renewed, and why.
     */
    List<String> message(KioskProbe probe) {
        List<String> message = new ArrayList<>();
        boolean renew = probe.answered() && probe.schedulerAlive();
        if (renew && notify.watchdog() != null) {
            message.add("WATCHDOG=1");
        }
        if (!probe.status().equals(lastStatus)) {
            message.add("STATUS=" + probe.status());
            lastStatus = probe.status();
        }
        String why = renew ? null : probe.why();
        if (why != null && notify.watchdog() != null && !Objects.equals(why, lastWhy)) {
            System.err.println("calendarbot: not renewing systemd's watchdog: " + why);
        }
        lastWhy = why;
        return message;
    }
}
