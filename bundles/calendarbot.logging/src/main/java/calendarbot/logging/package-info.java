/** Runtime control of CalendarBot's SLF4J provider: levels per logger prefix, the log file and its rotation. */
@Export
@Version("1.1.0")
package calendarbot.logging;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
