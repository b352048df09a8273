import { splitMessage } from '@/lib/messages/render-message';

/** A message's plain text: escaped by React, http(s) links made clickable, nothing else. */
export function MessageBody({ body }: { body: string }) {
  return (
    <p className="message-body">
      {splitMessage(body).map((segment, i) =>
        segment.type === 'link' ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
            {segment.text}
          </a>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
