package calendarbot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Private copies of the assembled distributions ({@code launcher/target/calendarbot-<profile>}) under the bench's
 * work folder, so the harness owns their AppCDS archive (kept in the distribution's own {@code data/}) and nobody
 * else's run changes it. The copy is byte for byte the distribution, less the bundled demo calendar (its
 * meeting would hide whether the kiosk shows the benchmark's feed).
 */
final class Distributions {

    static final String DEMO_SOURCE = "configs/calendarbot.source-demo.cfg";

    private final Path assembled;
    private final Path copies;
    private final Path repoConfigs;

    /** {@code repoConfigs}: the checkout's configs/ folder, used when an assembled distribution's own were rewritten. */
    Distributions(Path assembled, Path copies, Path repoConfigs) {
        this.assembled = assembled;
        this.copies = copies;
        this.repoConfigs = repoConfigs;
    }

    static boolean present(Path assembled, String profile) {
        return Files.isExecutable(assembled.resolve("calendarbot-" + profile).resolve("bin/calendarbot"));
    }

    /** The copy of a profile, made (again) when the assembled distribution changed since. */
    synchronized Path home(String profile) throws IOException {
        Path source = assembled.resolve("calendarbot-" + profile);
        if (!Files.isExecutable(source.resolve("bin/calendarbot"))) {
            throw new IOException("no distribution at " + source + " (build it: ./calendarbot build)");
        }
        Path copy = copies.resolve(profile);
        String fingerprint = fingerprint(source);
        Path stamp = copy.resolve(".bench-fingerprint");
        if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)
                && Files.isDirectory(copies.resolve(profile + ".configs"))) {
            return copy;
        }
        delete(copy);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = source.relativize(p);
                if (rel.toString().equals("data") || rel.startsWith("data")) {
                    continue; // their archive and state are not ours
                }
                Path target = copy.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        // A distribution that has run once has its configs/ rewritten by FileInstall (and, with the launcher of
        // 2026-11-23, its org.apache.felix.fileinstall-userconfig.cfg emptied, so --config is ignored from the
        // second start on). The harness keeps the profile's files as shipped and puts them back before every start.
        Path pristine = copies.resolve(profile + ".configs");
        delete(pristine);
        Files.createDirectories(pristine);
        Path shipped = source.resolve("configs");
        Path fromRepo = repoConfigs == null ? null : repoConfigs.resolve(profile);
        boolean rewritten = isEmpty(shipped.resolve("org.apache.felix.fileinstall-userconfig.cfg"));
        Path origin = rewritten && fromRepo != null && Files.isDirectory(fromRepo) ? fromRepo : shipped;
        try (Stream<Path> files = Files.list(origin)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.copy(p, pristine.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(pristine.resolve(DEMO_SOURCE.substring("configs/".length())));
        restoreConfigs(profile);
        Files.writeString(stamp, fingerprint);
        return copy;
    }

    /** Puts the copy's configs/ back as shipped (less the demo calendar). */
    void restoreConfigs(String profile) throws IOException {
        Path configs = copies.resolve(profile).resolve("configs");
        delete(configs);
        Files.createDirectories(configs);
        try (Stream<Path> files = Files.list(copies.resolve(profile + ".configs"))) {
            for (Path p : files.toList()) {
                Files.copy(p, configs.resolve(p.getFileName()));
            }
        }
    }

    private static boolean isEmpty(Path file) throws IOException {
        return !Files.exists(file) || Files.size(file) == 0;
    }

    /**
     * The AppCDS archives bin/calendarbot wrote for a copy: in the --data folder (current launcher) or in the
     * distribution's own data folder (earlier launchers).
     */
    static List<Path> cdsArchives(Path home, Path dataDir) throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        for (Path dir : dataDir == null ? List.of(home.resolve("data")) : List.of(dataDir, home.resolve("data"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().startsWith("cds-")
                        && f.getFileName().toString().endsWith(".jsa")).forEach(found::add);
            }
        }
        return found;
    }

    static void deleteCdsArchives(Path home, Path dataDir) throws IOException {
        for (Path p : cdsArchives(home, dataDir)) {
            Files.deleteIfExists(p);
        }
    }

    private static String fingerprint(Path dist) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String dir : List.of("bin", "lib", "bundle")) {
            Path d = dist.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    b.append(dist.relativize(p)).append(' ').append(Files.size(p)).append(' ')
                            .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
                }
            }
        }
        return b.toString();
    }

    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw new UncheckedIOException(e);
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
