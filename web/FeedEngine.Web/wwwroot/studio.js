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
