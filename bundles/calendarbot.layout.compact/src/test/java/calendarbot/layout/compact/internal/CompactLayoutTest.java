package calendarbot.layout.compact.internal;

import calendarbot.api.LayoutContract;

class CompactLayoutTest extends LayoutContract {
    CompactLayoutTest() {
        super(new CompactLayout(), "compact", "Compact");
    }
}
