package calendarbot.bench;

import calendarbot.bench.Context.Source;
import calendarbot.bench.Feeds.Feed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server-rendered display on the pi profile (issue 15's budget): how long a freshly drawn 800x480 picture takes
 * once warm, what the display and framebuffer bundles add to the idle kiosk's RSS, idle and while redrawing every
 * second onto a regular file standing in for /dev/fb0 (800x480, 32 bits, a fake sysfs folder), the part of it that
 * is Java2D's native libraries, and the size of a 1-bit 800x480 BMP. The plug-ins reach the pi as they would on a
 * Pi: dropped into deploy/, configured by a file in the user's folder.
 */
final class DisplayBench {

    static final String PROFILE = Scenarios.PROFILE;
    static final List<String> PLUGINS = List.of("calendarbot.display.jar", "calendarbot.display.framebuffer.jar");
    /** Libraries a JVM maps only for Java2D (and their own dependencies) in a headless kiosk. */
    static final List<String> JAVA2D_LIBRARIES = List.of("libawt", "libfontmanager", "libfreetype", "libharfbuzz",
            "libjavalcms", "liblcms", "libgraphite", "libpng16", "libglib", "libbrotli", "libpcre2");

    private static final java.util.regex.Pattern MAPPING = java.util.regex.Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

    private DisplayBench() {
    }

    static Map<String, Object> run(Context ctx) throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Source> sources = List.of(new Source("medium", Feed.MEDIUM, true));
        ctx.out.println("bench: display: the pi kiosk alone, idle");
        m.put("without", idle(ctx, ctx.kiosk(PROFILE, "display-without", sources, false, true), null));

        Path home = ctx.distributions.home(PROFILE);
        Path bundles = ctx.assembled.resolve("calendarbot-full").resolve("bundle");
        List<Path> dropped = new ArrayList<>();
        try {
            for (String jar : PLUGINS) {
                Path target = home.resolve("deploy").resolve(jar);
                Files.copy(bundles.resolve(jar), target, StandardCopyOption.REPLACE_EXISTING);
                dropped.add(target);
            }
            Kiosk k = ctx.kiosk(PROFILE, "display-with", sources, false, true);
            Path fb = framebuffer(k.configDir().getParent());
            writeConfig(k.configDir(), fb, 300);
            ctx.out.println("bench: display: the pi kiosk with the display and framebuffer bundles in deploy/");
            m.put("with", idle(ctx, k, fb));
        } finally {
            for (Path p : dropped) {
                Files.deleteIfExists(p);
            }
        }
        Map<String, Object> without = Report.map(m.get("without"));
        Map<String, Object> with = Report.map(m.get("with"));
        m.put("rss_added_idle_mb", round(Report.num(with.get("rss_idle_mb")) - Report.num(without.get("rss_idle_mb"))));
        m.put("rss_added_redrawing_mb", round(Report.num(with.get("rss_peak_redrawing_mb"))
                - Report.num(without.get("rss_idle_mb"))));
        return m;
    }

    /**
     * Starts {@code k}, waits 10 s after ready and reads RSS; with a framebuffer also times pictures, then redraws
     * it every second for 15 s while sampling RSS.
     */
    private static Map<String, Object> idle(Context ctx, Kiosk k, Path fb) throws IOException, InterruptedException {
        Map<String, Object> m = new LinkedHashMap<>();
        try (k) {
            k.startAndLoad(List.of("medium"), 120_000);
            if (fb != null) {
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (Files.size(fb.resolve("fb0")) == 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("the framebuffer was not drawn within 60 s:\n" + k.tailText());
                    }
                    Thread.sleep(100);
                }
            }
            long left = 10_000 - (System.nanoTime() - k.readySeenNanos()) / 1_000_000;
            Thread.sleep(Math.max(left, fb == null ? 0 : 10_000));
            KioskRss.Figures f = KioskRss.read(k.pid());
            m.put("rss_idle_mb", KioskRss.mb(f.rssKb()));
            m.putAll(Footprint.memoryMap(k.pid()));
            if (fb == null) {
                return m;
            }
            m.put("java2d_libraries_rss_mb", KioskRss.mb(librariesRssKb(k.pid())));
            writeConfig(k.configDir(), fb, 1);
            ctx.out.println("bench: display: redrawing the framebuffer every second for 15 s");
            KioskRss.resetPeak(k.pid());
            try (KioskRss.Sampler sampler = new KioskRss.Sampler(k.pid(), 20)) {
                Thread.sleep(15_000);
                m.put("rss_peak_redrawing_mb", KioskRss.mb(sampler.peakKb()));
            }
            m.put("rss_after_redrawing_mb", KioskRss.mb(KioskRss.read(k.pid()).rssKb()));
            // last: hundreds of pictures over HTTP grow the heap beyond what a framebuffer alone needs
            m.putAll(pictures(ctx, k));
            m.put("rss_after_pictures_mb", KioskRss.mb(KioskRss.read(k.pid()).rssKb()));
        }
        return m;
    }

    /** Freshly drawn pictures, one after the other: two themes in turn, so none is the last one kept. */
    private static Map<String, Object> pictures(Context ctx, Kiosk k) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + k.port());
        int warm = ctx.quick ? 40 : 200;
        int measured = ctx.quick ? 40 : 100;
        List<Double> png = new ArrayList<>();
        for (int i = 0; i < warm + measured; i++) {
            String theme = i % 2 == 0 ? "dark" : "grey";
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(base.resolve(
                    "/display.png?width=800&height=480&theme=" + theme)).build(), HttpResponse.BodyHandlers.ofByteArray());
            long t1 = System.nanoTime();
            if (r.statusCode() != 200) {
                throw new IOException("/display.png answered " + r.statusCode());
            }
            if (i >= warm) {
                png.add((t1 - t0) / 1e6);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        png.sort(null);
        m.put("png_800x480_ms_median", round(png.get(png.size() / 2)));
        m.put("png_800x480_ms_p90", round(png.get(png.size() * 9 / 10)));
        m.put("png_800x480_samples", png.size());
        HttpResponse<byte[]> bmp = client.send(HttpRequest.newBuilder(base.resolve(
                "/display.bmp?width=800&height=480&theme=eink&bits=1")).build(), HttpResponse.BodyHandlers.ofByteArray());
        m.put("bmp_1bit_800x480_bytes", bmp.body().length);
        return m;
    }

    /** A file standing in for /dev/fb0 and its sysfs folder: 800x480, 32 bits per pixel, rows of 3200 bytes. */
    private static Path framebuffer(Path dir) throws IOException {
        Path fb = Files.createDirectories(dir.resolve("fb"));
        Path sysfs = Files.createDirectories(fb.resolve("sysfs"));
        Files.writeString(sysfs.resolve("virtual_size"), "800,480\n");
        Files.writeString(sysfs.resolve("bits_per_pixel"), "32\n");
        Files.writeString(sysfs.resolve("stride"), "3200\n");
        Files.write(fb.resolve("fb0"), new byte[0]);
        return fb;
    }

    private static void writeConfig(Path configDir, Path fb, int redrawSeconds) throws IOException {
        Path tmp = configDir.resolve("framebuffer.tmp");
        Files.writeString(tmp, "device = " + fb.resolve("fb0") + "\ngeometry = " + fb.resolve("sysfs")
                + "\ntheme = dark\nredrawSeconds = " + redrawSeconds + "\n");
        Files.move(tmp, configDir.resolve("calendarbot.framebuffer.cfg"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Resident kB of the mappings of Java2D's native libraries (/proc/PID/smaps). */
    static long librariesRssKb(long pid) throws IOException {
        long kb = 0;
        boolean counting = false;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps"))) {
            if (MAPPING.matcher(line).lookingAt()) {
                counting = JAVA2D_LIBRARIES.stream().anyMatch(line::contains);
            } else if (counting && line.startsWith("Rss:")) {
                kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kb;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
