package calendarbot.layout.medicine.internal;

import calendarbot.api.LayoutContract;

class MedicinesLayoutTest extends LayoutContract {
    MedicinesLayoutTest() {
        super(new MedicinesLayout(), "medicines", "Medicines");
    }
}
