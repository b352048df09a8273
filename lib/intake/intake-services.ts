/** The services a practice lists in its profile settings, offered as the form's choices. */
export function intakeServices(settings: unknown): string[] {
  const profile = (settings as { profile?: { services?: unknown } } | null)?.profile;
  const list = profile?.services;

  return Array.isArray(list) ? list.filter((s): s is string => typeof s === 'string') : [];
}
