package calendarbot.api;

import calendarbot.api.model.Screen;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The What's Next screen drawn by the server itself (bundle calendarbot.display), with the same information and rules
 * as the whats-next layout: for e-ink frames that download a picture and for a framebuffer without a browser.
 */
@ProviderType
public interface WhatsNextScreen {

    /** What {@code screen} shows now, as a short text that changes exactly when its picture would change. */
    String version(Screen screen);

    /**
     * Paints {@code screen} as it is now into {@code rgb}: 0xRRGGBB pixels row after row, {@link Screen#fileWidth()}
     * wide and {@link Screen#fileHeight()} high (the rotation applied). Returns the {@link #version} painted.
     *
     * @throws IllegalArgumentException when {@code rgb} is smaller than the file
     */
    String paint(Screen screen, int[] rgb);
}
