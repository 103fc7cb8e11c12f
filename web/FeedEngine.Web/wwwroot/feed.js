// The feed page's few browser calls: infinite scroll and copying a share link.
export function observe(element, dotnet) {
  const observer = new IntersectionObserver(entries => {
    if (entries.some(e => e.isIntersecting)) dotnet.invokeMethodAsync('OnSentinelVisible');
  }, { rootMargin: '400px 0px' });
  observer.observe(element);
  return { dispose: () => observer.disconnect() };
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export function scrollIntoView(element) {
  element?.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

// Feed cards shown to the viewer: a card at least half in view counts once per page (post cards are creator analytics'
// views, sponsored cards are impressions); ids go to .NET in batches of up to 50, a second after the first was seen.
export function watchCards(list, dotnet) {
  const seen = new Set();
  const pending = [];
  let timer = 0;
  const flush = () => {
    timer = 0;
    const batch = pending.splice(0, 50);
    if (batch.length) dotnet.invokeMethodAsync('OnCardsSeen', batch);
    if (pending.length) timer = setTimeout(flush, 1000);
  };
  const observer = new IntersectionObserver(entries => {
    for (const entry of entries) {
      const card = entry.target;
      const id = card.dataset.postId;
      if (!entry.isIntersecting || (card.dataset.kind !== 'post' && card.dataset.kind !== 'sponsored') || !id || seen.has(id)) continue;
      seen.add(id);
      pending.push(id);
      observer.unobserve(card);
    }
    if (pending.length && !timer) timer = setTimeout(flush, 1000);
  }, { threshold: 0.5 });
  const watch = () => list.querySelectorAll('article[data-post-id]').forEach(card => { if (!seen.has(card.dataset.postId)) observer.observe(card); });
  watch();
  const added = new MutationObserver(watch);
  added.observe(list, { childList: true });
  return { dispose: () => { clearTimeout(timer); observer.disconnect(); added.disconnect(); } };
}
