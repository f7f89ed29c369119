/* Compact: the next meeting and the three after it, for 300x400 and e-ink panels. Minutes, not seconds. */
(function () {
    "use strict";

    var CB = window.CalendarBot;
    var LATER = 3;
    var list = document.getElementById("later-list");
    var kiosk = document.getElementById("kiosk");
    var meeting = null;
    var current = null;

    function laterMeetings(data) {
        var nextId = meeting && meeting.meeting_id;
        var after = meeting ? Date.parse(meeting.start_iso) : CB.serverNow();
        return (data.events || []).filter(function (e) {
            return !e.all_day && e.status !== "CANCELLED" && !e.is_skipped && e.meeting_id !== nextId &&
                Date.parse(e.start_iso) >= after;
        }).sort(function (a, b) {
            return Date.parse(a.start_iso) - Date.parse(b.start_iso);
        }).slice(0, LATER);
    }

    function renderLater(data) {
        var tz = data.timezone;
        var today = CB.dayKey(CB.serverNow(), tz);
        var frag = document.createDocumentFragment();
        laterMeetings(data).forEach(function (e) {
            var li = document.createElement("li");
            li.className = "cb-event";
            li.setAttribute("data-meeting-id", e.meeting_id || "");
            var time = document.createElement("span");
            time.className = "when";
            time.textContent = (CB.dayKey(e.start_iso, tz) === today ? "" : CB.formatWeekday(e.start_iso, tz) + " ") +
                CB.formatTime(e.start_iso, tz);
            var title = document.createElement("span");
            title.className = "what";
            title.textContent = e.subject || "(no title)";
            li.appendChild(time);
            li.appendChild(title);
            frag.appendChild(li);
        });
        list.textContent = "";
        list.appendChild(frag);
        CB.show(list.parentNode, list.children.length > 0);
    }

    function onData(data) {
        meeting = data.meeting || null;
        current = data.current || null;
        if (meeting) {
            CB.setText("meeting-title", meeting.subject || "(no title)");
            CB.setText("meeting-time", meeting.all_day ? "All day" : CB.formatRange(meeting.start_iso, meeting.end_iso));
            CB.setText("meeting-location", meeting.location || "");
            CB.show("meeting-location", !!meeting.location);
            CB.show("online-badge", !!meeting.is_online_meeting);
        } else {
            CB.setText("meeting-title", "No meetings scheduled");
            CB.setText("meeting-time", "");
            CB.show("meeting-location", false);
            CB.show("online-badge", false);
        }
        renderLater(data);
    }

    function onTick(now) {
        CB.setText("clock", CB.formatTime(now));
        CB.setText("today", CB.formatDay(now));
        var state = "none";
        if (meeting) {
            var seconds = (Date.parse(meeting.start_iso) - now) / 1000;
            CB.setText("next-label", "Next");
            CB.setText("countdown", seconds > 0 ? "in " + CB.formatCountdown(seconds, "minutes") : "now");
            state = seconds <= 120 ? "critical" : seconds <= 900 ? "urgent" : "calm";
        } else {
            CB.setText("next-label", "");
            CB.setText("countdown", "");
        }
        if (kiosk.getAttribute("data-state") !== state) kiosk.setAttribute("data-state", state);

        var endsIn = current ? (Date.parse(current.end_iso) - now) / 1000 : 0;
        if (current && endsIn > 0) {
            CB.setText("now-meeting", "Now: " + (current.subject || "(no title)") + " \u00b7 ends in " +
                CB.formatCountdown(endsIn, "minutes"));
            CB.show("now-meeting", true);
        } else {
            CB.show("now-meeting", false);
        }
    }

    CB.start({layout: "compact", onData: onData, onTick: onTick, tickMs: 1000, eventsRange: {hours: 7 * 24}});
})();
