package calendarbot.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders the kiosk writes to (data, the user's configuration, deploy, the framework's storage). A start never
 * depends on them: a full SD card or a read-only data folder is said in the log and in /api/health, and the kiosk
 * runs from memory, with its framework storage in a temporary folder if it must.
 */
final class WritableFolders {

    private final List<String> problems = new ArrayList<>();

    /** Creates {@code dir} if it is missing; a failure is noted, not thrown. */
    void create(Path dir, String what) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            problems.add(what + " " + dir + " cannot be created (" + reason(e) + ")");
        }
    }

    /** {@code preferred} when a file can be written there, else a new temporary folder (noted). */
    Path storage(Path preferred) throws IOException {
        try {
            Files.createDirectories(preferred);
            Path probe = Files.createTempFile(preferred, ".write-check", null);
            Files.delete(probe);
            return preferred;
        } catch (IOException | SecurityException e) {
            Path temporary = Files.createTempDirectory("calendarbot-storage-");
            temporary.toFile().deleteOnExit();
            problems.add("the framework storage " + preferred + " is not writable (" + reason(e) + "); using "
                    + temporary + " until the next start");
            return temporary;
        }
    }

    /** What could not be written, for the log and /api/health; empty when all is well. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
