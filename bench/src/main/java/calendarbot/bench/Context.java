package calendarbot.bench;

import calendarbot.api.FeedWriter;
import calendarbot.bench.Feeds.Feed;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every part of a run shares: folders, the generated feeds, the feed server, the distributions, options. */
final class Context implements AutoCloseable {

    /** A calendar source of a kiosk under test. */
    record Source(String name, Feed feed, boolean withLength) {
        String transfer() {
            return withLength ? "content-length" : "chunked";
        }
    }

    final Path work;
    final Path assembled;
    final Feeds feeds;
    final Distributions distributions;
    final boolean quick;
    /** Extra JVM flags for every kiosk started (bin/calendarbot appends JAVA_OPTS last), for experiments. */
    String javaOpts = "";
    /** Extra environment for every kiosk started (e.g. MALLOC_ARENA_MAX=2), for experiments. */
    final Map<String, String> kioskEnv = new LinkedHashMap<>();
    /** A folder of extra .cfg files copied into every kiosk's --config folder, for experiments; may be null. */
    Path extraConfig;
    /**
     * Every kiosk's refresh settings: only the harness's POST /api/refresh starts a refresh after the first one, each
     * at once (the kiosk spaces refresh-now requests by refreshNowMinSeconds to spare calendar servers; the bench's
     * feed server is local).
     */
    static final String REFRESH_SETTINGS = "intervalSeconds = 86400\njitterSeconds = 0\nrefreshNowMinSeconds = 0\n";
    final PrintStream out;
    private FeedServer server;

    Context(Path work, Path assembledDistributions, boolean quick, PrintStream out) {
        this.work = work;
        this.assembled = assembledDistributions;
        this.feeds = new Feeds(work.resolve("feeds"));
        Path checkout = assembledDistributions.getParent() == null ? null : assembledDistributions.getParent().getParent();
        this.distributions = new Distributions(assembledDistributions, work.resolve("dist"),
                checkout == null ? null : checkout.resolve("configs"));
        this.quick = quick;
        this.out = out;
    }

    synchronized FeedServer server() throws IOException {
        if (server == null) {
            server = FeedServer.start(feeds.dir());
        }
        return server;
    }

    /** A fresh folder for one kiosk run (its config, data and log). */
    Path runDir(String name) throws IOException {
        Path dir = work.resolve("runs").resolve(name);
        Distributions.delete(dir);
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * A kiosk of {@code profile} (not started) with {@code sources} served by the feed server, refreshing only when
     * asked (interval one day), at the fixed kiosk time. {@code cds}: the AppCDS archive as deployed (bin/calendarbot's
     * default) or off.
     */
    Kiosk kiosk(String profile, String runName, List<Source> sources, boolean streamingOff, boolean cds)
            throws IOException {
        return kiosk(profile, runDir(runName), sources, streamingOff, cds, server());
    }

    Kiosk kiosk(String profile, Path dir, List<Source> sources, boolean streamingOff, boolean cds, FeedServer from)
            throws IOException {
        Map<String, URI> urls = new LinkedHashMap<>();
        for (Source s : sources) {
            feeds.file(s.feed());
            urls.put(s.name(), from.url(s.feed().fileName, s.withLength()));
        }
        return kiosk(profile, dir, urls, streamingOff, cds);
    }

    /** A kiosk (not started) with a source of every name at its address; otherwise as above. */
    Kiosk kiosk(String profile, Path dir, Map<String, URI> sources, boolean streamingOff, boolean cds)
            throws IOException {
        Path home = distributions.home(profile);
        distributions.restoreConfigs(profile);
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        for (Map.Entry<String, URI> s : sources.entrySet()) {
            Files.writeString(config.resolve("calendarbot.source-" + s.getKey() + ".cfg"),
                    "name = " + s.getKey() + "\nurl = " + s.getValue() + "\n");
        }
        if (extraConfig != null) {
            try (java.util.stream.Stream<Path> files = Files.list(extraConfig)) {
                for (Path f : files.filter(f -> f.toString().endsWith(".cfg")).toList()) {
                    Files.copy(f, config.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(config.resolve("calendarbot.refresh.cfg"), REFRESH_SETTINGS);
        if (streamingOff) {
            // the largest threshold: every feed with a Content-Length is read into memory first
            Files.writeString(config.resolve("calendarbot.fetcher.cfg"),
                    "streamThresholdBytes = 67108864\nfetchConcurrency = 2\n");
        }
        Path data = dir.resolve("data");
        if (cds) {
            // the archive a kiosk has from its first run (bin/calendarbot looks for it in the data folder)
            Path template = cdsTemplate(profile);
            if (Files.isDirectory(template)) {
                Files.createDirectories(data);
                for (Path a : Distributions.cdsArchives(home, template)) {
                    if (a.startsWith(template)) {
                        Files.copy(a, data.resolve(a.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                        // as deployed: an archive written long ago, not pages still dirty in the page cache
                        FootprintTargets.writeBack(data.resolve(a.getFileName()));
                    }
                }
            }
        }
        Map<String, String> env = new HashMap<>();
        env.put("CALENDARBOT_TEST_TIME", FeedWriter.KIOSK_NOW);
        if (!cds) {
            env.put("CALENDARBOT_CDS", "off");
        }
        if (!javaOpts.isBlank()) {
            env.put("JAVA_OPTS", javaOpts);
        }
        env.putAll(kioskEnv);
        return new Kiosk(home, config, data, env);
    }

    /** Where the harness keeps a profile's AppCDS archive, to put into the data folder of every kiosk it starts. */
    Path cdsTemplate(String profile) {
        return work.resolve("cds").resolve(profile);
    }

    /**
     * Makes sure there is an AppCDS archive for {@code profile}, as a kiosk has after its first runs: one start with
     * a medium feed, one refresh, one stop (the JVM writes the recording as it exits), one more start and stop.
     */
    Map<String, Object> ensureCdsArchive(String profile) throws IOException, InterruptedException {
        Path home = distributions.home(profile);
        Path template = cdsTemplate(profile);
        Map<String, Object> m = new LinkedHashMap<>();
        List<Path> existing = Distributions.cdsArchives(home, template);
        if (!existing.isEmpty() && Files.getLastModifiedTime(existing.get(0)).compareTo(
                Files.getLastModifiedTime(home.resolve(".bench-fingerprint"))) > 0) {
            m.put("archive", existing.get(0).getFileName().toString());
            m.put("created_now", false);
            return m;
        }
        Distributions.delete(template);
        Distributions.deleteCdsArchives(home, null);
        List<Source> sources = List.of(new Source("medium", Feed.MEDIUM, true));
        Kiosk k = kiosk(profile, "cds-" + profile, sources, false, true);
        try (k) {
            k.startAndLoad(List.of("medium"), 120_000);
            k.stop();
            // bin/calendarbot tries a recording once, at the next start, before it becomes the archive
            k.start().awaitReady(120_000);
            k.stop();
        }
        Files.createDirectories(template);
        List<Path> archives = Distributions.cdsArchives(home, k.dataDir());
        for (Path a : archives) {
            Files.copy(a, template.resolve(a.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        m.put("archive", archives.isEmpty() ? null : archives.get(0).getFileName().toString());
        m.put("archive_mb", archives.isEmpty() ? null : KioskRss.mb(Files.size(archives.get(0)) / 1024));
        m.put("created_now", true);
        if (archives.isEmpty()) {
            out.println("bench: warning: no AppCDS archive was written by the " + profile + " distribution");
        }
        return m;
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
