/** Who did something. Every audit event, status change and message names one. */
export type Actor =
  | { type: 'user'; userId: string; sessionId: string; label: string }
  | { type: 'api_key'; apiKeyId: string; label: string }
  | { type: 'guest'; linkId: string; label: string }
  | { type: 'system'; label: string };

/** Facts about the request that audit events carry; the IP comes only from trusted sources. */
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** Everything an operation needs to act for someone inside one practice. */
export interface PracticeContext {
  practiceId: string;
  actor: Actor;
  request: RequestMeta;
}

export function actorId(actor: Actor): string | null {
  switch (actor.type) {
    case 'user':
      return actor.userId;
    case 'api_key':
      return actor.apiKeyId;
    case 'guest':
      return actor.linkId;
    case 'system':
      return null;
  }
}
