package calendarbot.layout.whatsnext.internal;

import calendarbot.api.LayoutContract;

class WhatsNextLayoutTest extends LayoutContract {
    WhatsNextLayoutTest() {
        super(new WhatsNextLayout(), "whatsnext", "What's Next");
    }
}
