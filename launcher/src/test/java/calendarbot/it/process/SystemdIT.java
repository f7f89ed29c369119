package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Poll;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk under systemd, without systemd: the test is the service manager, with a Unix datagram socket of its own
 * as NOTIFY_SOCKET (a python3 receiver: Java cannot receive AF_UNIX datagrams either) and a two-second watchdog.
 * ./calendarbot test installs python3 and systemd (for systemd-notify and systemd-analyze).
 */
class SystemdIT {

    /** Writes each datagram as one line, its assignments separated by '|'. */
    static final String RECEIVER = """
            import os, socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(sys.argv[1])
            with open(sys.argv[2], "a", buffering=1) as out:
                while True:
                    out.write(s.recv(65536).decode("utf-8", "replace").replace("\\n", "|") + "\\n")
            """;

    @TempDir
    Path work;

    @Test
    void theKioskSaysWhenItIsReadyRenewsItsWatchdogAndSaysWhenItStops() throws Exception {
        assumeTrue(onPath("systemd-notify") && onPath("python3"), "needs systemd-notify and python3");
        Path socket = work.resolve("notify");
        Path heard = work.resolve("heard.txt");
        Files.createFile(heard);
        Process receiver = new ProcessBuilder("python3", "-c", RECEIVER, socket.toString(), heard.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("receiver.log").toFile()).start();
        try {
            Poll.until("the test's notify socket", () -> Files.exists(socket));
            Distribution kiosk = Distribution.start("pi", work.resolve("configs"), work.resolve("data"),
                    Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "2000000"));
            try {
                List<String> lines = Poll.until("READY=1, then WATCHDOG=1 every second", () -> read(heard),
                        l -> l.stream().anyMatch(m -> m.startsWith("READY=1"))
                                && l.stream().filter(m -> m.contains("WATCHDOG=1")).count() >= 3);
                String ready = lines.stream().filter(m -> m.startsWith("READY=1")).findFirst().orElseThrow();
                assertTrue(ready.contains("STATUS=ok: 1 calendar, "), "the demo calendar is shown first: " + ready);
                assertTrue(ready.contains("WATCHDOG=1"), ready);
                assertTrue(lines.indexOf(ready) <= lines.indexOf(lines.stream()
                        .filter(m -> m.contains("WATCHDOG=1")).findFirst().orElseThrow()), "ready comes first: " + lines);
            } finally {
                kiosk.stop();
            }
            List<String> lines = Poll.until("STOPPING=1 at SIGTERM", () -> read(heard),
                    l -> l.stream().anyMatch(m -> m.startsWith("STOPPING=1")));
            assertEquals("STOPPING=1|STATUS=stopping|BARRIER=1", String.join("|", lines.subList(
                    lines.indexOf("STOPPING=1|STATUS=stopping"), lines.indexOf("STOPPING=1|STATUS=stopping") + 2)));
        } finally {
            receiver.destroy();
            receiver.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theUnitPassesSystemdAnalyzeVerify() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "needs systemd-analyze");
        Path home = Distribution.home("pi");
        String unit = Files.readString(home.resolve("systemd/calendarbot.service"))
                .replace("@HOME@", home.toString()).replace("@CONFIG@", work.resolve("etc").toString())
                .replace("@DATA@", work.resolve("data").toString());
        assertTrue(unit.contains("MemoryHigh=160M\n") && unit.contains("MemoryMax=256M\n"), unit);
        assertTrue(unit.contains("Type=notify\n") && unit.contains("WatchdogSec=60\n"), unit);
        Path file = Files.writeString(work.resolve("calendarbot.service"), unit);
        Process verify = new ProcessBuilder("systemd-analyze", "verify", file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, verify.waitFor(), output);
        assertEquals("", output, "systemd-analyze has nothing to say about the unit");
    }

    private static List<String> read(Path file) throws Exception {
        return Files.readAllLines(file);
    }

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
