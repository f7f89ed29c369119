/** The one JSON codec of CalendarBot, for every bundle and the launcher, and the ISO times its answers write. */
@Export
@Version("1.1.0")
package calendarbot.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
