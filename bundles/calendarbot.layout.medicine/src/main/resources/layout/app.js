/*
 * Medicines: the next meeting from calendarbot.js (never hidden), and the doses due now from the medicine
 * tracker's /api/medicines/pending, each with a large "Taken" button. Without the tracker the panel is the
 * meeting alone and says why.
 */
(function () {
    "use strict";

    var CB = window.CalendarBot;
    var list = document.getElementById("dose-list");
    var MAX_SHOWN = 4;          // more would push the buttons below a 480x800 panel's fold
    var POLL_MS = 30000;
    var meeting = null;
    var startsAt = 0;
    var shownKey = "";

    function onData(data) {
        meeting = data.meeting || null;
        startsAt = meeting ? Date.parse(meeting.start_iso) : 0;
        if (meeting) {
            CB.setText("next-label", "Next meeting");
            CB.setText("meeting-title", meeting.subject || "(no title)");
            CB.setText("meeting-time", meeting.all_day ? "All day" : CB.formatRange(meeting.start_iso, meeting.end_iso));
            CB.setText("meeting-location", meeting.location || "");
        } else {
            CB.setText("next-label", "");
            CB.setText("meeting-title", "No meetings scheduled");
            CB.setText("meeting-time", "");
            CB.setText("meeting-location", "");
        }
    }

    function onTick(now) {
        CB.setText("clock", CB.formatTime(now));
        CB.setText("today", CB.formatDay(now));
        CB.setText("countdown", meeting && startsAt > now ? "in " + CB.formatCountdown((startsAt - now) / 1000, "minutes") : "");
    }

    function detail(dose) {
        // the schedule's own wall-clock time ("08:00"), as the person entered it, in the tracker's zone
        var when = dose.slot.substring(11, 16);
        var text = (dose.dose ? dose.dose + " \u00b7 " : "") + (dose.status === "overdue"
            ? "due " + when + ", " + dose.minutes + " min ago" : "at " + when);
        return dose.low_stock ? text + " \u00b7 " + dose.stock + " left" : text;
    }

    function render(answer) {
        var doses = answer.doses || [];
        var key = doses.map(function (d) { return d.medicine_id + "@" + d.slot + ":" + d.status; }).join(",");
        CB.show("doses-problem", false);
        CB.show("doses-empty", doses.length === 0);
        CB.setText("doses-more", doses.length > MAX_SHOWN ? "+ " + (doses.length - MAX_SHOWN) + " more" : "");
        CB.show("doses-more", doses.length > MAX_SHOWN);
        if (key === shownKey) return;   // a DOM rebuild only when the doses changed
        shownKey = key;
        while (list.firstChild) list.removeChild(list.firstChild);
        doses.slice(0, MAX_SHOWN).forEach(function (dose) {
            var item = document.createElement("li");
            item.className = "dose " + dose.status;
            var what = document.createElement("div");
            what.className = "what";
            var name = document.createElement("div");
            name.className = "name";
            name.textContent = dose.name;
            var info = document.createElement("div");
            info.className = "detail";
            info.textContent = detail(dose);
            what.appendChild(name);
            what.appendChild(info);
            var button = document.createElement("button");
            button.type = "button";
            button.textContent = "Taken";
            button.setAttribute("aria-label", "Taken: " + dose.name);
            button.addEventListener("click", function () { take(dose, button); });
            item.appendChild(what);
            item.appendChild(button);
            list.appendChild(item);
        });
        if (window.performance && performance.mark) performance.mark("medicines-rendered");
        document.documentElement.setAttribute("data-doses", String(doses.length));
    }

    function problem(text) {
        CB.setText("doses-problem", text);
        CB.show("doses-problem", true);
    }

    function poll() {
        return fetch("/api/medicines/pending", {cache: "no-store", headers: {"Accept": "application/json"}})
            .then(function (res) {
                if (res.status === 404) throw new Error("The medicine tracker is not installed.");
                if (!res.ok) throw new Error("Medicines: HTTP " + res.status);
                return res.json();
            })
            .then(render, function (err) { problem(err.message); });
    }

    function take(dose, button) {
        button.disabled = true;
        fetch("/api/medicines/" + dose.medicine_id + "/take", {
            method: "POST", cache: "no-store",
            headers: {"Content-Type": "application/json", "Accept": "application/json"},
            body: JSON.stringify({slot: dose.slot, taken_by: "panel"})
        }).then(function (res) {
            if (!res.ok && res.status !== 409) throw new Error("Could not record " + dose.name + " (HTTP " + res.status + ")");
            return poll();
        }).catch(function (err) {
            button.disabled = false;
            problem(err.message);
        });
    }

    CB.start({layout: "medicines", onData: onData, onTick: onTick, tickMs: 1000});
    poll();
    setInterval(poll, POLL_MS);
})();
