/* What's Next: one big countdown to the next meeting. Data, clock and banner come from calendarbot.js. */
(function () {
    "use strict";

    var CB = window.CalendarBot;
    var kiosk = document.getElementById("kiosk");
    var skipButton = document.getElementById("skip-button");
    // calendarbot_lite's thresholds: amber from 15 minutes before the start, red from 2 minutes.
    var URGENT_SECONDS = 15 * 60;
    var CRITICAL_SECONDS = 2 * 60;

    var meeting = null;
    var current = null;
    var startsAt = 0;     // ms, parsed once per answer rather than every second
    var endsAt = 0;
    var shownLength = -1;
    var fittedWidth = -1;
    var countdownEl = document.getElementById("countdown");

    // The countdown is as big as the panel allows: shrink it only when its text got longer than the width
    // ("9:59" -> "1:00:00", or "12 min" in e-ink). Measured once per change of length, not every tick.
    function fitCountdown() {
        countdownEl.style.fontSize = "";
        var size = parseFloat(getComputedStyle(countdownEl).fontSize);
        for (var i = 0; i < 12 && countdownEl.scrollWidth > countdownEl.clientWidth; i++) {
            size *= 0.9;
            countdownEl.style.fontSize = size + "px";
        }
        fittedWidth = countdownEl.clientWidth;
    }

    // A kiosk browser often goes full screen after the first render.
    var resizeTimer = 0;
    window.addEventListener("resize", function () {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(fitCountdown, 100);
    });

    function onData(data) {
        meeting = data.meeting || null;
        current = data.current || null;
        startsAt = meeting ? Date.parse(meeting.start_iso) : 0;
        endsAt = current ? Date.parse(current.end_iso) : 0;

        var allDay = data.all_day_events || [];
        CB.setText("allday-banner", allDay.length
            ? "All day: " + allDay.map(function (e) { return e.subject || "(no title)"; }).join(" \u00b7 ")
            : "");
        CB.show("allday-banner", allDay.length > 0);

        if (meeting) {
            CB.setText("next-label", "Next meeting");
            CB.setText("meeting-title", meeting.subject || "(no title)");
            CB.setText("meeting-time", meeting.all_day ? "All day"
                : CB.formatRange(meeting.start_iso, meeting.end_iso));
            CB.setText("meeting-location", meeting.location || "");
            CB.show("meeting-location", !!meeting.location);
            CB.show("online-badge", !!meeting.is_online_meeting);
            skipButton.setAttribute("data-meeting-id", meeting.meeting_id || "");
            CB.show(skipButton, !!meeting.meeting_id);
        } else {
            CB.setText("next-label", "");
            CB.setText("meeting-title", "No meetings scheduled");
            CB.setText("meeting-time", "");
            CB.setText("meeting-location", "");
            CB.show("meeting-location", false);
            CB.show("online-badge", false);
            CB.show(skipButton, false);
        }
        var status = data.status && data.status.message;
        CB.setText("status", status || "");
        CB.show("status", !!status);
    }

    function onTick(now) {
        CB.setText("clock", CB.formatTime(now));
        CB.setText("today", CB.formatDay(now));

        var state = "state-none";
        var countdown = "";
        var caption = "";
        if (meeting) {
            var seconds = (startsAt - now) / 1000;
            if (seconds > 0) {
                countdown = CB.formatCountdown(seconds, CB.eink ? "minutes" : "clock");
                caption = "until it starts";
            } else {
                countdown = CB.eink ? "now" : "0:00";
                caption = "starting now";
            }
            state = seconds <= CRITICAL_SECONDS ? "state-critical"
                : seconds <= URGENT_SECONDS ? "state-urgent" : "state-calm";
        }
        CB.setText("countdown", countdown);
        CB.setText("countdown-caption", caption);

        if (kiosk.className !== state) kiosk.className = state;
        if (countdown.length !== shownLength || countdownEl.clientWidth !== fittedWidth) {
            shownLength = countdown.length;
            fitCountdown();
        }

        var endsIn = current ? (endsAt - now) / 1000 : 0;
        if (current && endsIn > 0) {
            CB.setText("now-meeting", "Now: " + (current.subject || "(no title)") + " \u00b7 ends in " +
                CB.formatCountdown(endsIn, "minutes"));
            CB.show("now-meeting", true);
        } else {
            CB.show("now-meeting", false);
        }
    }

    skipButton.addEventListener("click", function () {
        var id = skipButton.getAttribute("data-meeting-id");
        if (!id) return;
        skipButton.disabled = true;
        CB.skip(id).then(function () {
            skipButton.disabled = false;
        });
    });

    CB.start({layout: "whatsnext", onData: onData, onTick: onTick, tickMs: 1000});
})();
