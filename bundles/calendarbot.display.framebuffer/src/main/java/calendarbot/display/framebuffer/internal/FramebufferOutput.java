package calendarbot.display.framebuffer.internal;

import calendarbot.api.WhatsNextScreen;
import calendarbot.api.model.Screen;
import calendarbot.api.model.Screen.Theme;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the What's Next screen on a framebuffer (configuration {@code calendarbot.framebuffer}; without one it draws
 * nothing, so the bundle is harmless on a desktop). Once a second it asks the screen's version and redraws when it
 * changed (at least every minute: the clock and the countdown), and every {@code redrawSeconds} anyway, mending what
 * a console message may have written over it. A device that cannot be opened or written is retried, its problem
 * logged once.
 */
@Component(service = {}, configurationPid = FramebufferOutput.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FramebufferOutput.Config.class)
public class FramebufferOutput {

    static final String PID = "calendarbot.framebuffer";
    private static final Logger LOG = LoggerFactory.getLogger(FramebufferOutput.class);
    /** How long a device that failed is left alone before the next try. */
    static final long RETRY_SECONDS = 10;

    @ObjectClassDefinition(name = "CalendarBot framebuffer",
            description = "Draws the What's Next screen straight onto a Linux framebuffer, for a Pi without a browser.")
    public @interface Config {

        @AttributeDefinition(name = "Device", description = "The framebuffer device; its user needs the group video.")
        String device() default "/dev/fb0";

        @AttributeDefinition(name = "Rotation", description = "Clockwise turn of the screen on the panel: 0, 90, 180 "
                + "or 270 (90 and 270 for a landscape panel hung portrait, or the other way round).")
        int rotate() default 0;

        @AttributeDefinition(name = "Theme", description = "dark (colour, like the kiosk page), grey or eink.")
        String theme() default "dark";

        @AttributeDefinition(name = "Redraw (seconds)", description = "Redraw at least this often even when nothing "
                + "changed, to mend what another program wrote on the screen.", min = "1", max = "86400")
        int redrawSeconds() default 300;

        @AttributeDefinition(name = "Geometry folder", description = "Where the device's size, bits per pixel and "
                + "stride are read. Empty: /sys/class/graphics/fbN for /dev/fbN.")
        String geometry() default "";
    }

    /** The settings as one tick reads them. */
    private record Settings(Path device, Path geometryFolder, Theme theme, int rotate, long redrawNanos) {

        static Settings of(Config config) {
            Path device = Path.of(config.device().trim());
            Path folder = config.geometry() == null || config.geometry().isBlank()
                    ? Path.of("/sys/class/graphics").resolve(device.getFileName().toString())
                    : Path.of(config.geometry().trim());
            return new Settings(device, folder, Theme.of(config.theme()), config.rotate(),
                    TimeUnit.SECONDS.toNanos(Math.max(1, config.redrawSeconds())));
        }
    }

    private final WhatsNextScreen screen;
    private final ScheduledExecutorService ticks;
    private volatile Settings settings;

    /** Only touched by the tick thread. */
    private Settings applied;
    private FramebufferWriter writer;
    private Screen shape;
    private int[] pixels;
    private String shown;
    private long shownAt;
    private long retryAt;
    private String lastProblem;

    @Activate
    public FramebufferOutput(@Reference(name = "screen") WhatsNextScreen screen, Config config) {
        this(screen, config, true);
    }

    /** With {@code ticking} false nothing runs by itself: a test calls {@link #tick()}. */
    FramebufferOutput(WhatsNextScreen screen, Config config, boolean ticking) {
        this.screen = screen;
        this.settings = Settings.of(config);
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "calendarbot-framebuffer");
            t.setDaemon(true);
            return t;
        });
        if (ticking) {
            ticks.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
        }
    }

    /** A changed setting applies at the next tick, keeping the thread and the pixels (same size). */
    @Modified
    void modified(Config config) {
        settings = Settings.of(config);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        ticks.shutdownNow();
        ticks.awaitTermination(5, TimeUnit.SECONDS);
        closeWriter();
    }

    /** One look: open the device if needed, redraw if the picture changed or is due. */
    void tick() {
        long now = System.nanoTime();
        Settings current = settings;
        if (current != applied) {
            closeWriter();
            applied = current;
            retryAt = now;
        }
        try {
            if (writer == null) {
                if (now - retryAt < 0) {
                    return;
                }
                open(current);
            }
            String version = screen.version(shape);
            if (version.equals(shown) && now - shownAt < current.redrawNanos()) {
                return;
            }
            long started = System.nanoTime();
            String painted = screen.paint(shape, pixels);
            writer.write(pixels);
            shown = painted;
            shownAt = now;
            if (lastProblem != null) {
                LOG.info("framebuffer: drawing on {} again", current.device());
                lastProblem = null;
            }
            LOG.debug("framebuffer: redrawn in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            problem(current.device(), e);
            closeWriter();
            retryAt = now + TimeUnit.SECONDS.toNanos(RETRY_SECONDS);
        }
    }

    private void open(Settings s) throws IOException {
        FramebufferGeometry g = FramebufferGeometry.read(s.geometryFolder());
        boolean quarter = s.rotate() % 180 != 0;
        // the screen is laid out as it hangs on the wall; the framebuffer is its file
        Screen shaped = new Screen(quarter ? g.height() : g.width(), quarter ? g.width() : g.height(), s.theme(),
                s.rotate());
        writer = new FramebufferWriter(s.device(), g);
        shape = shaped;
        if (pixels == null || pixels.length != g.width() * g.height()) {
            pixels = new int[g.width() * g.height()];
        }
        shown = null;
        LOG.info("framebuffer: drawing on {} ({}x{}, {} bits, stride {}), theme {}, rotated {}", s.device(), g.width(),
                g.height(), g.bitsPerPixel(), g.stride(), s.theme().id(), s.rotate());
    }

    /** Logged once per kind of problem, not every second. */
    private void problem(Path device, Exception e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!text.equals(lastProblem)) {
            lastProblem = text;
            String hint = e instanceof java.nio.file.AccessDeniedException
                    ? " (add the kiosk's user to the group video)" : "";
            LOG.error("framebuffer: cannot draw on {}: {}{}; trying again every {} s", device, text, hint,
                    RETRY_SECONDS);
        }
    }

    private void closeWriter() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.debug("framebuffer: closing the device: {}", e.toString());
            }
            writer = null;
        }
    }
}
