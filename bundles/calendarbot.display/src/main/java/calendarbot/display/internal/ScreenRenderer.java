package calendarbot.display.internal;

import calendarbot.api.Clock;
import calendarbot.api.EventStore;
import calendarbot.api.FeedRefresher;
import calendarbot.api.KioskSettings;
import calendarbot.api.MeetingSelector;
import calendarbot.api.WhatsNextScreen;
import calendarbot.api.model.Screen;
import calendarbot.api.model.SourceStatus;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The What's Next screen drawn by the server: the selector's answer at the kiosk's "now" in the kiosk's zone, with the
 * data's age measured on bookkeeping time (the refresher's last successes against the {@link InstantSource}), so a
 * kiosk fixed at a test time still calls fresh data fresh. Java2D and the fonts are loaded at the first picture.
 */
@Component(service = { WhatsNextScreen.class, ScreenRenderer.class })
public class ScreenRenderer implements WhatsNextScreen {

    /** Part of every version: a change to how pictures are drawn must change their ETags. */
    static final String DRAWING = "display-1";

    /** Bookkeeping time (data age), the refresher's too. */
    @Reference
    InstantSource time;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MeetingSelector selector;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile KioskSettings kiosk;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile FeedRefresher refresher;

    private volatile ScreenPainter painter;

    @Override
    public String version(Screen screen) {
        return version(content(), screen);
    }

    @Override
    public String paint(Screen screen, int[] rgb) {
        ScreenContent content = content();
        draw(screen, content, rgb);
        return version(content, screen);
    }

    /** What the screen says now. */
    ScreenContent content() {
        EventStore events = store;
        MeetingSelector select = selector;
        Clock kioskClock = clock;
        KioskSettings settings = kiosk;
        Instant wall = time.instant();
        ZoneId zone = settings == null ? ZoneId.systemDefault() : settings.zone();
        if (events == null || select == null || kioskClock == null || settings == null) {
            return ScreenContent.unreachable((kioskClock == null ? wall : kioskClock.now()).getEpochSecond(), zone);
        }
        FeedRefresher sources = refresher;
        List<SourceStatus> status = sources == null ? List.of() : sources.status();
        return ScreenContent.of(new ScreenContent.Data(select.whatsNext(events, kioskClock.now()), zone,
                ScreenContent.Freshness.of(status == null ? List.of() : status, wall)));
    }

    /** Draws {@code content} for {@code screen} into {@code rgb} (0xRRGGBB, the file's rows). */
    void draw(Screen screen, ScreenContent content, int[] rgb) {
        int fw = screen.fileWidth();
        int fh = screen.fileHeight();
        if (rgb.length < fw * fh) {
            throw new IllegalArgumentException(rgb.length + " pixels for a " + fw + "x" + fh + " picture");
        }
        Graphics2D g = image(rgb, fw, fh).createGraphics();
        try {
            g.transform(turn(screen));
            painter().paint(g, screen.width(), screen.height(), content, Palette.of(screen.theme()));
        } finally {
            g.dispose();
        }
        // Java2D leaves its opaque alpha in the unused top byte; the contract is plain 0xRRGGBB
        for (int i = 0, n = fw * fh; i < n; i++) {
            rgb[i] &= 0xffffff;
        }
    }

    /** The short text that names a picture: equal for equal content, size, theme and turn. */
    static String version(ScreenContent content, Screen screen) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((DRAWING + '\n' + screen + '\n' + content)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 15));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** From the wall's picture to the file's: a clockwise quarter, half or three-quarter turn. */
    static AffineTransform turn(Screen screen) {
        AffineTransform t = new AffineTransform();
        switch (screen.rotation()) {
            case 90 -> {
                t.translate(screen.fileWidth(), 0);
                t.quadrantRotate(1);
            }
            case 180 -> {
                t.translate(screen.fileWidth(), screen.fileHeight());
                t.quadrantRotate(2);
            }
            case 270 -> {
                t.translate(0, screen.fileHeight());
                t.quadrantRotate(3);
            }
            default -> {
                // upright
            }
        }
        return t;
    }

    /** A TYPE_INT_RGB image over the caller's pixels, so a framebuffer's buffer is drawn into directly. */
    static BufferedImage image(int[] rgb, int width, int height) {
        DataBufferInt buffer = new DataBufferInt(rgb, width * height);
        int[] masks = { 0xff0000, 0xff00, 0xff };
        WritableRaster raster = Raster.createPackedRaster(buffer, width, height, width, masks, null);
        return new BufferedImage(new DirectColorModel(24, masks[0], masks[1], masks[2]), raster, false, null);
    }

    private ScreenPainter painter() {
        ScreenPainter p = painter;
        if (p == null) {
            synchronized (this) {
                p = painter;
                if (p == null) {
                    p = new ScreenPainter(new Fonts());
                    painter = p;
                }
            }
        }
        return p;
    }
}
