/*
 * CalendarBot kiosk client, shared by every layout (served at /static/calendarbot.js).
 *
 * A layout calls CalendarBot.start({layout, onData, onTick, tickMs, eventsRange}). This script then polls
 * /api/whats-next (at once, then every ?refresh= seconds, default 30), keeps the server's clock, calls
 * onData(data) with each answer and onTick(serverNowMs) every tick, posts the browser heartbeat, shows the
 * offline / stale-data banner (#cb-banner) and follows a layout change made in the configuration.
 *
 * It never blanks the screen: a failed request or a layout error keeps what is shown; the banner says why
 * the data may be old. Vanilla JS, no external requests: it runs for months on a Pi Zero.
 */
(function (global) {
    "use strict";

    var doc = global.document;
    var params = new URLSearchParams(global.location.search);

    function numberParam(name, fallback, min, max) {
        var v = parseFloat(params.get(name));
        if (!isFinite(v)) return fallback;
        return Math.min(max, Math.max(min, v));
    }

    var eink = params.get("theme") === "eink";
    // A stale banner once the calendar data is older than this (the server refreshes every 5 min by default).
    var staleSeconds = numberParam("stale", 900, 10, 86400);
    var HEARTBEAT_MS = 30000;
    var REQUEST_TIMEOUT_MS = 10000;
    // Clock samples closer than this to the current offset are noise of the round trip: keeping the old
    // offset stops the countdown from stuttering (a second shown twice or skipped) at every poll.
    var OFFSET_JITTER_MS = 750;

    var state = {
        started: false,
        layout: null,
        pinned: params.has("layout"),
        refreshMs: 30000,
        tickMs: 1000,
        offsetMs: 0,
        haveOffset: false,
        data: null,
        events: null,
        receivedAt: 0,      // client ms of the last good answer
        offline: false,
        polls: 0,
        pollTimer: 0,
        tickTimer: 0,
        polling: false,
        reloading: false,
        checkedConfigured: null,
        ready: false,
        opts: null
    };

    // ---------------------------------------------------------------- clock

    function serverNow() {
        return Date.now() + state.offsetMs;
    }

    function updateOffset(nowIso, sentAt, receivedAt) {
        var server = Date.parse(nowIso);
        if (!isFinite(server)) return;
        // The server read its clock about half-way through the round trip.
        var offset = server - (sentAt + receivedAt) / 2;
        if (!state.haveOffset || Math.abs(offset - state.offsetMs) > OFFSET_JITTER_MS) {
            state.offsetMs = offset;
            state.haveOffset = true;
        }
    }

    // ---------------------------------------------------------------- formatting

    function pad2(n) {
        return (n < 10 ? "0" : "") + n;
    }

    /**
     * A countdown for the kiosk: "9:59", "1:02:03", "2d 1:02:03" (style "clock", the default) or
     * "10 min", "1 h 05 min", "2 days" (style "minutes", for pages redrawn once a minute).
     */
    function formatCountdown(seconds, style) {
        var s = Math.max(0, Math.floor(seconds));
        if (style === "minutes") {
            var m = Math.ceil(s / 60);
            if (s <= 0) return "now";
            // No-break spaces: "10 min" must not wrap between the number and its unit.
            if (m < 60) return m + "\u00a0min";
            if (m < 24 * 60) return Math.floor(m / 60) + "\u00a0h " + pad2(m % 60) + "\u00a0min";
            var days = Math.floor(m / (24 * 60));
            var hours = Math.floor((m % (24 * 60)) / 60);
            return days + (days === 1 ? "\u00a0day" : "\u00a0days") + (hours ? " " + hours + "\u00a0h" : "");
        }
        var d = Math.floor(s / 86400);
        var h = Math.floor((s % 86400) / 3600);
        var min = Math.floor((s % 3600) / 60);
        var sec = s % 60;
        if (d > 0) return d + "d " + h + ":" + pad2(min) + ":" + pad2(sec);
        if (h > 0) return h + ":" + pad2(min) + ":" + pad2(sec);
        return min + ":" + pad2(sec);
    }

    /** "under a minute", "4 min", "3 h", "2 days": how long ago something was. */
    function formatAge(seconds) {
        var s = Math.max(0, Math.floor(seconds));
        if (s < 60) return "under a minute";
        if (s < 90 * 60) return Math.floor(s / 60) + " min";
        if (s < 48 * 3600) return Math.floor(s / 3600) + " h";
        return Math.floor(s / 86400) + " days";
    }

    var formats = {};
    var zone = undefined;
    var zoneName = null;
    var locale = doc.documentElement.lang || global.navigator.language || "en";

    function validZone(tz) {
        if (!tz) return undefined;
        try {
            new Intl.DateTimeFormat("en-US", {timeZone: tz});
            return tz;
        } catch (e) {
            return undefined;
        }
    }

    // Intl formatters are costly to build on a Pi Zero: one per (kind, zone), reused.
    function formatter(kind, tz) {
        var key = kind + "|" + (tz || "");
        var f = formats[key];
        if (f) return f;
        var o;
        if (kind === "time") o = {hour: "2-digit", minute: "2-digit", hourCycle: "h23"};
        else if (kind === "day") o = {weekday: "short", day: "numeric", month: "short"};
        else if (kind === "weekday") o = {weekday: "short"};
        else o = {year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
                second: "2-digit", hourCycle: "h23", weekday: "short"};
        if (tz) o.timeZone = tz;
        f = new Intl.DateTimeFormat(kind === "parts" ? "en-US" : locale, o);
        formats[key] = f;
        return f;
    }

    function toMs(t) {
        return typeof t === "number" ? t : Date.parse(t);
    }

    /** Wall-clock fields of an instant in the kiosk's zone: {year, month, day, hour, minute, second, weekday}. */
    function zoned(t, tz) {
        var out = {};
        formatter("parts", tz || zone).formatToParts(new Date(toMs(t))).forEach(function (p) {
            if (p.type === "weekday") out.weekday = p.value;
            else if (p.type !== "literal") out[p.type] = parseInt(p.value, 10);
        });
        if (out.hour === 24) out.hour = 0;
        return out;
    }

    function zoneOffset(ms, tz) {
        var z = zoned(ms, tz);
        var asUtc = Date.UTC(z.year, z.month - 1, z.day, z.hour, z.minute, z.second);
        return asUtc - Math.floor(ms / 1000) * 1000;
    }

    /** The instant local midnight begins, addDays after the day of t, in the kiosk's zone (DST-safe). */
    function startOfDay(t, addDays, tz) {
        var z = zoned(t, tz);
        var guess = Date.UTC(z.year, z.month - 1, z.day + (addDays || 0), 0, 0, 0);
        var ms = guess - zoneOffset(guess, tz);
        return guess - zoneOffset(ms, tz);
    }

    /** "2026-11-24": the day of an instant in the kiosk's zone. */
    function dayKey(t, tz) {
        var z = zoned(t, tz);
        return z.year + "-" + pad2(z.month) + "-" + pad2(z.day);
    }

    function formatTime(t, tz) {
        return formatter("time", tz || zone).format(new Date(toMs(t)));
    }

    function formatDay(t, tz) {
        return formatter("day", tz || zone).format(new Date(toMs(t)));
    }

    function formatWeekday(t, tz) {
        return formatter("weekday", tz || zone).format(new Date(toMs(t)));
    }

    /** "10:00 – 10:30"; with the day in front when the meeting is not today ("Tomorrow 10:00 – 10:30"). */
    function formatRange(startIso, endIso, tz) {
        var start = toMs(startIso), end = toMs(endIso);
        var today = dayKey(serverNow(), tz);
        var tomorrow = dayKey(startOfDay(serverNow(), 1, tz), tz);
        var startDay = dayKey(start, tz);
        var prefix = startDay === today ? "" : startDay === tomorrow ? "Tomorrow " : formatDay(start, tz) + ", ";
        var text = prefix + formatTime(start, tz);
        if (isFinite(end) && end > start) {
            // An event ending at the next midnight still ends "today" for the reader.
            var endDay = dayKey(end - 1, tz);
            text += " \u2013 " + (endDay !== startDay ? formatDay(end, tz) + ", " : "") + formatTime(end, tz);
        }
        return text;
    }

    /** Writes text only when it changed: a DOM write a second is what a Pi Zero notices. */
    function setText(el, text) {
        if (typeof el === "string") el = doc.getElementById(el);
        if (el && el.textContent !== text) el.textContent = text;
    }

    function show(el, visible) {
        if (typeof el === "string") el = doc.getElementById(el);
        if (el && el.hidden === !!visible) el.hidden = !visible;
    }

    // ---------------------------------------------------------------- requests

    function request(method, url, body) {
        var controller = typeof AbortController === "function" ? new AbortController() : null;
        var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : 0;
        var init = {method: method, cache: "no-store", credentials: "same-origin",
            headers: {"Accept": "application/json"}};
        if (controller) init.signal = controller.signal;
        if (body !== undefined) {
            init.headers["Content-Type"] = "application/json";
            init.body = JSON.stringify(body);
        }
        return global.fetch(url, init).then(function (res) {
            clearTimeout(timer);
            return res;
        }, function (err) {
            clearTimeout(timer);
            throw err;
        });
    }

    function getJson(url) {
        return request("GET", url).then(function (res) {
            if (!res.ok) {
                var err = new Error(url + ": HTTP " + res.status);
                err.status = res.status;
                throw err;
            }
            return res.json();
        });
    }

    function isoSeconds(ms) {
        return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    }

    // ---------------------------------------------------------------- layout changes

    function reloadUrl() {
        var q = new URLSearchParams(global.location.search);
        q.delete("layout");
        var s = q.toString();
        return "/" + (s ? "?" + s : "");
    }

    // At most 3 reloads in 2 minutes: a server that keeps disagreeing with itself must not make the
    // kiosk flicker forever.
    function mayReload() {
        var now = Date.now();
        var recent = [];
        try {
            recent = JSON.parse(global.sessionStorage.getItem("cb-reloads") || "[]").filter(function (t) {
                return now - t < 120000;
            });
        } catch (e) { /* no storage: allow */ }
        if (recent.length >= 3) return false;
        recent.push(now);
        try {
            global.sessionStorage.setItem("cb-reloads", JSON.stringify(recent));
        } catch (e) { /* ignore */ }
        return true;
    }

    function reload(why) {
        if (state.reloading || !mayReload()) return false;
        state.reloading = true;
        if (global.console) global.console.info("CalendarBot: " + why + ", reloading /");
        var url = reloadUrl();
        // "/" may be served with a max-age: fetching it with cache "reload" first replaces the browser's cached
        // copy (the old layout's page), so the navigation that follows shows the new layout.
        var go = function () { global.location.replace(url); };
        global.fetch(url, {cache: "reload", credentials: "same-origin"}).then(go, go);
        return true;
    }

    /** {names, effective}: the layouts the server offers and the one "/" serves; null when it cannot say. */
    function layoutList() {
        return getJson("/api/layouts").then(function (body) {
            if (!body || !Array.isArray(body.layouts)) return null;
            var names = body.layouts.map(function (l) { return l.name; });
            var effective = typeof body.effective === "string" ? body.effective
                : names.indexOf(body.configured) >= 0 ? body.configured : null;
            return {names: names, effective: effective};
        }, function () {
            return null;
        });
    }

    /**
     * Resolves true when the page is being reloaded. It follows the layout "/" actually serves, not merely the
     * configured name: a configured layout that is not installed falls back, and the fallback page must not
     * keep reloading itself. Each new configured name is checked once; the page's own layout every 10 polls.
     */
    function followLayout(data) {
        var configured = data.layout;
        var changed = !state.pinned && configured && configured !== state.layout &&
            configured !== state.checkedConfigured;
        var periodic = state.polls % 10 === 1;
        if (!changed && !periodic) return Promise.resolve(false);
        return layoutList().then(function (list) {
            if (list === null) return false;
            if (list.names.indexOf(state.layout) < 0) {
                return reload("layout \"" + state.layout + "\" is no longer installed");
            }
            if (!state.pinned && list.effective && list.effective !== state.layout) {
                return reload("the configured layout is now \"" + list.effective + "\"");
            }
            state.checkedConfigured = configured;
            return false;
        });
    }

    // ---------------------------------------------------------------- banner

    function bannerText() {
        if (state.offline) {
            if (!state.data) return "Offline \u2014 waiting for the calendar server";
            return "Offline \u2014 last updated " + formatAge((Date.now() - state.receivedAt) / 1000) + " ago";
        }
        var d = state.data;
        if (d && typeof d.data_age_seconds === "number") {
            var age = d.data_age_seconds + (Date.now() - state.receivedAt) / 1000;
            if (age > staleSeconds) return "Calendar data is " + formatAge(age) + " old";
        }
        return null;
    }

    function updateBanner() {
        var text = bannerText();
        var banner = doc.getElementById("cb-banner");
        if (!text) {
            if (banner) banner.parentNode.removeChild(banner);
            doc.documentElement.classList.remove("cb-has-banner");
            return;
        }
        if (!banner) {
            banner = doc.createElement("div");
            banner.id = "cb-banner";
            banner.setAttribute("role", "status");
            doc.body.appendChild(banner);
            doc.documentElement.classList.add("cb-has-banner");
        }
        banner.className = state.offline ? "cb-offline" : "cb-stale";
        setText(banner, text);
    }

    function injectStyle() {
        if (doc.getElementById("cb-style")) return;
        var link = doc.createElement("link");
        link.id = "cb-style";
        link.rel = "stylesheet";
        link.href = "/static/calendarbot.css";
        (doc.head || doc.documentElement).appendChild(link);
    }

    // ---------------------------------------------------------------- ready mark and heartbeat

    function markReady() {
        var meta = doc.querySelector('meta[name="calendarbot-ready"]');
        if (!meta) {
            meta = doc.createElement("meta");
            meta.setAttribute("name", "calendarbot-ready");
            doc.head.appendChild(meta);
        }
        meta.setAttribute("content", new Date().toISOString());
        if (!state.ready) {
            state.ready = true;
            heartbeat();
        }
    }

    // Tells the server the page is alive and showing data, so a watchdog can restart a frozen browser.
    function heartbeat() {
        request("POST", "/api/browser-heartbeat", {}).catch(function () { /* the poll reports outages */ });
        var seconds = state.data && state.data.heartbeat_seconds;
        var ms = typeof seconds === "number" && seconds >= 5 && seconds <= 3600 ? seconds * 1000 : HEARTBEAT_MS;
        setTimeout(heartbeat, ms);
    }

    // ---------------------------------------------------------------- polling and ticking

    function callLayout(name, arg) {
        var fn = state.opts[name];
        if (typeof fn !== "function") return true;
        try {
            fn(arg);
            return true;
        } catch (e) {
            // Keep what is on screen; a layout bug must not stop the poller.
            if (global.console) global.console.error("CalendarBot: layout " + name + " failed", e);
            return false;
        }
    }

    function eventsUrl(data) {
        var range = state.opts.eventsRange;
        if (!range) return null;
        var now = serverNow();
        var r = typeof range === "function" ? range(data, now)
            : {from: now - (range.backHours || 0) * 3600000, to: now + (range.hours || 24) * 3600000};
        if (!r) return null;
        return "/api/events?from=" + encodeURIComponent(isoSeconds(r.from)) +
            "&to=" + encodeURIComponent(isoSeconds(r.to));
    }

    function fetchEvents(data) {
        var url = eventsUrl(data);
        if (!url) return Promise.resolve();
        return getJson(url).then(function (body) {
            if (body && Array.isArray(body.events)) state.events = body.events;
        }, function (err) {
            if (global.console) global.console.warn("CalendarBot: keeping the last events", err);
        });
    }

    function poll() {
        if (state.polling || state.reloading) return Promise.resolve();
        state.polling = true;
        clearTimeout(state.pollTimer);
        state.polls++;
        var sentAt = Date.now();
        return getJson("/api/whats-next").then(function (data) {
            updateOffset(data.now_iso, sentAt, Date.now());
            if (data.timezone !== zoneName) {
                zoneName = data.timezone;
                zone = validZone(zoneName);
            }
            return followLayout(data).then(function (reloading) {
                if (reloading) return;
                return fetchEvents(data).then(function () {
                    data.events = state.events;
                    state.data = data;
                    state.receivedAt = Date.now();
                    state.offline = false;
                    if (callLayout("onData", data) && callLayout("onTick", serverNow())) markReady();
                    doc.documentElement.classList.remove("cb-loading");
                    updateBanner();
                });
            });
        }).catch(function (err) {
            state.offline = true;
            if (global.console) global.console.warn("CalendarBot: " + (err && err.message || err));
            updateBanner();
        }).then(function () {
            state.polling = false;
            if (!state.reloading) state.pollTimer = setTimeout(poll, state.refreshMs);
        });
    }

    function tick() {
        if (state.data) callLayout("onTick", serverNow());
        updateBanner();
    }

    // Ticks land just after the server clock's second (or minute) turns, so every tick shows a new value.
    function scheduleTick() {
        var now = serverNow();
        var delay = state.tickMs - (((now % state.tickMs) + state.tickMs) % state.tickMs) + 20;
        state.tickTimer = setTimeout(function () {
            tick();
            scheduleTick();
        }, delay);
    }

    function start(opts) {
        if (state.started) return api;
        state.started = true;
        state.opts = opts || {};
        state.layout = state.opts.layout || null;
        if (state.opts.eink) eink = true;
        api.eink = eink;
        var defaultRefresh = eink ? 60 : 30;
        state.refreshMs = numberParam("refresh", state.opts.refreshSeconds || defaultRefresh, 1, 3600) * 1000;
        // E-ink panels ghost and flash on every redraw: once a minute is all they get.
        state.tickMs = eink ? 60000 : Math.max(200, state.opts.tickMs || 1000);

        var root = doc.documentElement;
        root.classList.add("cb-loading");
        if (eink) root.classList.add("cb-eink");
        if (state.layout) root.setAttribute("data-layout", state.layout);
        injectStyle();

        global.addEventListener("online", function () { poll(); });
        doc.addEventListener("visibilitychange", function () {
            if (!doc.hidden) poll();
        });
        poll();
        scheduleTick();
        return api;
    }

    /** Skips a meeting on the server (POST /api/skip), then refreshes at once. Resolves true on success. */
    function skip(meetingId) {
        return request("POST", "/api/skip", {meeting_id: meetingId}).then(function (res) {
            return res.ok;
        }, function () {
            return false;
        }).then(function (ok) {
            return poll().then(function () { return ok; });
        });
    }

    var api = {
        start: start,
        refresh: poll,
        skip: skip,
        serverNow: serverNow,
        params: params,
        eink: eink,
        data: function () { return state.data; },
        timezone: function () { return zone; },
        formatCountdown: formatCountdown,
        formatAge: formatAge,
        formatTime: formatTime,
        formatDay: formatDay,
        formatWeekday: formatWeekday,
        formatRange: formatRange,
        zoned: zoned,
        startOfDay: startOfDay,
        dayKey: dayKey,
        setText: setText,
        show: show
    };
    global.CalendarBot = api;
})(window);
