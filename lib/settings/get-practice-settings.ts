import 'server-only';

import type { PracticeDb } from '@/lib/db/with-practice';
import { AppError } from '@/lib/http/errors';

import { readPracticeSettings, type PracticeSettings } from './practice-settings';

export interface PracticeSettingsView {
  name: string;
  timezone: string;
  settings: PracticeSettings;
}

/** The current practice's name, time zone and typed settings (defaults filled in). */
export async function getPracticeSettings(
  db: PracticeDb,
  practiceId: string,
): Promise<PracticeSettingsView> {
  const practice = await db.practice.findFirst({
    where: { id: practiceId },
    select: { name: true, timezone: true, settings: true },
  });
  if (!practice) throw new AppError('not_found');

  return {
    name: practice.name,
    timezone: practice.timezone,
    settings: readPracticeSettings(practice.settings),
  };
}
