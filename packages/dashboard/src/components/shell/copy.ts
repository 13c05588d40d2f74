/**
 * Copies text to the clipboard. On a hospital intranet the hub is often served over plain http to an IP
 * address, where the Clipboard API is withheld (it needs a secure context): there the selected-text copy,
 * deprecated but still everywhere, does it. Whether it worked.
 */
function legacyCopy(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
    return legacyCopy(text);
  } catch {
    return legacyCopy(text);
  }
}
