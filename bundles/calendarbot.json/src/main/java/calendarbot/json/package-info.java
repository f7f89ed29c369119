/** The one JSON codec of CalendarBot, for every bundle and the launcher. */
@Export
@Version("1.0.0")
package calendarbot.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
