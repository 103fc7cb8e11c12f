// The admins' model banner (ModelStatusBanner.razor) follows a download live: while it shows, it is fetched again from
// the URL in its data-model-status attribute every few seconds and swapped in; an empty answer (both models ready)
// removes it and the polling stops. Pages without the banner (everyone but admins) do nothing.
(() => {
    const everyMs = 3000;
    let running = false;

    async function refresh() {
        const banner = document.querySelector("[data-model-status]");
        if (!banner) {
            running = false;
            return;
        }
        try {
            const response = await fetch(banner.dataset.modelStatus, { credentials: "same-origin", headers: { accept: "text/html" } });
            if (response.ok) {
                const html = (await response.text()).trim();
                if (!html) {
                    banner.remove();
                    running = false;
                    return;
                }
                const next = document.createRange().createContextualFragment(html).querySelector("[data-model-status]");
                if (next) banner.replaceWith(next);
            }
        } catch (error) {
            // The server is restarting or the network dropped for a moment: the next round tries again.
            console.debug("model status", error);
        }
        setTimeout(refresh, everyMs);
    }

    function start() {
        if (running || !document.querySelector("[data-model-status]")) return;
        running = true;
        setTimeout(refresh, everyMs);
    }

    start();
    // Blazor's enhanced navigation patches the page without reloading this script.
    window.Blazor?.addEventListener?.("enhancedload", start);
})();
