package calendarbot.display.internal;

import calendarbot.api.model.Screen;
import calendarbot.api.model.Screen.Theme;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A picture fixed in configuration for one frame or panel (factory configuration {@code calendarbot.display.device},
 * e.g. {@code calendarbot.display.device-hall.cfg}), served at {@code /display/<name>.png} and {@code .bmp}, so the
 * device's firmware needs no query string.
 */
@Component(service = DisplayDevice.class, configurationPid = DisplayDevice.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DisplayDevice.Config.class, factory = true)
public class DisplayDevice {

    static final String PID = "calendarbot.display.device";
    private static final Logger LOG = LoggerFactory.getLogger(DisplayDevice.class);

    @ObjectClassDefinition(name = "CalendarBot display device",
            description = "A picture of fixed size and theme for one e-ink frame or panel, served at "
                    + "/display/<name>.png and /display/<name>.bmp.")
    public @interface Config {

        @AttributeDefinition(name = "Name", description = "The device's name in its URL: letters, digits, '-', '_' "
                + "and '.', e.g. hall for /display/hall.png.")
        String name();

        @AttributeDefinition(name = "Width", description = "Width of the picture as it hangs on the wall, pixels "
                + "(250 to 1920).", min = "122", max = "1920")
        int width() default 800;

        @AttributeDefinition(name = "Height", description = "Height of the picture as it hangs on the wall, pixels "
                + "(122 to 1080).", min = "122", max = "1920")
        int height() default 480;

        @AttributeDefinition(name = "Theme", description = "dark (colour, like the kiosk page), grey (greyscale "
                + "panels) or eink (black and white, crisp text).")
        String theme() default "dark";

        @AttributeDefinition(name = "Rotation", description = "Clockwise turn of the picture in the file, for panels "
                + "mounted another way round: 0, 90, 180 or 270 (90 and 270 swap the file's width and height).")
        int rotate() default 0;

        @AttributeDefinition(name = "BMP bits", description = "Bits per pixel of /display/<name>.bmp: 1, 8 (grey) or "
                + "24; 0 for the theme's (1 for eink, 24 otherwise).")
        int bits() default 0;

        String webconsole_configurationFactory_nameHint() default "{name}: {width}x{height} {theme}";
    }

    private final String name;
    private final Screen screen;
    private final int bits;

    @Activate
    public DisplayDevice(Config config) {
        String n = config.name() == null ? "" : config.name().trim();
        try {
            if (!n.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("name \"" + n + "\" must be 1 to 64 letters, digits, '-', '_' or '.'");
            }
            Screen s = new Screen(config.width(), config.height(), Theme.of(config.theme()), config.rotate());
            PictureRequest.of(s, true, config.bits());
            this.name = n;
            this.screen = s;
            this.bits = config.bits();
        } catch (IllegalArgumentException e) {
            LOG.error("display: device \"{}\" is not served: {}", n, e.getMessage());
            throw e;
        }
        LOG.info("display: device {} at /display/{}.png and .bmp ({}x{}, {}, rotated {})", n, n, screen.width(),
                screen.height(), screen.theme().id(), screen.rotation());
    }

    String name() {
        return name;
    }

    /** The picture this device gets, as a PNG or a BMP. */
    PictureRequest request(boolean bmp) {
        return PictureRequest.of(screen, bmp, bits);
    }
}
