/* Week: today and the next three days as 4 columns x 8 time rows, events placed by time in their source's colour. */
(function () {
    "use strict";

    var CB = window.CalendarBot;
    var DAYS = 4;
    var ROWS = 8;
    // Working hours unless the events need more; a row is the smallest of these that fits the span in 8 rows.
    var DEFAULT_FIRST_HOUR = 8;
    var DEFAULT_LAST_HOUR = 20;
    var ROW_HOURS = [1.5, 2, 3];

    var grid = document.getElementById("week-grid");
    var meeting = null;
    var view = null;          // {days: [{key, start, end}], firstHour, rowHours, tz}
    var nowLine = null;
    var shownDay = "";

    function el(tag, className, text) {
        var e = document.createElement(tag);
        if (className) e.className = className;
        if (text !== undefined) e.textContent = text;
        return e;
    }

    function pad2(n) {
        return (n < 10 ? "0" : "") + n;
    }

    /** Hours since local midnight of the day that begins at dayStart (fractional; DST days are close enough). */
    function hoursInto(ms, dayStart) {
        return (ms - dayStart) / 3600000;
    }

    function buildDays(now, tz) {
        var days = [];
        for (var i = 0; i < DAYS; i++) {
            var start = CB.startOfDay(now, i, tz);
            days.push({key: CB.dayKey(start, tz), start: start, end: CB.startOfDay(now, i + 1, tz)});
        }
        return days;
    }

    function timedEvents(events) {
        return events.filter(function (e) {
            return !e.all_day && e.status !== "CANCELLED" && isFinite(Date.parse(e.start_iso));
        });
    }

    /**
     * First hour and row length: the working day (08:00-20:00 in 1.5 h rows) moved or widened just enough to
     * cover every timed event of the 4 days, within 0..24.
     */
    function hourRange(events, days) {
        var first = 24, last = 0;
        events.forEach(function (e) {
            var s = Date.parse(e.start_iso), en = Date.parse(e.end_iso) || s;
            days.forEach(function (d) {
                if (s < d.end && en > d.start) {
                    first = Math.min(first, Math.floor(Math.max(0, hoursInto(s, d.start))));
                    last = Math.max(last, Math.ceil(Math.min(24, hoursInto(en, d.start))));
                }
            });
        });
        if (last <= first) {
            first = DEFAULT_FIRST_HOUR;
            last = DEFAULT_LAST_HOUR;
        }
        var span = Math.max(DEFAULT_LAST_HOUR - DEFAULT_FIRST_HOUR, last - first);
        var rowHours = ROW_HOURS[ROW_HOURS.length - 1];
        for (var i = 0; i < ROW_HOURS.length; i++) {
            if (ROW_HOURS[i] * ROWS >= span) {
                rowHours = ROW_HOURS[i];
                break;
            }
        }
        var total = rowHours * ROWS;
        // As close to the working day as the events allow.
        var start = Math.min(first, Math.max(DEFAULT_FIRST_HOUR, last - total));
        start = Math.max(0, Math.min(start, 24 - total));
        return {firstHour: start, rowHours: rowHours};
    }

    /** Side-by-side lanes for overlapping events of one day: [{event, top, bottom, lane, lanes}]. */
    function assignLanes(items) {
        items.sort(function (a, b) { return a.top - b.top || b.bottom - a.bottom; });
        var cluster = [], laneEnds = [], clusterEnd = -1;
        function close() {
            cluster.forEach(function (it) { it.lanes = laneEnds.length; });
            cluster = [];
            laneEnds = [];
        }
        items.forEach(function (it) {
            if (it.top >= clusterEnd) close();
            var lane = 0;
            while (lane < laneEnds.length && laneEnds[lane] > it.top) lane++;
            laneEnds[lane] = it.bottom;
            it.lane = lane;
            cluster.push(it);
            clusterEnd = Math.max(clusterEnd, it.bottom);
        });
        close();
        return items;
    }

    function tint(colour) {
        return /^#[0-9a-f]{6}$/i.test(colour || "") ? colour + "40" : "rgba(120, 140, 170, .25)";
    }

    function allDayDays(e, tz) {
        var first = e.date || (e.start_iso ? CB.dayKey(e.start_iso, tz) : null);
        var end = Date.parse(e.end_iso);
        var last = isFinite(end) ? CB.dayKey(end - 1, tz) : first;
        if (!last || last < first) last = first;
        return {first: first, last: last};
    }

    function render(data, now) {
        var tz = data.timezone;
        var events = data.events || [];
        var days = buildDays(now, tz);
        var timed = timedEvents(events);
        var range = hourRange(timed, days);
        var totalHours = range.rowHours * ROWS;
        var firstHour = range.firstHour;
        var today = days[0].key;
        view = {days: days, firstHour: firstHour, totalHours: totalHours};

        var frag = document.createDocumentFragment();

        // Day heads.
        frag.appendChild(el("div", "corner"));
        days.forEach(function (d, i) {
            var head = el("div", "day-head" + (i === 0 ? " today" : ""));
            head.appendChild(el("span", "weekday", i === 0 ? "Today" : CB.formatWeekday(d.start + 12 * 3600000, tz)));
            head.appendChild(el("span", "date", String(CB.zoned(d.start + 12 * 3600000, tz).day)));
            frag.appendChild(head);
        });

        // All-day row.
        frag.appendChild(el("div", "allday-label", "all day"));
        days.forEach(function (d) {
            var cell = el("div", "allday-cell");
            events.forEach(function (e) {
                if (!e.all_day) return;
                var span = allDayDays(e, tz);
                if (!span.first || d.key < span.first || d.key > span.last) return;
                var chip = el("div", "cb-event allday", e.subject || "(no title)");
                chip.setAttribute("data-meeting-id", e.meeting_id || "");
                chip.style.borderLeftColor = e.colour || "";
                chip.style.background = tint(e.colour);
                cell.appendChild(chip);
            });
            frag.appendChild(cell);
        });

        // Hour labels.
        var hours = el("div", "hours");
        for (var r = 0; r < ROWS; r++) {
            var h = firstHour + r * range.rowHours;
            var label = el("div", "hour", pad2(Math.floor(h)) + ":" + pad2(Math.round((h % 1) * 60)));
            label.style.top = (r / ROWS * 100) + "%";
            hours.appendChild(label);
        }
        frag.appendChild(hours);

        // Day columns with their timed events.
        var nextId = meeting && meeting.meeting_id;
        days.forEach(function (d, i) {
            var col = el("div", "day-col" + (i === 0 ? " today" : ""));
            var items = [];
            timed.forEach(function (e) {
                var s = Date.parse(e.start_iso), en = Date.parse(e.end_iso) || s + 1800000;
                if (!(s < d.end && en > d.start)) return;
                var top = (hoursInto(Math.max(s, d.start), d.start) - firstHour) / totalHours;
                var bottom = (hoursInto(Math.min(en, d.end), d.start) - firstHour) / totalHours;
                top = Math.max(0, Math.min(1, top));
                bottom = Math.max(0, Math.min(1, bottom));
                if (bottom <= top) return;
                items.push({event: e, top: top, bottom: bottom, start: s, end: en});
            });
            assignLanes(items).forEach(function (it) {
                var e = it.event;
                var block = el("div", "cb-event");
                block.setAttribute("data-meeting-id", e.meeting_id || "");
                if (it.end <= now) block.classList.add("past");
                if (nextId && e.meeting_id === nextId) block.classList.add("next");
                if (e.is_free) block.classList.add("free");
                if (e.is_skipped) block.classList.add("skipped");
                // Under about two lines of height: the title alone, the start time is on the grid anyway.
                if ((it.bottom - it.top) * ROWS < 0.5) block.classList.add("short");
                block.style.top = (it.top * 100) + "%";
                block.style.height = "calc(" + ((it.bottom - it.top) * 100) + "% - 2px)";
                block.style.left = (it.lane / it.lanes * 100) + "%";
                block.style.width = "calc(" + (100 / it.lanes) + "% - 2px)";
                block.style.borderLeftColor = e.colour || "";
                block.style.background = tint(e.colour);
                block.appendChild(el("span", "ev-time", CB.formatTime(it.start, tz)));
                block.appendChild(el("span", "ev-title", e.subject || "(no title)"));
                block.title = e.subject || "";
                col.appendChild(block);
            });
            if (i === 0) {
                nowLine = el("div", "now-line");
                nowLine.id = "now-line";
                col.appendChild(nowLine);
            }
            frag.appendChild(col);
        });

        grid.textContent = "";
        grid.appendChild(frag);
        shownDay = today;
    }

    function onData(data) {
        meeting = data.meeting || null;
        if (meeting) {
            CB.setText("next-label", "Next in");
            CB.setText("meeting-title", meeting.subject || "(no title)");
            CB.setText("meeting-time", (meeting.all_day ? "All day" : CB.formatRange(meeting.start_iso, meeting.end_iso)) +
                (meeting.location ? " \u00b7 " + meeting.location : ""));
        } else {
            CB.setText("next-label", "");
            CB.setText("meeting-title", "No meetings scheduled");
            CB.setText("meeting-time", "");
        }
        render(data, CB.serverNow());
    }

    function onTick(now) {
        var data = CB.data();
        if (data && CB.dayKey(now, data.timezone) !== shownDay) render(data, now);
        CB.setText("clock", CB.formatTime(now));

        var countdown = "";
        var state = "";
        if (meeting) {
            var seconds = (Date.parse(meeting.start_iso) - now) / 1000;
            countdown = CB.formatCountdown(seconds, CB.eink ? "minutes" : "clock");
            state = seconds <= 120 ? "critical" : seconds <= 900 ? "urgent" : "";
        }
        CB.setText("countdown", countdown);
        var kiosk = document.getElementById("kiosk");
        if (kiosk.getAttribute("data-state") !== state) kiosk.setAttribute("data-state", state);

        if (view && nowLine) {
            var pos = (hoursInto(now, view.days[0].start) - view.firstHour) / view.totalHours;
            var visible = pos >= 0 && pos <= 1;
            var top = (Math.round(pos * 1000) / 10) + "%";
            if (nowLine.style.top !== top) nowLine.style.top = top;
            CB.show(nowLine, visible);
        }
    }

    CB.start({
        layout: "week",
        onData: onData,
        onTick: onTick,
        tickMs: 1000,
        eventsRange: function (data, now) {
            return {from: CB.startOfDay(now, 0, data.timezone), to: CB.startOfDay(now, DAYS, data.timezone)};
        }
    });
})();
