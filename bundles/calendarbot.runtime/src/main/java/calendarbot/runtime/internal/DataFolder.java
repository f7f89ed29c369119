package calendarbot.runtime.internal;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.osgi.framework.BundleContext;

/** The kiosk's data folder, as the launcher tells the framework ({@code calendarbot.data}). */
final class DataFolder {
    private DataFolder() {
    }

    static Path of(BundleContext context) {
        String data = context.getProperty("calendarbot.data");
        return Paths.get(data == null ? "data" : data);
    }
}
