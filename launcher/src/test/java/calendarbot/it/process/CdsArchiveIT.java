package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import calendarbot.it.Distribution;
import calendarbot.it.Http;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AppCDS archive as a kiosk lives with it: recorded at the first stop, tried once before it is used, and recorded
 * again when a power cut cut the recording short (a JVM mapping such a file dies of SIGBUS).
 */
class CdsArchiveIT {

    @TempDir
    Path work;

    @Test
    void aRecordingCutShortIsRecordedAgainInsteadOfCrashingTheNextStart() throws Exception {
        Path data = work.resolve("data");
        try (Distribution kiosk = Distribution.start("pi", work.resolve("configs"), data,
                Map.of("CALENDARBOT_CDS", "on"))) {
            kiosk.interrupt();
            Path recording = only(data, ".new.jsa");
            long recorded = Files.size(recording);

            assertTrue(recording.toFile().setWritable(true), "the JVM writes its archive read-only");
            try (FileChannel ch = FileChannel.open(recording, StandardOpenOption.WRITE)) {
                ch.truncate(recorded / 2); // what a power cut in the middle of the write leaves
            }
            List<Path> crashReports = crashReports();
            kiosk.start(); // mapping the cut file would end the JVM with SIGBUS before it answers
            assertEquals(200, Http.get(kiosk.baseUri().resolve("/api/whats-next")).status());
            assertTrue(kiosk.log().contains("class archive recorded at the last stop is unusable"), kiosk.log());
            assertEquals(crashReports, crashReports(), "the JVM that tried the cut file leaves no crash report behind");
            kiosk.interrupt();
            long again = Files.size(only(data, ".new.jsa"));
            assertTrue(again > recorded * 9 / 10, "recorded again in full: " + again + " of " + recorded + " bytes");

            kiosk.start();
            Path archive = only(data, ".jsa");
            assertFalse(archive.getFileName().toString().endsWith(".new.jsa"), "the tried recording is the archive");
            assertTrue(Files.readString(Path.of("/proc", Long.toString(kiosk.pid()), "maps")).contains(
                    archive.toString()), "the kiosk maps the archive");
        }
    }

    /** The JVM's crash reports (hs_err_pid*.log) in the working folder, which the kiosk's processes share. */
    private static List<Path> crashReports() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("").toAbsolutePath())) {
            return files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).sorted().toList();
        }
    }

    /** The one archive file in the data folder, named ...{@code suffix}. */
    private static Path only(Path data, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith("cds-")
                    && f.getFileName().toString().endsWith(".jsa")).toList();
            assertEquals(1, found.size(), "archives in " + data + ": " + found);
            assertTrue(found.get(0).getFileName().toString().endsWith(suffix), found.get(0) + " ends with " + suffix);
            return found.get(0);
        }
    }
}
