/** The inbox's URL state: every filter lives in the query string, so links and the back button work. */
export type InboxParams = Record<string, string | string[] | undefined>;

export function inboxHref(params: InboxParams, changes: InboxParams = {}, path = '/inbox'): string {
  const merged: InboxParams = { ...params, ...changes };
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== '') qs.append(key, v);
  }
  const s = qs.toString();

  return s ? `${path}?${s}` : path;
}

export function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
