// Text the hub can store and show as it was typed: no control characters (PostgreSQL refuses a
// null byte; a bell or an escape is never meant) and no lone surrogates (half of a character,
// which would silently become a replacement mark). Tabs and line breaks are kept.

const isControl = (code: number, keepLineBreaks: boolean) =>
  (code < 0x20 && !(keepLineBreaks && (code === 0x09 || code === 0x0a || code === 0x0d))) || code === 0x7f;

/** True when every UTF-16 unit pairs up and nothing is a control character (line breaks allowed unless said). */
export function isStorableText(value: string, { lineBreaks = true }: { lineBreaks?: boolean } = {}): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (isControl(code, lineBreaks)) return false;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return false;
  }
  return true;
}
