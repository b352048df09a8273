import { EmptyState } from '@/components/ui/empty-state';
import type { ThreadMessage } from '@/lib/messages/list-thread';

import { Badge } from '../ui/badge';

import { formatDateTime } from './format';
import { MessageBody } from './message-body';
import styles from './referral.module.css';

export function MessageThread({
  messages,
  timeZone,
}: {
  messages: ThreadMessage[];
  timeZone: string;
}) {
  if (messages.length === 0) {
    return (
      <EmptyState title="No messages yet">
        Messages you send here reach the referring vet.
      </EmptyState>
    );
  }

  return (
    <ol className={styles.thread} aria-label="Messages, oldest first">
      {messages.map((m) => (
        <li
          key={m.id}
          className={`${styles.message} ${m.visibility === 'internal' ? styles.internal : ''}`}
        >
          <div className={styles.messageMeta}>
            <strong>{m.authorName}</strong>
            {m.authorType === 'guest' ? <span>Referring vet</span> : null}
            <time dateTime={m.createdAt.toISOString()}>
              {formatDateTime(m.createdAt, timeZone)}
            </time>
            {m.visibility === 'internal' ? <Badge tone="warning">Internal note</Badge> : null}
            {!m.readByMe ? <Badge tone="info">New</Badge> : null}
            {m.visibility === 'shared' && m.authorType !== 'guest' ? (
              <span>
                {m.readByReferringVetAt
                  ? `Read by referring vet ${formatDateTime(m.readByReferringVetAt, timeZone)}`
                  : 'Not yet read by referring vet'}
              </span>
            ) : null}
          </div>
          <MessageBody body={m.body} />
        </li>
      ))}
    </ol>
  );
}
