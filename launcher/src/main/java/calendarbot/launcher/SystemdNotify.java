package calendarbot.launcher;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sd_notify protocol, spoken through Debian's {@code systemd-notify}: Java 17 cannot send an AF_UNIX datagram
 * (its channels do Unix stream sockets only), and a native path would be a JNI library per architecture. One fork
 * per message, a few milliseconds every 30 s (figures in the README). systemd-notify 246 and later waits until systemd
 * has read the message (its BARRIER=1), so the message is never dropped for a sender that already exited; the unit
 * says {@code NotifyAccess=all} because the sender is a child of the service's main process. Without
 * {@code NOTIFY_SOCKET} (not started by systemd) nothing is sent.
 */
final class SystemdNotify {

    static final String COMMAND = "systemd-notify";
    /** systemd-notify's own wait for the barrier is 5 s; a hung one must not hold the supervision thread longer. */
    private static final long SEND_TIMEOUT_SECONDS = 10;

    private final String socket;
    private final Duration watchdog;
    private final String command;
    private boolean failed;

    SystemdNotify(String socket, Duration watchdog, String command) {
        this.socket = socket;
        this.watchdog = watchdog;
        this.command = command;
    }

    /**
     * From the service manager's variables: {@code NOTIFY_SOCKET}, and {@code WATCHDOG_USEC} when the watchdog is
     * meant for this process ({@code WATCHDOG_PID} unset or ours).
     */
    static SystemdNotify from(Map<String, String> environment, long pid) {
        String socket = environment.get("NOTIFY_SOCKET");
        Duration watchdog = null;
        String usec = environment.get("WATCHDOG_USEC");
        String watchdogPid = environment.get("WATCHDOG_PID");
        if (usec != null && (watchdogPid == null || watchdogPid.equals(Long.toString(pid)))) {
            try {
                long micros = Long.parseLong(usec.trim());
                watchdog = micros > 0 ? Duration.ofNanos(micros * 1000) : null;
            } catch (NumberFormatException e) {
                watchdog = null;
            }
        }
        return new SystemdNotify(socket == null || socket.isBlank() ? null : socket, watchdog, COMMAND);
    }

    /** True when started by systemd with Type=notify. */
    boolean active() {
        return socket != null;
    }

    /** The watchdog's timeout, or null when there is none. */
    Duration watchdog() {
        return watchdog;
    }

    /** Sends {@code VARIABLE=value} assignments in one message; false (said once) when it could not. */
    synchronized boolean send(String... assignments) {
        if (socket == null) {
            return false;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(command);
        for (String a : assignments) {
            // one line per assignment is the protocol: a line break inside a value would start another
            cmd.add(a.replace('\n', ' '));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return failed("systemd-notify did not return within " + SEND_TIMEOUT_SECONDS + " s");
            }
            return p.exitValue() == 0 || failed("systemd-notify exited with " + p.exitValue());
        } catch (IOException e) {
            return failed("cannot run " + command + " (" + e.getMessage() + "); install Debian's systemd package");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean failed(String why) {
        if (!failed) {
            failed = true;
            System.err.println("calendarbot: cannot tell systemd how the kiosk is: " + why);
        }
        return false;
    }
}
