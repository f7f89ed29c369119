// The CalendarBot console page's two actions, posted as JSON to the page itself (no inline script: the kiosk's
// Content Security Policy); the page is drawn on the server, so a success reloads it.
(function () {
    "use strict";
    var page = document.getElementById("calendarbot");
    if (!page) return;
    var message = document.getElementById("cb-message");

    function post(body, reloadAfter) {
        fetch(page.getAttribute("data-post"), {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            credentials: "same-origin",
            body: JSON.stringify(body)
        }).then(function (response) {
            return response.json().then(function (answer) {
                message.textContent = answer.message;
                message.className = answer.ok ? "cb-ok" : "cb-error";
                if (answer.ok) setTimeout(function () { location.reload(); }, reloadAfter);
            });
        }).catch(function (error) {
            message.textContent = "The console did not answer: " + error;
            message.className = "cb-error";
        });
    }

    page.addEventListener("click", function (event) {
        var button = event.target.closest("button.cb-refresh");
        if (!button) return;
        button.disabled = true;
        post({ action: "refresh", source: button.getAttribute("data-source") }, 2000);
    });

    document.getElementById("cb-add").addEventListener("submit", function (event) {
        event.preventDefault();
        var form = event.target;
        post({ action: "add", name: form.elements.name.value, url: form.elements.url.value }, 500);
    });
})();
