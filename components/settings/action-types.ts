import type { ActionState } from '@/lib/http/staff-action';

export type Done = { message: string };
export type SettingsAction = (prev: ActionState<Done>, fd: FormData) => Promise<ActionState<Done>>;
export const IDLE: ActionState<Done> = { status: 'idle' };
