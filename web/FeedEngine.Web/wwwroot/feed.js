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
