package calendarbot.it.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import calendarbot.it.Distribution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh of the pi distribution into a folder (--root): install, again, upgrade, uninstall; and --kiosk. */
class InstallerIT {

    static final String URL = "https://outlook.office365.com/owa/calendar/abc/s3cr3t/calendar.ics";

    @TempDir
    Path work;

    @Test
    void installsEveryFileAndTheUnitChangesNothingTheSecondTimeUpgradesInPlaceAndUninstalls() throws Exception {
        Path root = work.resolve("root");
        Path pi = Distribution.home("pi");
        String first = install(pi, root, "--ics-url", URL);
        assertTrue(first.contains("calendarbot: wrote "), first);

        // the program, as shipped
        Path home = root.resolve("opt/calendarbot");
        for (Path shipped : files(pi.resolve("bundle"))) {
            Path copy = home.resolve("bundle").resolve(shipped.getFileName());
            assertEquals(-1, Files.mismatch(shipped, copy), shipped.toString());
        }
        assertEquals("rwxr-xr-x", mode(home.resolve("bin/calendarbot")));
        assertEquals("rw-r--r--", mode(home.resolve("lib/calendarbot-launcher.jar")));
        assertEquals("pi", Files.readString(home.resolve("profile")).trim());
        assertTrue(Files.isDirectory(home.resolve("deploy")));
        assertFalse(Files.exists(home.resolve("data")), "data lives in /var/lib/calendarbot");
        // configuration: the calendar's URL is a secret, the file is not world-readable
        Path env = root.resolve("etc/calendarbot/calendarbot.env");
        assertTrue(Files.readAllLines(env).contains("CALENDARBOT_ICS_URL=" + URL));
        assertEquals("rw-r-----", mode(env));
        assertEquals("rwxr-x---", mode(root.resolve("etc/calendarbot")));
        assertEquals("rwxr-x---", mode(root.resolve("var/lib/calendarbot")));
        // the unit, pointing at those folders
        Path unit = root.resolve("etc/systemd/system/calendarbot.service");
        String text = Files.readString(unit);
        assertTrue(text.contains("\nExecStart=/opt/calendarbot/bin/calendarbot --config /etc/calendarbot "
                + "--data /var/lib/calendarbot\n"), text);
        assertTrue(text.contains("\nReadWritePaths=/var/lib/calendarbot\n") && text.contains("\nUser=calendarbot\n"));
        assertEquals("rw-r--r--", mode(unit));
        verify(unit, root);

        Map<String, String> installed = snapshot(root);
        String second = install(pi, root, "--ics-url", URL);
        assertEquals("calendarbot: nothing to change\n", second);
        assertEquals(installed, snapshot(root), "running it twice changes nothing");

        // an upgrade: a changed configuration file, a bundle dropped, one added
        Path next = copy(pi, work.resolve("calendarbot-pi"));
        Files.writeString(next.resolve("configs/calendarbot.kiosk.cfg"), "\n# next release\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.delete(next.resolve("bundle/calendarbot.layout.whatsnext.jar"));
        Files.copy(pi.resolve("bundle/calendarbot.layout.whatsnext.jar"),
                next.resolve("bundle/calendarbot.layout.next.jar"));
        Path data = root.resolve("var/lib/calendarbot");
        Files.createDirectories(data.resolve("feeds"));
        Files.writeString(data.resolve("feeds/default.ics"), "BEGIN:VCALENDAR\nEND:VCALENDAR\n");
        Files.writeString(data.resolve("cds-pi-17.jsa"), "an archive of the old jars");
        String upgrade = install(next, root);
        assertTrue(upgrade.contains("removed /opt/calendarbot/bundle/calendarbot.layout.whatsnext.jar"), upgrade);
        assertTrue(Files.readString(home.resolve("configs/calendarbot.kiosk.cfg")).endsWith("# next release\n"));
        assertTrue(Files.exists(home.resolve("bundle/calendarbot.layout.next.jar")));
        assertFalse(Files.exists(home.resolve("bundle/calendarbot.layout.whatsnext.jar")));
        assertTrue(Files.readAllLines(env).contains("CALENDARBOT_ICS_URL=" + URL), "configuration kept");
        assertTrue(Files.exists(data.resolve("feeds/default.ics")), "data kept");
        assertFalse(Files.exists(data.resolve("cds-pi-17.jsa")), "the AppCDS archive of the old jars goes");

        String uninstall = install(home, root, "--uninstall");
        assertTrue(uninstall.contains("kept the configuration in /etc/calendarbot and the data in /var/lib/calendarbot"),
                uninstall);
        assertFalse(Files.exists(home));
        assertFalse(Files.exists(unit));
        assertTrue(Files.exists(env) && Files.exists(data.resolve("feeds/default.ics")));
        install(pi, root, "--uninstall", "--purge");
        assertEquals(List.of(), files(root), "nothing it added is left");
    }

    @Test
    void theKioskDisplayStartsOnTty1WithoutBlankingAndGoesAgainWithTheUninstall() throws Exception {
        Path root = work.resolve("root");
        Path cmdline = Files.createDirectories(root.resolve("boot/firmware")).resolve("cmdline.txt");
        String boot = "console=serial0,115200 console=tty1 root=PARTUUID=0b2c-02 rootfstype=ext4 fsck.repair=yes "
                + "rootwait\n";
        Files.writeString(cmdline, boot);
        Path pi = Distribution.home("pi");
        install(pi, root, "--kiosk");
        String twice = install(pi, root, "--kiosk");
        assertEquals("calendarbot: nothing to change\n", twice);
        assertEquals(boot.replace("rootwait", "rootwait consoleblank=0"), Files.readString(cmdline));
        assertTrue(Files.readString(root.resolve("etc/systemd/system/getty@tty1.service.d/calendarbot-kiosk.conf"))
                .contains("ExecStart=-/sbin/agetty --autologin calendarbot-kiosk --noclear %I $TERM"));
        String start = Files.readString(root.resolve("var/lib/calendarbot-kiosk/start-kiosk"));
        assertTrue(start.contains("exec cage -s -- \"$browser\" --kiosk") && start.contains("http://localhost:8080/"));
        assertEquals("rwxr-xr-x", mode(root.resolve("var/lib/calendarbot-kiosk/start-kiosk")));
        assertTrue(Files.readString(root.resolve("var/lib/calendarbot-kiosk/.bash_profile"))
                .contains("exec /var/lib/calendarbot-kiosk/start-kiosk"));

        install(root.resolve("opt/calendarbot"), root, "--uninstall", "--purge");
        assertEquals(boot, Files.readString(cmdline), "the boot line as it was");
        assertEquals(List.of(cmdline), files(root));
    }

    private String install(Path distribution, Path root, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", distribution.resolve("install.sh").toString(),
                "--root", root.toString()));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        return output;
    }

    /** systemd-analyze on the installed unit, its one path on this machine (ExecStart) moved under the root. */
    private void verify(Path unit, Path root) throws Exception {
        assumeTrue(SystemdIT.onPath("systemd-analyze"), "needs systemd-analyze");
        Path moved = Files.writeString(work.resolve("calendarbot.service"), Files.readString(unit)
                .replace("ExecStart=/opt/", "ExecStart=" + root + "/opt/"));
        Process p = new ProcessBuilder("systemd-analyze", "verify", moved.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
        assertEquals("", output);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Every file and folder with its mode, size, time and content hash. */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.toList()) {
                String what = mode(p) + " " + Files.getLastModifiedTime(p);
                if (Files.isRegularFile(p)) {
                    what += " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(p)));
                }
                all.put(root.relativize(p).toString(), what);
            }
        }
        return all;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
