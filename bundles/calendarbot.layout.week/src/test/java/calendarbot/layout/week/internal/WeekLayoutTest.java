package calendarbot.layout.week.internal;

import calendarbot.api.LayoutContract;

class WeekLayoutTest extends LayoutContract {
    WeekLayoutTest() {
        super(new WeekLayout(), "week", "Week");
    }
}
