// Live token estimate under text areas marked data-tokens="<id of the counter>": about four characters a token,
// the same estimate the server checks against the budget on save.
document.addEventListener('input', event => {
    const area = event.target;
    if (!(area instanceof HTMLTextAreaElement) || !area.dataset.tokens) return;
    const counter = document.getElementById(area.dataset.tokens);
    if (!counter) return;
    const tokens = Math.ceil(area.value.length / 4);
    const budget = Number(counter.dataset.budget);
    counter.textContent = `About ${tokens.toLocaleString('en')} tokens of ${budget.toLocaleString('en')}` + (tokens > budget ? ': over the budget' : '');
    counter.classList.toggle('field-error', tokens > budget);
});

// Autosave of the studio editor (forms marked data-autosave="<url>"): a moment after the last keystroke the form is
// posted to the autosave endpoint with the draft version this tab last saw. "Saving…", then "Saved"; a draft saved
// elsewhere meanwhile (another tab) is a conflict: it is shown, autosave pauses, and nothing is overwritten.
const autosaveDelayMs = 1500;
const autosaves = new WeakMap();

function autosaveStatus(form, text, kind) {
    const status = document.querySelector('[data-autosave-status]');
    if (!status) return;
    status.textContent = text;
    status.dataset.state = kind;
    status.classList.toggle('alert', kind === 'conflict' || kind === 'invalid' || kind === 'failed');
}

// The editor's fields as the JSON the autosave endpoint reads: "Input.Lore[0].Name" -> { Lore: [{ Name }] },
// checkboxes as booleans (unchecked ones left out, like a form post), everything else as text.
function autosaveBody(form) {
    const body = {};
    for (const field of form.elements) {
        if (!field.name || field.disabled || field.type === 'file' || field.type === 'submit' || field.type === 'button') continue;
        if (field.name === '_handler' || field.name === '__RequestVerificationToken') continue;
        if (field.type === 'checkbox' && !field.checked) continue;
        const path = field.name.replace(/^Input\./, '').split('.').flatMap(part => {
            const match = /^(\w+)(?:\[(\d+)\])?$/.exec(part);
            return match ? (match[2] === undefined ? [match[1]] : [match[1], Number(match[2])]) : [null];
        });
        if (path.includes(null)) continue;
        let node = body;
        for (let i = 0; i < path.length - 1; i++) {
            node[path[i]] ??= typeof path[i + 1] === 'number' ? [] : {};
            node = node[path[i]];
        }
        node[path[path.length - 1]] = field.type === 'checkbox' ? true : field.value;
    }
    for (const key of ['Greetings', 'Lore', 'State']) if (Array.isArray(body[key])) body[key] = body[key].filter(row => row != null);
    return body;
}

async function autosave(form) {
    const state = autosaves.get(form);
    if (state.inFlight) { state.again = true; return; }
    state.inFlight = true;
    state.again = false;
    autosaveStatus(form, 'Saving…', 'saving');
    const body = autosaveBody(form);
    const token = form.querySelector("input[name='__RequestVerificationToken']")?.value ?? '';
    try {
        const response = await fetch(form.dataset.autosave, {
            method: 'POST', body: JSON.stringify(body), credentials: 'same-origin',
            headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
        });
        if (response.ok) {
            const saved = await response.json();
            form.querySelector("input[name='Input.Version']").value = saved.version;
            document.querySelectorAll('[data-draft-version]').forEach(e => { e.textContent = String(saved.version); });
            autosaveStatus(form, `Saved at ${new Date(saved.savedAt).toLocaleTimeString()}`, 'saved');
        } else if (response.status === 409) {
            const conflict = await response.json();
            state.paused = true;
            const changed = conflict.changedThere.length ? ` Changed there: ${conflict.changedThere.join(', ')}.` : '';
            autosaveStatus(form, `Not saved: this draft was saved elsewhere (another tab?).${changed} Your edits are still in this form and autosave is paused. Press Save draft to compare and choose, or reload to take the saved draft.`, 'conflict');
        } else if (response.status === 400) {
            const problem = await response.json();
            autosaveStatus(form, `Not saved yet: ${problem.title ?? 'the draft has problems'}. Press Save draft to see them.`, 'invalid');
        } else {
            autosaveStatus(form, `Not saved (the server answered ${response.status}). Your edits are still in this form; press Save draft.`, 'failed');
        }
    } catch {
        autosaveStatus(form, 'Not saved: the server could not be reached. Your edits are still in this form.', 'failed');
    } finally {
        state.inFlight = false;
        if (state.again && !state.paused) autosave(form);
    }
}

function scheduleAutosave(event) {
    const form = event.target.closest?.('form[data-autosave]') ?? (event.target.form?.dataset.autosave ? event.target.form : null);
    if (!form || event.target.type === 'file') return;
    if (!autosaves.has(form)) autosaves.set(form, { timer: 0, inFlight: false, again: false, paused: false });
    const state = autosaves.get(form);
    if (state.paused) return;
    autosaveStatus(form, 'Unsaved changes…', 'pending');
    clearTimeout(state.timer);
    state.timer = setTimeout(() => autosave(form), autosaveDelayMs);
}

document.addEventListener('input', scheduleAutosave);
document.addEventListener('change', scheduleAutosave);
